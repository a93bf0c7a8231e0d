/**
 * Hand-made requests for what the SDK will not send: keys with `%2F` or `%2E%2E` in the raw path (the SDK
 * would encode the `%`), DynamoDB bodies the SDK's serializer would not build (a JSON null inside an item),
 * `x-amz-*` headers left out of the signature, bodies and headers of any size. Signed exactly as each
 * service signs (S3 over the path as sent).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { PlayerCredentials } from './gateway-clients';

export interface RawAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface RawRequest {
	method: string;
	/** Path and query exactly as sent. */
	path: string;
	headers?: Record<string, string | string[]>;
	body?: string | Buffer;
}

/** Sends `req` to `endpoint` as written (no header added but Host) and returns the answer. */
export function sendRaw(endpoint: string, req: RawRequest): Promise<RawAnswer> {
	const url = new URL(endpoint);
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{
				host: url.hostname,
				port: url.port,
				method: req.method,
				path: req.path,
				headers: { host: url.host, ...req.headers },
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		// As bytes: a string body would make Node send the header block in the body's encoding (UTF-8),
		// and header values are Latin-1 (one character per byte on the wire).
		outgoing.end(req.body === undefined ? undefined : Buffer.from(req.body));
	});
}

export interface SigningOptions {
	service: 's3' | 'dynamodb' | 'sts' | 'cognito-identity';
	/** Headers left out of `SignedHeaders` although they are sent (lowercase names). */
	unsigned?: readonly string[];
}

/** Signs `req` with SigV4 as the SDK does for `service`, leaving `options.unsigned` out, and sends it. */
export async function sendSigned(
	endpoint: string,
	credentials: PlayerCredentials,
	req: RawRequest,
	options: SigningOptions,
): Promise<RawAnswer> {
	return sendRaw(endpoint, await signRequest(endpoint, credentials, req, options));
}

/** `req` with the SigV4 headers added (Authorization, X-Amz-Date, X-Amz-Security-Token…). */
export async function signRequest(
	endpoint: string,
	credentials: PlayerCredentials,
	req: RawRequest,
	options: SigningOptions,
): Promise<RawRequest> {
	const url = new URL(endpoint);
	const body = req.body ?? '';
	const [path, query = ''] = req.path.split('?');
	const signer = new SignatureV4({
		credentials,
		region: 'us-east-1',
		service: options.service,
		sha256: Sha256,
		uriEscapePath: options.service !== 's3',
		applyChecksum: false,
	});
	const headers: Record<string, string> = { host: url.host };
	for (const [name, value] of Object.entries(req.headers ?? {})) headers[name] = String(value);
	if (options.service === 's3') {
		headers['x-amz-content-sha256'] ??= createHash('sha256').update(body).digest('hex');
	}
	const signed = await signer.sign(
		{
			method: req.method,
			protocol: 'http:',
			hostname: url.hostname,
			port: Number(url.port),
			path: path!,
			query: Object.fromEntries(new URLSearchParams(query)),
			headers,
			body,
		},
		{ unsignableHeaders: new Set(options.unsigned ?? []) },
	);
	return { ...req, headers: signed.headers };
}

/** Sends a SigV4-signed S3 request with `rawPath` (percent-encoding kept as written) and returns the answer. */
export function signedS3Request(
	endpoint: string,
	credentials: PlayerCredentials,
	method: string,
	rawPath: string,
	body = '',
): Promise<RawAnswer> {
	return sendSigned(
		endpoint,
		credentials,
		{ method, path: rawPath, headers: { 'content-length': String(Buffer.byteLength(body)) }, body },
		{ service: 's3' },
	);
}

/** Sends a SigV4-signed DynamoDB JSON 1.0 request with `body` exactly as given. */
export function signedDynamoDBRequest(
	endpoint: string,
	credentials: PlayerCredentials,
	operation: string,
	body: string,
): Promise<RawAnswer> {
	return sendSigned(
		endpoint,
		credentials,
		{
			method: 'POST',
			path: '/',
			headers: {
				'content-type': 'application/x-amz-json-1.0',
				'x-amz-target': `DynamoDB_20120810.${operation}`,
				'content-length': String(Buffer.byteLength(body)),
			},
			body,
		},
		{ service: 'dynamodb' },
	);
}
