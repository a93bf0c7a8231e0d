import type { WireRequest } from '../iam/request';
import type { CallLogEntry } from '../aws/call-log';

/**
 * A logged call's last attempt as the request mapping reads it: the signed request the call log recorded
 * (method, URL, headers and body text, secrets redacted, which the mapping never reads). `null` for a call
 * that is not to S3 or DynamoDB, or that recorded no request.
 */
export function recordedWireRequest(
	entry: Pick<CallLogEntry, 'service' | 'request'>,
): WireRequest | null {
	const service = SERVICES[entry.service];
	if (service === undefined || entry.request === null) return null;
	const { method, url, headers, body } = entry.request;
	const { host, pathAndQuery } = splitUrl(url);
	const lowered: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
	// The Host header is sent from the URL; a log that left it out still says where the call went.
	if (lowered.host === undefined && host !== '') lowered.host = host;
	return { service, method, url: pathAndQuery, headers: lowered, body: body ?? '' };
}

const SERVICES: Record<string, WireRequest['service'] | undefined> = {
	S3: 's3',
	DynamoDB: 'dynamodb',
};

/**
 * Host and `path?query` of an absolute URL, the path left exactly as sent: `new URL` would resolve `..`
 * and re-encode, and the mapping must see the key S3 saw.
 */
function splitUrl(url: string): { host: string; pathAndQuery: string } {
	const scheme = url.indexOf('://');
	if (scheme === -1) return { host: '', pathAndQuery: url };
	const rest = url.slice(scheme + 3);
	const end = rest.search(/[/?]/);
	if (end === -1) return { host: rest, pathAndQuery: '/' };
	const pathAndQuery = rest.slice(end);
	return {
		host: rest.slice(0, end),
		pathAndQuery: pathAndQuery.startsWith('?') ? `/${pathAndQuery}` : pathAndQuery,
	};
}
