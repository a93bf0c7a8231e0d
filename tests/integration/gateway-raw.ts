/**
 * Hand-signed requests for what the SDK will not send: keys with `%2F` or `%2E%2E` in the raw path (the SDK
 * would encode the `%`), and DynamoDB bodies the SDK's serializer would not build (a JSON null inside an
 * item). Signed exactly as S3 and DynamoDB sign, over the path and body as sent.
 */
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { PlayerCredentials } from './gateway-clients';

export interface RawAnswer {
	status: number;
	body: string;
}

/** Sends a SigV4-signed S3 request with `rawPath` (percent-encoding kept as written) and returns the answer. */
export async function signedS3Request(
	endpoint: string,
	credentials: PlayerCredentials,
	method: string,
	rawPath: string,
	body = '',
): Promise<RawAnswer> {
	const url = new URL(endpoint);
	const signer = new SignatureV4({
		credentials,
		region: 'us-east-1',
		service: 's3',
		sha256: Sha256,
		uriEscapePath: false,
		applyChecksum: false,
	});
	const signed = await signer.sign({
		method,
		protocol: 'http:',
		hostname: url.hostname,
		port: Number(url.port),
		path: rawPath,
		query: {},
		headers: {
			host: url.host,
			'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
			'content-length': String(Buffer.byteLength(body)),
		},
		body,
	});
	return send(url, method, rawPath, signed.headers, body);
}

/** Sends a SigV4-signed DynamoDB JSON 1.0 request with `body` exactly as given. */
export async function signedDynamoDBRequest(
	endpoint: string,
	credentials: PlayerCredentials,
	operation: string,
	body: string,
): Promise<RawAnswer> {
	const url = new URL(endpoint);
	const signer = new SignatureV4({
		credentials,
		region: 'us-east-1',
		service: 'dynamodb',
		sha256: Sha256,
	});
	const signed = await signer.sign({
		method: 'POST',
		protocol: 'http:',
		hostname: url.hostname,
		port: Number(url.port),
		path: '/',
		query: {},
		headers: {
			host: url.host,
			'content-type': 'application/x-amz-json-1.0',
			'x-amz-target': `DynamoDB_20120810.${operation}`,
			'content-length': String(Buffer.byteLength(body)),
		},
		body,
	});
	return send(url, 'POST', '/', signed.headers, body);
}

function send(
	url: URL,
	method: string,
	path: string,
	headers: Record<string, string>,
	body: string,
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
			);
		});
		req.on('error', reject);
		req.end(body);
	});
}
