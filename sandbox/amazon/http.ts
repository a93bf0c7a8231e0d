/**
 * The sandbox Login with Amazon's small HTTP vocabulary: OAuth 2.0 error answers (`{"error",
 * "error_description"}`, RFC 6749 §5.2, as Login with Amazon words them), CORS for the app's origins on the
 * endpoints a browser calls, and reading an access token from where Login with Amazon takes it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-json';

/** Login with Amazon's answer to a token it does not accept: unknown, expired, revoked or malformed. */
export const INVALID_TOKEN = 'The request has an invalid parameter : access_token';

/** An OAuth 2.0 error in JSON; never cached, never carries a token. */
export function sendOAuthError(
	res: ServerResponse,
	status: number,
	error: string,
	description: string,
): void {
	sendJson(res, status, { error, error_description: description });
}

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = new Set(['authorization', 'content-type', 'accept', 'x-amz-access-token']);

/**
 * CORS for the API endpoints (token, profile, token information), which the app calls from the browser: the
 * app's origins may read the answers, errors included; any other origin gets no CORS headers. Answers a
 * preflight and returns true; false lets the request through.
 */
export function handleCors(
	req: IncomingMessage,
	res: ServerResponse,
	appOrigins: readonly string[],
): boolean {
	res.setHeader('Vary', 'Origin');
	const origin = req.headers.origin;
	const allowed = origin !== undefined && appOrigins.includes(origin);
	if (allowed) res.setHeader('Access-Control-Allow-Origin', origin);
	if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined)
		return false;
	if (!allowed) {
		sendOAuthError(res, 403, 'invalid_request', 'Only the app may call this endpoint from a page.');
		return true;
	}
	const requested = String(req.headers['access-control-request-headers'] ?? '')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter((h) => ALLOWED_HEADERS.has(h));
	res.writeHead(204, {
		'Access-Control-Allow-Methods': ALLOWED_METHODS,
		...(requested.length > 0 ? { 'Access-Control-Allow-Headers': requested.join(', ') } : {}),
		'Access-Control-Max-Age': '600',
	});
	res.end();
	return true;
}

/**
 * The access token of a profile or token-information request: "as a query parameter, as a bearer token, or
 * using x-amz-access-token in the HTTP header" (Login with Amazon, "Obtain Customer Profile Information").
 * `undefined` when none is given; `null` when more than one is, which OAuth refuses (RFC 6750 §2).
 */
export function accessTokenOf(req: IncomingMessage, url: URL): string | null | undefined {
	const found: string[] = [];
	const bearer = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '');
	if (bearer) found.push(bearer[1]!);
	const header = req.headers['x-amz-access-token'];
	if (typeof header === 'string') found.push(header);
	found.push(...url.searchParams.getAll('access_token'));
	if (found.length > 1) return null;
	return found[0];
}

/** One value per parameter: OAuth refuses a request that repeats one (RFC 6749 §3.1, §3.2). */
export function repeatedParameter(params: URLSearchParams): string | undefined {
	const seen = new Set<string>();
	for (const name of params.keys()) {
		if (seen.has(name)) return name;
		seen.add(name);
	}
	return undefined;
}
