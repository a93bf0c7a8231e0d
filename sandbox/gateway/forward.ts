/**
 * Forwards an authorized DynamoDB request to dynalite and streams its answer back: status, headers
 * (Content-Type, x-amz-crc32 …) and body, unchanged in meaning. What is dropped is what belongs to the
 * caller's hop or to the gateway: the caller's credentials, CORS (the endpoint already answered it for the
 * app's origins) and hop-by-hop headers.
 */
import {
	Agent,
	request as httpRequest,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import { internalError, newRequestId, requestIdHeaders, sendAwsError } from '../errors';
import type { StorageService } from './denial';

const hopByHop = new Set([
	'connection',
	'keep-alive',
	'transfer-encoding',
	'upgrade',
	'expect',
	'te',
	'trailer',
	'proxy-connection',
]);
const callerOnly =
	/^(host|origin|referer|access-control-.+|authorization|x-amz-security-token|x-amz-date|x-amz-content-sha256|x-amz-user-agent|amz-sdk-.+)$/;
// dynalite insists on seeing a SigV4-shaped Authorization and date (it never checks the signature).
const keepForDynamo = new Set(['authorization', 'x-amz-date']);
// `date` too: the endpoint already set it from the sandbox clock, which SDK skew correction must agree with.
const fromStorageOnly = /^(access-control-.+|vary|connection|keep-alive|transfer-encoding|date)$/i;

export class Forwarder {
	readonly #agent = new Agent({ keepAlive: true, maxSockets: 64 });

	/** Sends `body` to `baseUrl + path` and pipes the answer into `res`. */
	forward(
		service: StorageService,
		baseUrl: string,
		method: string,
		path: string,
		headers: IncomingHttpHeaders,
		body: Buffer,
		res: ServerResponse,
	): Promise<void> {
		return new Promise((resolve, reject) => {
			const upstream = httpRequest(
				`${baseUrl}${path}`,
				{ method, agent: this.#agent, headers: forwardedHeaders(service, headers, body) },
				(answer) => {
					// A throw here would escape every request boundary: it rejects this request instead.
					try {
						relay(service, answer, res);
					} catch (error) {
						answer.destroy();
						reject(error as Error);
						return;
					}
					answer.once('end', () => resolve());
					answer.once('error', () => {
						res.destroy();
						resolve();
					});
				},
			);
			upstream.once('error', () => {
				if (res.headersSent) res.destroy();
				else sendAwsError(res, service, internalError(service), { head: method === 'HEAD' });
				resolve();
			});
			upstream.end(body);
		});
	}

	close(): void {
		this.#agent.destroy();
	}
}

/**
 * The emulator's status, headers (less the hop's own) and body, into the caller's response. DynamoDB
 * answers get a request id of our own: dynalite's are 52 characters too, but upper-cased base64, which
 * holds letters (W to Z) DynamoDB's never do.
 */
function relay(service: StorageService, answer: IncomingMessage, res: ServerResponse): void {
	res.statusCode = answer.statusCode ?? 502;
	for (const [name, value] of Object.entries(answer.headers)) {
		if (value !== undefined && !fromStorageOnly.test(name)) res.setHeader(name, value);
	}
	if (service === 'dynamodb' || answer.headers['x-amz-request-id'] === undefined) {
		for (const [name, value] of Object.entries(requestIdHeaders(service, newRequestId(service))))
			res.setHeader(name, value);
	}
	answer.pipe(res);
}

function forwardedHeaders(
	service: StorageService,
	headers: IncomingHttpHeaders,
	body: Buffer,
): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || hopByHop.has(name)) continue;
		if (callerOnly.test(name) && !(service === 'dynamodb' && keepForDynamo.has(name))) continue;
		out[name] = value;
	}
	out['content-length'] = String(body.length);
	return out;
}
