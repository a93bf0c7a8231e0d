/** S3's REST-XML answers: every result document in S3's namespace, as AWS sends them. */
import { escapeXml } from '../errors';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlNode[];
export interface XmlNode {
	[element: string]: XmlValue;
}

/** `<Root xmlns="…">…</Root>` from `{ Element: value }` in order; `null`/`undefined` are left out. */
export function s3Document(root: string, fields: XmlNode): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XMLNS}">${elements(fields)}</${root}>`;
}

function elements(fields: XmlNode): string {
	let out = '';
	for (const [name, value] of Object.entries(fields)) {
		if (value === null || value === undefined) continue;
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) {
			out +=
				typeof item === 'object' && item !== null
					? `<${name}>${elements(item)}</${name}>`
					: `<${name}>${escapeXml(String(item))}</${name}>`;
		}
	}
	return out;
}

/** S3's timestamps in XML: ISO 8601 with milliseconds. */
export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}

/**
 * `EncodingType=url`: keys and prefixes percent-encoded, `/` kept. A space is `%20`, never `+`, so both
 * readers clients use decode it right: `decodeURIComponent` and botocore's `unquote_plus`.
 */
export function urlEncodeKey(key: string): string {
	return encodeURIComponent(key).replace(/%2F/g, '/');
}
