/**
 * The body of S3 `DeleteObjects` (`POST /<bucket>?delete`): `<Delete><Quiet>…</Quiet><Object><Key>…</Key>
 * </Object>…</Delete>`. Read with a small, bounded reader (no DOM here: the inspector and the sandbox share
 * it): at most 1,000 objects, as S3 allows (API Reference, DeleteObjects), anything else `MalformedXML`.
 */
import { RequestRejection } from './rejection';

export interface DeleteObjectsBody {
	quiet: boolean;
	objects: { key: string; versionId: string | null }[];
}

/** S3 API Reference, DeleteObjects: "you can specify up to 1000 keys". */
export const MAX_DELETE_OBJECTS = 1000;

const MALFORMED =
	'The XML you provided was not well-formed or did not validate against our published schema';

export function malformedXml(): RequestRejection {
	return new RequestRejection(400, 'MalformedXML', MALFORMED);
}

/** Parses a DeleteObjects body; throws {@link RequestRejection} `MalformedXML` for anything else. */
export function parseDeleteObjects(body: string | Uint8Array): DeleteObjectsBody {
	const text = (typeof body === 'string' ? body : new TextDecoder().decode(body))
		.replace(/^\uFEFF/, '')
		.replace(/^\s*<\?xml[^>]*\?>/, '')
		.trim();
	const root = /^<Delete(\s+xmlns="[^"]*")?\s*>([\s\S]*)<\/Delete>$/.exec(text);
	if (root === null) throw malformedXml();
	let rest = root[2]!;
	let quiet = false;
	const objects: DeleteObjectsBody['objects'] = [];
	const element = /^\s*<(Quiet|Object)>([\s\S]*?)<\/\1>/;
	while (rest.trim() !== '') {
		const match = element.exec(rest);
		if (match === null) throw malformedXml();
		rest = rest.slice(match[0].length);
		if (match[1] === 'Quiet') {
			const value = match[2]!.trim();
			if (value !== 'true' && value !== 'false') throw malformedXml();
			quiet = value === 'true';
			continue;
		}
		objects.push(objectOf(match[2]!));
		if (objects.length > MAX_DELETE_OBJECTS) throw malformedXml();
	}
	if (objects.length === 0) throw malformedXml();
	return { quiet, objects };
}

function objectOf(inner: string): { key: string; versionId: string | null } {
	let key: string | null = null;
	let versionId: string | null = null;
	let rest = inner;
	const field = /^\s*<(Key|VersionId|ETag|LastModifiedTime|Size)>([^<]*)<\/\1>/;
	while (rest.trim() !== '') {
		const match = field.exec(rest);
		if (match === null) throw malformedXml();
		rest = rest.slice(match[0].length);
		if (match[1] === 'Key') key = unescapeXml(match[2]!);
		if (match[1] === 'VersionId') versionId = unescapeXml(match[2]!);
	}
	if (key === null || key === '') throw malformedXml();
	return { key, versionId };
}

function unescapeXml(text: string): string {
	return text.replace(
		/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g,
		(whole, entity: string) => {
			if (entity === 'amp') return '&';
			if (entity === 'lt') return '<';
			if (entity === 'gt') return '>';
			if (entity === 'quot') return '"';
			if (entity === 'apos') return "'";
			const code = entity.startsWith('#x')
				? parseInt(entity.slice(2), 16)
				: parseInt(entity.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		},
	);
}
