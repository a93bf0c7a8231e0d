/**
 * SigV4 by query string (presigned URLs) for S3, and the parts of SigV4 the streaming payloads need
 * (S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)" and
 * "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks"). Checks,
 * in S3's words: every X-Amz-* parameter present (`AuthorizationQueryParametersError`); `X-Amz-Expires`
 * a number of seconds up to 604,800 (a week); the scope's region and service; the URL not yet expired
 * (403 `AccessDenied`, "Request has expired"); the access key and its session token (from the query),
 * the session not expired (400 `ExpiredToken` — a URL outlives nothing it was signed with); and the
 * signature, recomputed over the canonical request (`UNSIGNED-PAYLOAD`) and compared in constant time.
 */
import { createHash, createHmac } from 'node:crypto';
import { AwsError } from './errors';
import type { ChunkVerifier } from './s3/aws-chunked';

export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

export interface QueryAuth {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
	terminator: string;
	amzDate: string;
	signedAt: number;
	expiresSeconds: number;
	signedHeaders: string[];
	signature: string;
	securityToken: string | undefined;
}

const REQUIRED = [
	'X-Amz-Algorithm',
	'X-Amz-Credential',
	'X-Amz-Signature',
	'X-Amz-Date',
	'X-Amz-SignedHeaders',
	'X-Amz-Expires',
];

function queryError(message: string): AwsError {
	return new AwsError('AuthorizationQueryParametersError', 400, message);
}

/** The query's SigV4 parameters, or the refusal S3 answers for them. */
export function parseQueryAuth(rawQuery: string, region: string): QueryAuth {
	const query = new URLSearchParams(rawQuery);
	const get = (name: string) => query.get(name) ?? undefined;
	if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
		throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
	}
	if (REQUIRED.some((name) => get(name) === undefined)) {
		throw queryError(
			'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
		);
	}
	const expires = get('X-Amz-Expires')!;
	if (!/^-?\d{1,12}$/.test(expires)) throw queryError('X-Amz-Expires should be a number');
	const expiresSeconds = Number(expires);
	if (expiresSeconds < 0) throw queryError('X-Amz-Expires must be non-negative');
	if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
		throw queryError(
			`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}`,
		);
	}
	const credential =
		/^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(get('X-Amz-Credential')!) ?? null;
	if (credential === null) {
		throw queryError(
			'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
		);
	}
	const [, accessKeyId, date, scopeRegion, service, terminator] = credential;
	if (scopeRegion !== region) {
		throw new AwsError(
			'AuthorizationQueryParametersError',
			400,
			`Error parsing the X-Amz-Credential parameter; the region '${scopeRegion!.slice(0, 64)}' is wrong; expecting '${region}'`,
			{ extra: { Region: region } },
		);
	}
	if (service !== 's3' || terminator !== 'aws4_request') {
		throw queryError(
			`Error parsing the X-Amz-Credential parameter; incorrect service "${service!.slice(0, 64)}". This endpoint belongs to "s3".`,
		);
	}
	const amzDate = get('X-Amz-Date')!;
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
	if (m === null) {
		throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
	}
	if (!amzDate.startsWith(date!)) {
		throw queryError(
			`Error parsing the X-Amz-Credential parameter; the date '${date}' does not match the X-Amz-Date '${amzDate}'.`,
		);
	}
	const signature = get('X-Amz-Signature')!;
	return {
		accessKeyId: accessKeyId!,
		date: date!,
		region: scopeRegion!,
		service: service!,
		terminator: terminator!,
		amzDate,
		signedAt: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!),
		expiresSeconds,
		signedHeaders: get('X-Amz-SignedHeaders')!.toLowerCase().split(';'),
		signature,
		securityToken: get('X-Amz-Security-Token'),
	};
}

/** A presigned URL used past its `X-Amz-Date + X-Amz-Expires`: S3's 403. */
export function checkNotExpired(auth: QueryAuth, now: number): void {
	const expiresAt = auth.signedAt + auth.expiresSeconds * 1000;
	if (now > expiresAt) {
		throw new AwsError('AccessDenied', 403, 'Request has expired', {
			extra: {
				'X-Amz-Expires': String(auth.expiresSeconds),
				Expires: isoSeconds(expiresAt),
				ServerTime: isoSeconds(now),
			},
		});
	}
	// Signed more than 15 minutes in the future.
	if (auth.signedAt - now > 15 * 60 * 1000) {
		throw new AwsError('AccessDenied', 403, 'Request is not valid yet', {
			extra: { 'X-Amz-Date': auth.amzDate, ServerTime: isoSeconds(now) },
		});
	}
}

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hmac(key: Buffer | string, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
	return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** RFC 3986 encoding, as SigV4 canonicalizes a query parameter. */
function uriEncode(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The canonical query string: every parameter but the signature, encoded and sorted. */
function canonicalQuery(rawQuery: string): string {
	const pairs: [string, string][] = [];
	for (const part of rawQuery.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const name = uriEncode(safeDecode(eq === -1 ? part : part.slice(0, eq)));
		const value = eq === -1 ? '' : uriEncode(safeDecode(part.slice(eq + 1)));
		if (name === 'X-Amz-Signature') continue;
		pairs.push([name, value]);
	}
	pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
	return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** The signature a presigned request must carry. */
export function presignedSignature(
	request: {
		method: string;
		path: string;
		query: string;
		headers: Record<string, string | string[] | undefined>;
	},
	auth: QueryAuth,
	secret: string,
): string {
	const headerValue = (name: string) => {
		const value = request.headers[name];
		return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
	};
	const signed = [...auth.signedHeaders].sort();
	const payload = headerValue('x-amz-content-sha256') || 'UNSIGNED-PAYLOAD';
	const canonical = [
		request.method,
		request.path,
		canonicalQuery(request.query),
		signed.map((name) => `${name}:${headerValue(name)}\n`).join(''),
		signed.join(';'),
		payload,
	].join('\n');
	const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
	const toSign = ['AWS4-HMAC-SHA256', auth.amzDate, scope, sha256Hex(canonical)].join('\n');
	return hmac(signingKey(secret, auth.date, auth.region, auth.service), toSign).toString('hex');
}

const EMPTY_SHA256 = sha256Hex('');

/** Checks each chunk's and the trailer's signature of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) body. */
export function chunkVerifier(
	key: Buffer,
	amzDate: string,
	scope: string,
	seed: string,
): ChunkVerifier {
	return {
		seed,
		chunk: (previous, data) =>
			hmac(
				key,
				['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, sha256Hex(data)].join(
					'\n',
				),
			).toString('hex'),
		trailer: (previous, canonicalTrailers) =>
			hmac(
				key,
				['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, previous, sha256Hex(canonicalTrailers)].join(
					'\n',
				),
			).toString('hex'),
	};
}
