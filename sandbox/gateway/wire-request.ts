import type { IncomingMessage } from 'node:http';
import type { WireRequest } from '../../src/lib/iam/request';

/**
 * A Node request as the shared mapping reads it. Node has already lower-cased the header names and joined
 * a repeated header's values with `, ` (all but `set-cookie`, which a request does not carry).
 */
export function wireRequestOf(
	service: WireRequest['service'],
	req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
	body: Buffer,
): WireRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return { service, method: req.method ?? 'GET', url: req.url ?? '/', headers, body };
}
