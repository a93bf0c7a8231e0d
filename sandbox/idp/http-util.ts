import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../read-body';
import { pageHeaders, renderMessagePage } from './pages';

const maxFormBytes = 8 * 1024;

/**
 * Reads a small `application/x-www-form-urlencoded` body; one of another type reads as empty. Throws
 * `BodyTooLargeError` past 8 KiB (the login form sends a player name).
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
	const body = await readBody(req, maxFormBytes);
	const type = req.headers['content-type'] ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
	return new URLSearchParams(body.toString('utf8'));
}

export function sendHtml(
	res: ServerResponse,
	status: number,
	headers: Record<string, string>,
	html: string,
): void {
	res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(html) });
	res.end(html);
}

/** A page with a heading and one paragraph (`pages.ts`), under the provider's CSP. */
export function sendMessagePage(
	res: ServerResponse,
	csp: string,
	status: number,
	heading: string,
	message: string,
): void {
	sendHtml(res, status, pageHeaders(csp), renderMessagePage(heading, message));
}
