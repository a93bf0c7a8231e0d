import type { ServerResponse } from 'node:http';

/** A JSON answer that no cache keeps (the sandbox's own endpoints: test-only routes, their refusals). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const json = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(json),
		'Cache-Control': 'no-store',
	});
	res.end(json);
}
