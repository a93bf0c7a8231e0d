/**
 * Hand-signed requests for what the SDK will not send: keys with `%2F` or `%2E%2E` in the raw path (the SDK
 * would encode the `%`). Signed exactly as S3 signs, over the path as sent.
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
	return new Promise((resolve, reject) => {
		const req = request(
			{ host: url.hostname, port: url.port, method, path: rawPath, headers: signed.headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}
