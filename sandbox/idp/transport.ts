/**
 * The identity providers' HTTP bounds (`limits.ts`), decided before oidc-provider or a page handler sees a
 * request, and their answers in OAuth 2.0's error shape (RFC 6749 §5.2: `error`, `error_description`).
 */
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendJson } from '../http-json';
import {
	HEADERS_TIMEOUT_MS,
	MAX_IDP_BODY_BYTES,
	MAX_IDP_HEADER_BYTES,
	REQUEST_TIMEOUT_MS,
} from '../limits';
import { discardUnreadBody } from '../read-body';
import { endSocketWith } from '../request-boundary';

export const idpServerOptions: ServerOptions = {
	maxHeaderSize: MAX_IDP_HEADER_BYTES,
	headersTimeout: HEADERS_TIMEOUT_MS,
	requestTimeout: REQUEST_TIMEOUT_MS,
};

/** Refuses a declared body over `MAX_IDP_BODY_BYTES` (413) and returns true, before anything reads it. */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): boolean {
	if (Number(req.headers['content-length'] ?? 0) <= MAX_IDP_BODY_BYTES) return false;
	sendJson(res, 413, {
		error: 'invalid_request',
		error_description: `request bodies are limited to ${MAX_IDP_BODY_BYTES} bytes`,
	});
	discardUnreadBody(req);
	return true;
}

/** A failure of ours while handling one request (the request boundary calls this). */
export function answerServerError(_req: IncomingMessage, res: ServerResponse): void {
	sendJson(res, 500, { error: 'server_error', error_description: 'the request failed' });
}

/** Node's parser refused the request (headers over the limit, malformed HTTP, too slow). */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
	const [status, description] =
		error.code === 'HPE_HEADER_OVERFLOW'
			? [431, `request line and headers are limited to ${MAX_IDP_HEADER_BYTES} bytes`]
			: error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
				? [408, 'the request took too long to arrive']
				: [400, 'the request is not valid HTTP'];
	const body = JSON.stringify({ error: 'invalid_request', error_description: description });
	endSocketWith(socket, status, { 'Content-Type': 'application/json; charset=utf-8' }, body);
}
