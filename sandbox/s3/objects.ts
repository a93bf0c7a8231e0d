/**
 * Object reads and writes as S3 answers them: GetObject and HeadObject (ranges, conditionals, checksum
 * mode), PutObject (conditional writes, integrity), CopyObject and DeleteObject.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AwsError } from '../errors';
import {
	headerOf,
	checksumOf,
	algorithmOfHeader,
	CHECKSUM_ALGORITHMS,
	type ChecksumAlgorithm,
} from './checksums';
import type { VerifiedBody } from './integrity';
import type { StoredChecksum, StoredObject } from './store';
import { isoTime, s3Document } from './xml';

const PRECONDITION_MESSAGE = 'At least one of the pre-conditions you specified did not hold';

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

export function noSuchKey(key: string): AwsError {
	return new AwsError('NoSuchKey', 404, 'The specified key does not exist.', {
		extra: { Key: key },
	});
}

export function preconditionFailed(condition: string): AwsError {
	return new AwsError('PreconditionFailed', 412, PRECONDITION_MESSAGE, {
		extra: { Condition: condition },
	});
}

/** RFC 7232 `If-Match`/`If-None-Match`: `*` or a list of entity tags; S3 compares strongly, quotes optional. */
export function etagMatches(headerValue: string, current: string): boolean {
	const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
	return headerValue.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(current));
}

/** An HTTP date, or `null` when it is not one (S3 then ignores the condition, as HTTP says). */
function httpDate(value: string | undefined): number | null {
	if (value === undefined) return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

/** A second-grained time (HTTP dates carry no milliseconds). */
export function wholeSecond(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
}

export function etagOf(data: Buffer): string {
	return `"${createHash('md5').update(data).digest('hex')}"`;
}

/**
 * GetObject's and HeadObject's conditions, in the order and with the combinations the GetObject API
 * Reference gives: `If-Match` true and `If-Unmodified-Since` false → 200; `If-None-Match` false and
 * `If-Modified-Since` true → 304. A failed `If-Match`/`If-Unmodified-Since` is 412, a failed
 * `If-None-Match`/`If-Modified-Since` 304 Not Modified. Returns `'not-modified'` or `null` (go on).
 */
export function readConditions(
	headers: IncomingHttpHeaders,
	object: StoredObject,
): 'not-modified' | null {
	const ifMatch = header(headers, 'if-match');
	const ifNoneMatch = header(headers, 'if-none-match');
	if (ifMatch !== undefined) {
		if (!etagMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
	} else {
		const since = httpDate(header(headers, 'if-unmodified-since'));
		if (since !== null && object.lastModified > since) {
			throw preconditionFailed('If-Unmodified-Since');
		}
	}
	if (ifNoneMatch !== undefined) {
		if (etagMatches(ifNoneMatch, object.etag)) return 'not-modified';
	} else {
		const since = httpDate(header(headers, 'if-modified-since'));
		if (since !== null && object.lastModified <= since) return 'not-modified';
	}
	return null;
}

/**
 * `Range: bytes=first-last`, `bytes=first-` or `bytes=-suffix` (RFC 9110 §14.1.2): the inclusive byte
 * range, `null` for the whole object (no range, or one S3 ignores: several ranges, another unit, a
 * malformed one). A range that starts past the end, or an empty suffix, is 416 `InvalidRange`.
 */
export function rangeOf(value: string | undefined, size: number): [number, number] | null {
	if (value === undefined) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
	if (match === null || (match[1] === '' && match[2] === '')) return null;
	const [, first, last] = match;
	if (first === '') {
		const suffix = Number(last);
		if (suffix === 0 || size === 0) throw invalidRange(value, size);
		return [Math.max(0, size - suffix), size - 1];
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	if (last !== '' && Number(last) < start) return null; // invalid syntax: ignored, per RFC 9110
	if (start >= size) throw invalidRange(value, size);
	return [start, end];
}

function invalidRange(value: string, size: number): AwsError {
	return new AwsError('InvalidRange', 416, 'The requested range is not satisfiable', {
		extra: { RangeRequested: value.slice(0, 128), ActualObjectSize: String(size) },
	});
}

const STORED_HEADERS = [
	'cache-control',
	'content-disposition',
	'content-encoding',
	'content-language',
	'expires',
];

const RESPONSE_OVERRIDES: Record<string, string> = {
	'response-cache-control': 'Cache-Control',
	'response-content-disposition': 'Content-Disposition',
	'response-content-encoding': 'Content-Encoding',
	'response-content-language': 'Content-Language',
	'response-content-type': 'Content-Type',
	'response-expires': 'Expires',
};

/** The headers S3 sends with an object: its system and user metadata, ETag, Last-Modified, checksum. */
function objectHeaders(
	res: ServerResponse,
	object: StoredObject,
	query: URLSearchParams,
	withChecksum: boolean,
): void {
	res.setHeader('Last-Modified', new Date(object.lastModified).toUTCString());
	res.setHeader('ETag', object.etag);
	res.setHeader('Accept-Ranges', 'bytes');
	res.setHeader('x-amz-server-side-encryption', 'AES256');
	res.setHeader('Content-Type', object.contentType);
	for (const [name, value] of Object.entries(object.headers)) res.setHeader(name, value);
	for (const [name, value] of Object.entries(object.metadata))
		res.setHeader(`x-amz-meta-${name}`, value);
	if (object.partSizes !== null)
		res.setHeader('x-amz-mp-parts-count', String(object.partSizes.length));
	for (const [param, name] of Object.entries(RESPONSE_OVERRIDES)) {
		const value = query.get(param);
		if (value !== null) res.setHeader(name, value.replace(/[^\x20-\x7e]/g, '?'));
	}
	if (withChecksum && object.checksum !== null) {
		res.setHeader(headerOf(object.checksum.algorithm), object.checksum.value);
		res.setHeader('x-amz-checksum-type', object.checksum.type);
	}
}

/** GetObject / HeadObject of a found object. */
export function answerRead(
	res: ServerResponse,
	object: StoredObject,
	headers: IncomingHttpHeaders,
	query: URLSearchParams,
	head: boolean,
): void {
	if (readConditions(headers, object) === 'not-modified') {
		res.statusCode = 304;
		res.setHeader('ETag', object.etag);
		res.setHeader('Last-Modified', new Date(object.lastModified).toUTCString());
		res.end();
		return;
	}
	let range = rangeOf(header(headers, 'range'), object.data.length);
	const partNumber = query.get('partNumber');
	if (partNumber !== null) range = partRange(object, partNumber);
	const checksumMode = header(headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
	// A checksum covers the whole object: a part of it goes without (as S3 sends none for a range).
	objectHeaders(res, object, query, checksumMode && (range === null || isWhole(range, object)));
	let body = object.data;
	if (range !== null && !(partNumber !== null && isWhole(range, object))) {
		res.statusCode = 206;
		res.setHeader('Content-Range', `bytes ${range[0]}-${range[1]}/${object.data.length}`);
		body = object.data.subarray(range[0], range[1] + 1);
	} else {
		res.statusCode = partNumber !== null && object.partSizes !== null ? 206 : 200;
		if (res.statusCode === 206) {
			res.setHeader('Content-Range', `bytes 0-${object.data.length - 1}/${object.data.length}`);
		}
	}
	res.setHeader('Content-Length', String(body.length));
	if (head) res.end();
	else res.end(body);
}

function isWhole(range: [number, number], object: StoredObject): boolean {
	return range[0] === 0 && range[1] === object.data.length - 1;
}

function partRange(object: StoredObject, raw: string): [number, number] {
	const count = object.partSizes?.length ?? 1;
	const n = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
	if (n < 1 || n > 10000) {
		throw new AwsError(
			'InvalidArgument',
			400,
			'Part number must be an integer between 1 and 10000, inclusive',
			{
				extra: { ArgumentName: 'partNumber', ArgumentValue: raw.slice(0, 16) },
			},
		);
	}
	if (n > count) {
		throw new AwsError('InvalidPartNumber', 416, 'The requested partnumber is not satisfiable', {
			extra: { PartNumberRequested: String(n), ActualPartCount: String(count) },
		});
	}
	const sizes = object.partSizes ?? [object.data.length];
	const start = sizes.slice(0, n - 1).reduce((a, b) => a + b, 0);
	return [start, start + sizes[n - 1]! - 1];
}

/** The system and user metadata a write names (the `aws-chunked` framing is not the object's encoding). */
export function metadataOf(
	headers: IncomingHttpHeaders,
): Pick<StoredObject, 'contentType' | 'headers' | 'metadata'> {
	const stored: Record<string, string> = {};
	for (const name of STORED_HEADERS) {
		let value = header(headers, name);
		if (name === 'content-encoding' && value !== undefined) {
			value = value
				.split(',')
				.map((e) => e.trim())
				.filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked')
				.join(', ');
			if (value === '') value = undefined;
		}
		if (value !== undefined) stored[name] = value;
	}
	const metadata: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.startsWith('x-amz-meta-') && value !== undefined) {
			metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
		}
	}
	return {
		contentType: header(headers, 'content-type') ?? 'binary/octet-stream',
		headers: stored,
		metadata,
	};
}

/**
 * The checksum S3 keeps with a new object: the one the caller sent, else one it computes in the
 * algorithm the caller named (`x-amz-sdk-checksum-algorithm` / `x-amz-checksum-algorithm`), else
 * CRC64NVME, S3's default for new objects since 2024 (User Guide, "Checking object integrity").
 */
export function storedChecksum(headers: IncomingHttpHeaders, body: VerifiedBody): StoredChecksum {
	if (body.checksum !== null) return { ...body.checksum, type: 'FULL_OBJECT' };
	const algorithm = namedAlgorithm(headers) ?? 'CRC64NVME';
	return { algorithm, value: checksumOf(algorithm, body.data), type: 'FULL_OBJECT' };
}

/** The algorithm `x-amz-sdk-checksum-algorithm` or `x-amz-checksum-algorithm` names, if valid. */
export function namedAlgorithm(headers: IncomingHttpHeaders): ChecksumAlgorithm | null {
	const raw =
		header(headers, 'x-amz-sdk-checksum-algorithm') ?? header(headers, 'x-amz-checksum-algorithm');
	if (raw === undefined) return null;
	const algorithm = CHECKSUM_ALGORITHMS.find((a) => a === raw.trim().toUpperCase());
	if (algorithm === undefined) {
		throw new AwsError(
			'InvalidRequest',
			400,
			'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]',
		);
	}
	return algorithm;
}

/** PutObject's conditional writes (`If-None-Match: *`, `If-Match: <etag>`), checked against `current`. */
export function writeConditions(
	headers: IncomingHttpHeaders,
	key: string,
	current: StoredObject | undefined,
): void {
	const ifMatch = header(headers, 'if-match');
	const ifNoneMatch = header(headers, 'if-none-match');
	if (ifNoneMatch !== undefined) {
		if (ifNoneMatch.trim() !== '*') {
			throw new AwsError(
				'NotImplemented',
				501,
				'A header you provided implies functionality that is not implemented',
				{
					extra: { Header: 'If-None-Match' },
				},
			);
		}
		if (current !== undefined) throw preconditionFailed('If-None-Match');
	}
	if (ifMatch !== undefined) {
		if (current === undefined) throw noSuchKey(key);
		if (!etagMatches(ifMatch, current.etag)) throw preconditionFailed('If-Match');
	}
}

/** The headers a write answers with: the ETag and the stored checksum. */
export function writeHeaders(res: ServerResponse, object: StoredObject): void {
	res.setHeader('ETag', object.etag);
	res.setHeader('x-amz-server-side-encryption', 'AES256');
	if (object.checksum !== null) {
		res.setHeader(headerOf(object.checksum.algorithm), object.checksum.value);
		res.setHeader('x-amz-checksum-type', object.checksum.type);
	}
}

/**
 * CopyObject's source conditions (`x-amz-copy-source-if-match` …), as GetObject's but each failure 412.
 */
export function copySourceConditions(headers: IncomingHttpHeaders, source: StoredObject): void {
	const ifMatch = header(headers, 'x-amz-copy-source-if-match');
	const ifNoneMatch = header(headers, 'x-amz-copy-source-if-none-match');
	const unmodified = httpDate(header(headers, 'x-amz-copy-source-if-unmodified-since'));
	const modified = httpDate(header(headers, 'x-amz-copy-source-if-modified-since'));
	if (ifMatch !== undefined) {
		if (!etagMatches(ifMatch, source.etag)) throw preconditionFailed('x-amz-copy-source-If-Match');
	} else if (unmodified !== null && source.lastModified > unmodified) {
		throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
	}
	if (ifNoneMatch !== undefined) {
		if (etagMatches(ifNoneMatch, source.etag))
			throw preconditionFailed('x-amz-copy-source-If-None-Match');
	} else if (modified !== null && source.lastModified <= modified) {
		throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
	}
}

/** The CopyObjectResult document. */
export function copyResult(object: StoredObject): string {
	const checksum = object.checksum;
	const fields: Record<string, string> = {
		LastModified: isoTime(object.lastModified),
		ETag: object.etag,
	};
	if (checksum !== null) {
		fields.ChecksumType = checksum.type;
		fields[`Checksum${checksum.algorithm}`] = checksum.value;
	}
	return s3Document('CopyObjectResult', fields);
}

/** Whether the request names a checksum header (or trailer) at all. */
export function namesChecksum(headers: IncomingHttpHeaders): boolean {
	return (
		Object.keys(headers).some((name) => algorithmOfHeader(name) !== undefined) ||
		header(headers, 'x-amz-trailer') !== undefined
	);
}
