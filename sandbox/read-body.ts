/**
 * The one bounded body reader of the sandbox's own servers. A body over its bound is refused as soon as
 * that is known (at once from a declared `Content-Length`, else while counting) and the rest is left
 * unread: the caller answers and closes the connection.
 */
import type { IncomingMessage } from 'node:http';
import { LINGER_MS } from './limits';

export class BodyTooLargeError extends Error {
	override readonly name = 'BodyTooLargeError';
	/** The declared size, or the bytes counted when the bound was passed. */
	readonly size: number;

	constructor(size: number) {
		super(`request body over the limit (${size} bytes or more)`);
		this.size = size;
	}
}

/** The client closed (or the stream failed) before the whole body arrived. */
export class IncompleteBodyError extends Error {
	override readonly name = 'IncompleteBodyError';
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > maxBytes) throw new BodyTooLargeError(declared);
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
			size += chunk.length;
			if (size > maxBytes) break;
			chunks.push(chunk);
		}
	} catch {
		throw new IncompleteBodyError('the request body ended early');
	}
	if (size > maxBytes) throw new BodyTooLargeError(size);
	return Buffer.concat(chunks, size);
}

/**
 * After answering a request whose body has not all arrived (refused, or failed): read and drop the rest,
 * for at most `LINGER_MS`, then close. Closing at once with unread bytes would make the kernel reset the
 * connection, and a client still sending would lose the answer with it.
 */
export function discardUnreadBody(req: IncomingMessage): void {
	if (req.complete || req.destroyed) return;
	const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
	timer.unref();
	const drained = () => clearTimeout(timer);
	req.once('end', drained);
	req.once('close', drained);
	req.resume();
}
