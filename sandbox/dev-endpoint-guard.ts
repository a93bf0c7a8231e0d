/**
 * The test-only `/__sandbox/*` endpoints (the AWS endpoint's clock, the providers' direct ID tokens) serve
 * scripts and test processes, which call them from Node without an `Origin`. A web page the player visits
 * must not reach them: it could move the clock (expiring every session, or reviving expired credentials)
 * or read a signed ID token. A browser says where a request comes from, so:
 * - `Origin` (sent on every cross-origin request and on same-origin POSTs) must be the endpoint's own;
 *   the app's origins are refused too: the app never calls these endpoints;
 * - `Sec-Fetch-Site`, when sent, must be `same-origin` or `none` (typed in the address bar): the app on
 *   another port of localhost is `same-site`, which is refused;
 * - `Host` must name the endpoint itself, so a page on a rebinding DNS name that resolves to 127.0.0.1 (and
 *   is therefore "same-origin" with itself) cannot read a GET answer;
 * - a state-changing request must be `Content-Type: application/json`, which a page can only send after a
 *   CORS preflight (which these endpoints refuse): a cross-site "simple" `text/plain` or form POST fails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-json';

export interface DevEndpointRefusal {
	status: number;
	error: string;
	error_description: string;
}

/** Answers a request the endpoint must refuse (see above) and returns true; false lets it through. */
export function refuseCrossSite(
	req: IncomingMessage,
	res: ServerResponse,
	origins: readonly string[],
): boolean {
	const refusal = devEndpointRefusal(req, origins);
	if (refusal === null) return false;
	const { status, ...body } = refusal;
	sendJson(res, status, body);
	return true;
}

/** `http://…:PORT` origins under which a server on `port` is reached from this machine. */
export function ownOrigins(hostNames: readonly string[], port: number): string[] {
	const names = new Set(['localhost', '127.0.0.1', ...hostNames].map((h) => h.toLowerCase()));
	return [...names].map((name) => `http://${name}:${port}`);
}

/** Why `req` may not use a test-only endpoint, or `null` when it may. */
export function devEndpointRefusal(
	req: IncomingMessage,
	origins: readonly string[],
): DevEndpointRefusal | null {
	const hosts = origins.map((origin) => new URL(origin).host);
	if (!hosts.includes((req.headers.host ?? '').toLowerCase())) {
		return forbidden('the Host header does not name this sandbox endpoint');
	}
	const origin = req.headers.origin;
	if (origin !== undefined && !origins.includes(origin)) {
		return forbidden(`requests from the origin ${origin.slice(0, 100)} are refused`);
	}
	const site = req.headers['sec-fetch-site'];
	if (site !== undefined && site !== 'same-origin' && site !== 'none') {
		return forbidden(`${site.slice(0, 20)} requests are refused`);
	}
	if (!['GET', 'HEAD'].includes(req.method ?? '') && !isJson(req.headers['content-type'])) {
		return {
			status: 415,
			error: 'unsupported_media_type',
			error_description: 'a test-only endpoint takes Content-Type: application/json only',
		};
	}
	return null;
}

function isJson(contentType: string | undefined): boolean {
	return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function forbidden(why: string): DevEndpointRefusal {
	return {
		status: 403,
		error: 'forbidden',
		error_description: `This test-only endpoint answers scripts on this machine only: ${why}.`,
	};
}
