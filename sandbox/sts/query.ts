import type { ServerResponse } from 'node:http';
import { escapeXml, requestIdHeaders, STS_XMLNS } from '../errors';

/** STS parameters from the query string and the form body (the Query protocol accepts both). */
export function readQueryParameters(
	rawQuery: string,
	body: Buffer,
	contentType: string,
): Map<string, string> {
	const params = new Map<string, string>();
	for (const [key, value] of new URLSearchParams(rawQuery)) params.set(key, value);
	if (contentType.startsWith('application/x-www-form-urlencoded')) {
		for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
	}
	return params;
}

/** An XML element tree for a Query-protocol result: strings are text, objects nest, undefined is omitted. */
export type XmlValue = string | number | undefined | { [name: string]: XmlValue };

function toXml(name: string, value: XmlValue, indent: string): string {
	if (value === undefined) return '';
	if (typeof value !== 'object') return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
	const inner = Object.entries(value)
		.map(([child, v]) => toXml(child, v, indent + '  '))
		.join('');
	return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
}

/** Writes `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…` as STS does. */
export function sendQueryResult(
	res: ServerResponse,
	action: string,
	result: Record<string, XmlValue>,
	requestId: string,
): void {
	const body =
		`<${action}Response xmlns="${STS_XMLNS}">\n` +
		toXml(`${action}Result`, result, '  ') +
		`  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
		`</${action}Response>\n`;
	res.statusCode = 200;
	for (const [name, value] of Object.entries(requestIdHeaders('sts', requestId)))
		res.setHeader(name, value);
	res.setHeader('Content-Type', 'text/xml');
	res.setHeader('Content-Length', Buffer.byteLength(body));
	res.end(body);
}

/** `2014-10-24T23:00:23Z`: STS timestamps carry whole seconds. */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
