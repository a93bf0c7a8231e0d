import type { IncomingMessage, ServerResponse } from 'node:http';

const maxFormBytes = 8 * 1024;

/** Reads a small `application/x-www-form-urlencoded` body; anything bigger or of another type is empty. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
	const type = req.headers['content-type'] ?? '';
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxFormBytes) return new URLSearchParams();
		chunks.push(chunk);
	}
	if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const json = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(json),
		'Cache-Control': 'no-store',
	});
	res.end(json);
}
