/**
 * What an S3 write's body holds and whether it arrived intact: `aws-chunked` framing decoded (aws-chunked.ts),
 * then `Content-MD5` and every `x-amz-checksum-<algorithm>` (header or trailer) checked against the data, in
 * S3's words (API Reference, "Error responses"; User Guide, "Checking object integrity"):
 * - a `Content-MD5` that is not the base64 of 16 bytes: 400 `InvalidDigest`; one that differs: 400
 *   `BadDigest`, "The Content-MD5 you specified did not match what we received.";
 * - a checksum that is not the base64 of its digest: 400 `InvalidRequest`, "Value for x-amz-checksum-crc32
 *   header is invalid."; more than one algorithm: 400 `InvalidRequest`; one that differs: 400 `BadDigest`,
 *   "The CRC32 you specified did not match the calculated checksum.".
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors';
import { decodeAwsChunked, type ChunkVerifier } from './aws-chunked';
import {
	algorithmOfHeader,
	checksumOf,
	headerOf,
	wellFormed,
	type ChecksumAlgorithm,
} from './checksums';

export interface VerifiedBody {
	data: Buffer;
	/** The checksum the caller sent (header or trailer) and that matched, if any. */
	checksum: { algorithm: ChecksumAlgorithm; value: string } | null;
	/** Whether a Content-MD5 or a checksum covered the data. */
	integrityChecked: boolean;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(',') : value;
}

/** Whether the body is `aws-chunked` framed (by its encoding or its streaming payload marker). */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
	const encoding = single(headers, 'content-encoding') ?? '';
	const marker = single(headers, 'x-amz-content-sha256') ?? '';
	return (
		encoding
			.split(',')
			.map((e) => e.trim().toLowerCase())
			.includes('aws-chunked') || marker.startsWith('STREAMING-')
	);
}

/** The body's data, decoded and verified; throws the AwsError S3 answers otherwise. */
export function verifiedBody(
	headers: IncomingHttpHeaders,
	body: Buffer,
	verifier: ChunkVerifier | undefined,
): VerifiedBody {
	let data = body;
	let trailers: Record<string, string> = {};
	if (isAwsChunked(headers)) {
		const declared = declaredTrailers(headers);
		const decodedLength = single(headers, 'x-amz-decoded-content-length');
		if (decodedLength === undefined || !/^\d{1,15}$/.test(decodedLength)) {
			throw new AwsError(
				'MissingContentLength',
				411,
				'You must provide the Content-Length HTTP header.',
			);
		}
		({ data, trailers } = decodeAwsChunked(body, declared, verifier));
		if (data.length !== Number(decodedLength)) {
			throw new AwsError(
				'IncompleteBody',
				400,
				'You did not provide the number of bytes specified by the Content-Length HTTP header',
			);
		}
	}
	const md5 = single(headers, 'content-md5');
	if (md5 !== undefined) checkMd5(md5.trim(), data);
	const sent: { algorithm: ChecksumAlgorithm; name: string; value: string }[] = [];
	for (const [name, value] of [...Object.entries(headers), ...Object.entries(trailers)]) {
		const algorithm = algorithmOfHeader(name);
		if (algorithm !== undefined && value !== undefined) {
			sent.push({ algorithm, name, value: String(value).trim() });
		}
	}
	if (sent.length > 1) {
		throw new AwsError(
			'InvalidRequest',
			400,
			'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
		);
	}
	const [claim] = sent;
	if (claim === undefined) return { data, checksum: null, integrityChecked: md5 !== undefined };
	if (!wellFormed(claim.algorithm, claim.value)) {
		throw new AwsError(
			'InvalidRequest',
			400,
			`Value for ${headerOf(claim.algorithm)} header is invalid.`,
		);
	}
	if (checksumOf(claim.algorithm, data) !== claim.value) {
		throw new AwsError(
			'BadDigest',
			400,
			`The ${claim.algorithm} you specified did not match the calculated checksum.`,
		);
	}
	return {
		data,
		checksum: { algorithm: claim.algorithm, value: claim.value },
		integrityChecked: true,
	};
}

/** `x-amz-trailer`: the one checksum header the body's trailer will carry. */
function declaredTrailers(headers: IncomingHttpHeaders): string[] {
	const value = single(headers, 'x-amz-trailer');
	if (value === undefined || value.trim() === '') return [];
	const names = value.split(',').map((n) => n.trim().toLowerCase());
	if (names.length > 1 || names.some((n) => algorithmOfHeader(n) === undefined)) {
		throw new AwsError(
			'InvalidRequest',
			400,
			'The value specified in the x-amz-trailer header is not supported',
		);
	}
	return names;
}

function checkMd5(value: string, data: Buffer): void {
	const bytes = /^[A-Za-z0-9+/]{22}==$/.test(value) ? Buffer.from(value, 'base64') : null;
	if (bytes === null || bytes.length !== 16) {
		throw new AwsError('InvalidDigest', 400, 'The Content-MD5 you specified is not valid.');
	}
	if (!createHash('md5').update(data).digest().equals(bytes)) {
		throw new AwsError(
			'BadDigest',
			400,
			'The Content-MD5 you specified did not match what we received.',
			{ extra: { ExpectedDigest: value } },
		);
	}
}
