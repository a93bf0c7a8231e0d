import { createHash, timingSafeEqual } from 'node:crypto';
import { NodeSha256 } from './node-sha256';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SandboxClock } from './clock';
import { AwsError, isJsonService, type AwsService } from './errors';
import type { IamUser } from './iam-user';
import type { SessionStore, TemporarySession } from './sessions';
import type { ChunkVerifier } from './s3/aws-chunked';
import {
	checkNotExpired,
	chunkVerifier,
	parseQueryAuth,
	presignedSignature,
	signingKey as deriveSigningKey,
} from './sigv4-query';
import { unsignedHeadersError } from './sigv4-signed-headers';

/** A request as it arrived, before any decoding: what SigV4 signs. */
export interface SignedRequest {
	method: string;
	/** The raw path as sent, still percent-encoded, without the query. */
	path: string;
	/** The raw query string without `?` ('' when none). */
	query: string;
	/** Header names lowercased (Node's `req.headers`). */
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface SigV4Deps {
	sessions: SessionStore;
	clock: SandboxClock;
	region: string;
	/**
	 * Long-term access keys (`AKIA…`) of the sandbox's IAM users, for the services that accept them (Cognito
	 * Identity's developer calls). Left out, only role sessions sign.
	 */
	users?: { findByAccessKeyId(accessKeyId: string): IamUser | undefined };
}

/** Who signed: a role session (temporary credentials) or an IAM user (long-term access keys). */
export type Caller =
	{ kind: 'session'; session: TemporarySession } | { kind: 'user'; user: IamUser };

/** A request whose signature, key, session token, expiry and time checked out. */
export interface VerifiedCaller extends Omit<VerifiedSession, 'session'> {
	caller: Caller;
}

/** A request whose signature, session token, expiry and time checked out. */
export interface VerifiedSession {
	session: TemporarySession;
	/** Lowercased header names the caller signed. */
	signedHeaders: string[];
	/** The signing time from `x-amz-date`, epoch ms. */
	signedAt: number;
	/** The body's SHA-256 as hex, or the payload marker the caller signed (`UNSIGNED-PAYLOAD`…). */
	payloadHash: string;
	/** For a signed streaming payload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD…): checks each chunk's signature. */
	chunkVerifier?: ChunkVerifier;
	/** Signed by query string (a presigned URL) rather than the Authorization header. */
	presigned?: boolean;
}

/** Parsed `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
interface AuthorizationHeader {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
	terminator: string;
	signedHeaders: string[];
	signature: string;
}

export const MAX_SKEW_MS = 15 * 60 * 1000;
// Payload markers S3 accepts in x-amz-content-sha256 without a body hash to compare (a signed streaming
// payload's chunks are checked one by one as the body is decoded: sandbox/s3/aws-chunked.ts).
const SIGNED_STREAMING = new Set([
	'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
	'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);
const SIGV4A_STREAMING = new Set([
	'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
	'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
]);
const UNHASHED_PAYLOADS = new Set([
	'UNSIGNED-PAYLOAD',
	'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
	...SIGNED_STREAMING,
]);

/**
 * S3 in every region opened since 2014 takes Signature Version 4 only; a SigV2 request (header `AWS
 * AKID:sig`, or the query's `AWSAccessKeyId`/`Signature`/`Expires`) gets this answer.
 */
function sigV2Refused(): AwsError {
	return new AwsError(
		'InvalidRequest',
		400,
		'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
	);
}

/**
 * Verifies an AWS Signature Version 4 (header form) the way the addressed service does, and returns the
 * session the credentials belong to. Checks, in AWS's order: an Authorization header is present and well
 * formed; the credential scope names this region and service; the access key was issued by this sandbox;
 * the session token is present and bound to that key; the credentials have not expired; the signing time
 * is within 15 minutes of the sandbox clock; the signature, recomputed with `@smithy/signature-v4` over
 * exactly the signed headers, matches (compared in constant time); and for S3 that `x-amz-content-sha256`
 * matches the body. Throws an {@link AwsError} with the service's own code, status and message otherwise.
 * Async only because the signer is.
 */
export async function verifySigV4(
	req: SignedRequest,
	service: AwsService,
	deps: SigV4Deps,
): Promise<VerifiedSession> {
	const { caller, ...verified } = await verifySigV4Caller(req, service, {
		...deps,
		users: undefined,
	});
	// Without `users` no other kind of caller can come back; the check keeps the types honest.
	if (caller.kind !== 'session') throw unknownKey(service, '');
	return { session: caller.session, ...verified };
}

/**
 * {@link verifySigV4} for a service that also takes IAM users' long-term keys (`deps.users`): such a request
 * carries no `X-Amz-Security-Token` (one that does is refused, as AWS refuses a session token that belongs to
 * no session) and never expires.
 */
export async function verifySigV4Caller(
	req: SignedRequest,
	service: AwsService,
	deps: SigV4Deps,
): Promise<VerifiedCaller> {
	if (service === 's3') {
		const authorization = header(req.headers, 'authorization');
		const query = new URLSearchParams(req.query);
		if (authorization?.startsWith('AWS ')) throw sigV2Refused();
		if (authorization === undefined) {
			if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential')) {
				return verifyPresigned(req, deps);
			}
			if (query.has('AWSAccessKeyId') || (query.has('Signature') && query.has('Expires'))) {
				throw sigV2Refused();
			}
		}
	}
	const auth = parseAuthorization(req, service);
	checkScope(auth, service, deps.region);
	const unsigned = unsignedHeadersError(req.headers, auth.signedHeaders, service);
	if (unsigned !== null) throw unsigned;
	const { caller, credentials } = signingKey(req, service, auth.accessKeyId, deps);
	const amzDate = header(req.headers, 'x-amz-date');
	const signedAt = amzDate === undefined ? NaN : parseAmzDate(amzDate);
	if (Number.isNaN(signedAt)) throw missingDate(service);
	if (!amzDate!.startsWith(auth.date)) throw scopeDateMismatch(service, auth.date, amzDate!);
	checkSkew(service, signedAt, deps.clock.now());

	// Hashed once, and only when needed: an UNSIGNED-PAYLOAD upload of 64 MiB need not block the loop.
	let hashed: string | undefined;
	const bodyHash = () => (hashed ??= createHash('sha256').update(req.body).digest('hex'));
	const payloadHash = signedPayloadHash(req, service, bodyHash);
	const expected = await computeSignature(req, auth, credentials, signedAt, payloadHash, service);
	if (!safeEqual(expected, auth.signature)) throw signatureMismatch(service);
	if (service === 's3' && !UNHASHED_PAYLOADS.has(payloadHash) && payloadHash !== bodyHash()) {
		throw new AwsError(
			'XAmzContentSHA256Mismatch',
			400,
			"The provided 'x-amz-content-sha256' header does not match what was computed.",
			{ extra: { ClientComputedContentSHA256: payloadHash, S3ComputedContentSHA256: bodyHash() } },
		);
	}
	const verified: VerifiedCaller = {
		caller,
		signedHeaders: auth.signedHeaders,
		signedAt,
		payloadHash,
	};
	if (SIGNED_STREAMING.has(payloadHash)) {
		const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
		const key = deriveSigningKey(credentials.secretAccessKey, auth.date, auth.region, auth.service);
		verified.chunkVerifier = chunkVerifier(key, amzDate!, scope, auth.signature);
	}
	return verified;
}

/**
 * An S3 request signed by query string (a presigned URL; sigv4-query.ts): the URL's parameters and expiry,
 * then its access key, session token and session expiry, then the signature. The session token comes from
 * `X-Amz-Security-Token` in the query, where the SDKs and the CLI put it.
 */
async function verifyPresigned(req: SignedRequest, deps: SigV4Deps): Promise<VerifiedCaller> {
	const auth = parseQueryAuth(req.query, deps.region);
	checkNotExpired(auth, deps.clock.now());
	if (!auth.signedHeaders.includes('host')) {
		throw signatureMismatch('s3', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
	}
	const unsigned = unsignedHeadersError(req.headers, auth.signedHeaders, 's3');
	if (unsigned !== null) throw unsigned;
	const withToken: SignedRequest =
		auth.securityToken === undefined
			? req
			: { ...req, headers: { ...req.headers, 'x-amz-security-token': auth.securityToken } };
	const { caller, credentials } = signingKey(withToken, 's3', auth.accessKeyId, {
		...deps,
		users: undefined,
	});
	const expected = presignedSignature(req, auth, credentials.secretAccessKey);
	if (!safeEqual(expected, auth.signature)) throw signatureMismatch('s3');
	return {
		caller,
		signedHeaders: auth.signedHeaders,
		signedAt: auth.signedAt,
		payloadHash: 'UNSIGNED-PAYLOAD',
		presigned: true,
	};
}

/** The caller an access key belongs to and its secret, once its session token and expiry checked out. */
function signingKey(
	req: SignedRequest,
	service: AwsService,
	accessKeyId: string,
	deps: SigV4Deps,
): { caller: Caller; credentials: Credentials } {
	const token = header(req.headers, 'x-amz-security-token');
	const session = deps.sessions.findByAccessKeyId(accessKeyId);
	if (session) {
		if (token === undefined || !safeEqual(token, session.sessionToken)) throw badToken(service);
		if (deps.sessions.isExpired(session)) throw expired(service);
		return { caller: { kind: 'session', session }, credentials: session };
	}
	const user = deps.users?.findByAccessKeyId(accessKeyId);
	if (!user) throw unknownKey(service, accessKeyId);
	if (token !== undefined) throw badToken(service);
	return { caller: { kind: 'user', user }, credentials: user };
}

interface Credentials {
	accessKeyId: string;
	secretAccessKey: string;
}

/** The service a request's SigV4 credential scope names (`…/us-east-1/sts/aws4_request`), if any. */
export function scopedService(headers: SignedRequest['headers']): string | undefined {
	const auth = header(headers, 'authorization');
	return auth ? /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth)?.[1] : undefined;
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(',') : value;
}

function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	// Compare equal-length buffers so the time taken does not depend on where they differ.
	return left.length === right.length && timingSafeEqual(left, right);
}

function parseAuthorization(req: SignedRequest, service: AwsService): AuthorizationHeader {
	const value = header(req.headers, 'authorization');
	if (value === undefined) {
		if (/(^|&)X-Amz-Algorithm=/i.test(req.query)) {
			throw new AwsError(
				'NotImplemented',
				501,
				'Query-string (presigned) authentication is supported by the sandbox for S3 only.',
			);
		}
		throw missingAuth(service);
	}
	const match =
		/^AWS4-HMAC-SHA256 +Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/([^/,\s]+) *, *SignedHeaders=([a-z0-9;_.-]+) *, *Signature=([0-9a-f]{64}) *$/.exec(
			value,
		);
	if (!match) throw malformedAuth(service, value);
	const [, accessKeyId, date, region, scopeService, terminator, signedHeaders, signature] = match;
	return {
		accessKeyId: accessKeyId!,
		date: date!,
		region: region!,
		service: scopeService!,
		terminator: terminator!,
		signedHeaders: signedHeaders!.split(';'),
		signature: signature!,
	};
}

function checkScope(auth: AuthorizationHeader, service: AwsService, region: string): void {
	if (auth.terminator !== 'aws4_request') {
		throw malformedAuth(
			service,
			"Credential should be scoped with a valid terminator: 'aws4_request'",
		);
	}
	if (auth.region !== region) {
		if (service === 's3') {
			throw new AwsError(
				'AuthorizationHeaderMalformed',
				400,
				`The authorization header is malformed; the region '${auth.region}' is wrong; expecting '${region}'`,
				{ extra: { Region: region } },
			);
		}
		throw signatureMismatch(service, 'Credential should be scoped to a valid region.');
	}
	if (auth.service !== service) {
		throw signatureMismatch(
			service,
			`Credential should be scoped to correct service: '${service}'.`,
		);
	}
	if (!auth.signedHeaders.includes('host')) {
		throw signatureMismatch(service, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
	}
}

function checkSkew(service: AwsService, signedAt: number, now: number): void {
	if (Math.abs(now - signedAt) <= MAX_SKEW_MS) return;
	if (service === 's3') {
		throw new AwsError(
			'RequestTimeTooSkewed',
			403,
			'The difference between the request time and the current time is too large.',
			{
				extra: {
					RequestTime: new Date(signedAt).toUTCString(),
					ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
					MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
				},
			},
		);
	}
	const message =
		signedAt < now
			? `Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`
			: `Signature not yet current: ${formatAmzDate(signedAt)} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`;
	throw signatureMismatch(service, message);
}

/** The payload hash that goes into the canonical request. S3 signs the header's claim (checked against the
 * body afterwards); other services sign the body itself, so a header that lies just fails the signature. */
function signedPayloadHash(
	req: SignedRequest,
	service: AwsService,
	bodyHash: () => string,
): string {
	const claimed = header(req.headers, 'x-amz-content-sha256');
	if (service !== 's3') {
		if (claimed !== undefined && claimed !== bodyHash()) throw signatureMismatch(service);
		return bodyHash();
	}
	if (claimed === undefined) {
		throw new AwsError(
			'InvalidRequest',
			400,
			'Missing required header for this request: x-amz-content-sha256',
		);
	}
	if (SIGV4A_STREAMING.has(claimed)) {
		// SigV4a signs with a key S3 derives for a region set; the sandbox's sessions have none.
		throw new AwsError(
			'NotImplemented',
			501,
			`The sandbox does not verify ${claimed} (SigV4a) chunk signatures.`,
		);
	}
	if (!UNHASHED_PAYLOADS.has(claimed) && !/^[0-9a-f]{64}$/.test(claimed)) {
		throw new AwsError(
			'InvalidArgument',
			400,
			'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
		);
	}
	return claimed;
}

async function computeSignature(
	req: SignedRequest,
	auth: AuthorizationHeader,
	credentials: Credentials,
	signedAt: number,
	payloadHash: string,
	service: AwsService,
): Promise<string> {
	const headers: Record<string, string> = {};
	for (const name of auth.signedHeaders) {
		const value = header(req.headers, name);
		if (value !== undefined) headers[name] = value;
	}
	// The signer reads the payload hash from this header; it enters the canonical headers only if signed.
	headers['x-amz-content-sha256'] = payloadHash;
	const signer = new SignatureV4({
		credentials: {
			accessKeyId: credentials.accessKeyId,
			secretAccessKey: credentials.secretAccessKey,
		},
		region: auth.region,
		service: auth.service,
		sha256: NodeSha256,
		// S3 signs the path exactly as sent; every other service normalizes and encodes it again.
		uriEscapePath: service !== 's3',
		applyChecksum: false,
	});
	const signed = await signer.sign(
		{
			method: req.method,
			protocol: 'http:',
			hostname: header(req.headers, 'host') ?? '',
			path: service === 's3' ? req.path : decodePath(req.path),
			query: parseQuery(req.query),
			headers,
			body: req.body,
		},
		{
			signingDate: new Date(signedAt),
			signableHeaders: new Set(auth.signedHeaders),
			unsignableHeaders: unsignedHeaderNames(headers, auth.signedHeaders),
		},
	);
	const authorization = signed.headers['authorization'] ?? '';
	return /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? '';
}

/** Headers the signer would otherwise add to the canonical request although the caller did not sign them. */
function unsignedHeaderNames(headers: Record<string, string>, signed: string[]): Set<string> {
	return new Set([...Object.keys(headers), 'x-amz-date'].filter((name) => !signed.includes(name)));
}

function decodePath(path: string): string {
	try {
		return path.split('/').map(decodeURIComponent).join('/');
	} catch {
		return path;
	}
}

/** Raw query → the signer's parameter bag (decoded; `+` stays a plus, as SigV4 requires). */
function parseQuery(raw: string): Record<string, string | string[]> {
	const bag: Record<string, string | string[]> = {};
	for (const pair of raw.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const key = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
		const value = eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
		const existing = bag[key];
		if (existing === undefined) bag[key] = value;
		else bag[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return bag;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function parseAmzDate(value: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!m) return NaN;
	return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function formatAmzDate(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

// --- the errors, in each service's words -------------------------------------------------------------

function missingAuth(service: AwsService): AwsError {
	if (service === 's3') return new AwsError('AccessDenied', 403, 'Access Denied');
	if (isJsonService(service)) {
		return new AwsError(
			'MissingAuthenticationTokenException',
			400,
			'Request is missing Authentication Token',
		);
	}
	return new AwsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
}

function malformedAuth(service: AwsService, detail: string): AwsError {
	if (service === 's3') {
		return new AwsError(
			'AuthorizationHeaderMalformed',
			400,
			'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
		);
	}
	// Never echo the header itself: it names the access key.
	const message =
		detail.startsWith('AWS4-') || detail.length > 200
			? "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters."
			: detail;
	return new AwsError(
		isJsonService(service) ? 'IncompleteSignatureException' : 'IncompleteSignature',
		400,
		message,
	);
}

function unknownKey(service: AwsService, accessKeyId: string): AwsError {
	if (service === 's3') {
		return new AwsError(
			'InvalidAccessKeyId',
			403,
			'The AWS Access Key Id you provided does not exist in our records.',
			{ extra: { AWSAccessKeyId: accessKeyId } },
		);
	}
	if (isJsonService(service))
		return new AwsError(
			'UnrecognizedClientException',
			400,
			'The security token included in the request is invalid.',
		);
	return new AwsError(
		'InvalidClientTokenId',
		403,
		'The security token included in the request is invalid.',
	);
}

function badToken(service: AwsService): AwsError {
	if (service === 's3')
		return new AwsError(
			'InvalidToken',
			400,
			'The provided token is malformed or otherwise invalid.',
		);
	return unknownKey(service, '');
}

function expired(service: AwsService): AwsError {
	if (service === 's3') return new AwsError('ExpiredToken', 400, 'The provided token has expired.');
	if (isJsonService(service))
		return new AwsError(
			'ExpiredTokenException',
			400,
			'The security token included in the request is expired',
		);
	return new AwsError('ExpiredToken', 403, 'The security token included in the request is expired');
}

function missingDate(service: AwsService): AwsError {
	if (service === 's3')
		return new AwsError(
			'AccessDenied',
			403,
			'AWS authentication requires a valid Date or x-amz-date header',
		);
	return malformedAuth(
		service,
		"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
	);
}

function scopeDateMismatch(service: AwsService, scopeDate: string, amzDate: string): AwsError {
	const detail = `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
	if (service === 's3')
		return new AwsError(
			'AuthorizationHeaderMalformed',
			400,
			`The authorization header is malformed; ${detail}`,
		);
	return signatureMismatch(service, detail);
}

function signatureMismatch(service: AwsService, message?: string): AwsError {
	if (service === 's3') {
		return new AwsError(
			'SignatureDoesNotMatch',
			403,
			message ??
				'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		);
	}
	const text =
		message ??
		'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
	if (isJsonService(service)) return new AwsError('InvalidSignatureException', 400, text);
	return new AwsError('SignatureDoesNotMatch', 403, text);
}

/** The raw pieces of a Node request that SigV4 covers. `req.url` is the request target exactly as sent. */
export function toSignedRequest(
	req: { method?: string | undefined; url?: string | undefined; headers: SignedRequest['headers'] },
	body: Buffer,
): SignedRequest {
	const target = req.url ?? '/';
	const q = target.indexOf('?');
	return {
		method: req.method ?? 'GET',
		path: q === -1 ? target : target.slice(0, q),
		query: q === -1 ? '' : target.slice(q + 1),
		headers: req.headers,
		body,
	};
}
