/**
 * Amazon Cognito Identity's three unsigned calls, over `fetch`: GetId, GetCredentialsForIdentity and
 * GetOpenIdToken. AWS JSON 1.1 (`POST /`, `Content-Type: application/x-amz-json-1.1`,
 * `X-Amz-Target: AWSCognitoIdentityService.<Operation>`), no signature: the ID token in `Logins` (or, for a
 * guest, nothing) is the only proof. The SDK's Cognito Identity client is ~50 KB gzip for three POSTs; this
 * is a few hundred bytes, loaded (dynamic import) only when an identity pool is used.
 *
 * Errors come out in the SDK's shape (`name`, `message`, `$metadata.httpStatusCode`, `$metadata.requestId`),
 * so the one error table (errors.ts) and every error reader work on them; every call goes into the call log
 * like the SDK's, with tokens and secrets redacted (redact.ts).
 */
import { appCallLog, type CallLog, type LoggedResponse } from './call-log';
import type { Clock } from './clock';
import { skewFromDateHeader } from './clock';
import { awsErrorFacts } from './errors';
import { decodeJwt } from './jwt';
import { redactBody, redactHeaders, redactSecret, redactUrl } from './redact';
import { sanitizeForLog } from './sanitize';

export const COGNITO_TARGET_PREFIX = 'AWSCognitoIdentityService.';
export const COGNITO_SERVICE = 'CognitoIdentity';

/** `Logins`: the provider's key (`accounts.google.com`, `localhost:4000`) → its ID token. */
export type Logins = Record<string, string>;

export interface GetIdInput {
	IdentityPoolId: string;
	AccountId?: string;
	Logins?: Logins;
}

export interface IdentityInput {
	IdentityId: string;
	Logins?: Logins;
}

/** Cognito's credentials: `SecretKey` (not SecretAccessKey), `Expiration` in epoch seconds on the wire. */
export interface CognitoCredentials {
	AccessKeyId: string;
	SecretKey: string;
	SessionToken: string;
	/** Epoch milliseconds (converted from the wire's seconds). */
	Expiration: number;
}

export interface CognitoIdentityCalls {
	getId(input: GetIdInput): Promise<{ IdentityId: string }>;
	getCredentialsForIdentity(
		input: IdentityInput & { CustomRoleArn?: string },
	): Promise<{ IdentityId: string; Credentials: CognitoCredentials }>;
	getOpenIdToken(input: IdentityInput): Promise<{ IdentityId: string; Token: string }>;
}

interface CognitoCallOptions {
	region: string;
	/** One endpoint for every service (the sandbox); absent for real AWS. */
	endpoint?: string;
	clock?: Clock;
	/** Where each call is recorded: the app-wide log by default, `null` for none. */
	callLog?: CallLog | null;
	fetch?: typeof fetch;
}

/** An error Cognito answered, in the AWS SDK v3's shape. */
export class CognitoServiceError extends Error {
	readonly $metadata: { httpStatusCode: number | undefined; requestId: string | undefined };
	readonly $fault: 'client' | 'server';

	constructor(name: string, message: string, status: number | undefined, requestId?: string) {
		super(message);
		this.name = name;
		this.$metadata = { httpStatusCode: status, requestId };
		this.$fault = status !== undefined && status >= 500 ? 'server' : 'client';
	}
}

/** Cognito Identity's endpoint in `region`, or the override. */
export function cognitoEndpoint(region: string, endpoint?: string): string {
	return endpoint ?? `https://cognito-identity.${region}.amazonaws.com/`;
}

/**
 * `x-amzn-ErrorType` (`NotAuthorizedException:` or `…:http://internal…`), else the body's `__type`
 * (possibly `com.amazonaws…#Code`): the bare code.
 */
export function errorCodeOf(header: string | null, body: unknown): string {
	const raw =
		header ??
		((body as { __type?: unknown } | null)?.__type as string | undefined) ??
		'UnknownError';
	const bare = String(raw).split(':')[0] ?? '';
	return bare.slice(bare.lastIndexOf('#') + 1) || 'UnknownError';
}

function messageOf(body: unknown, header: string | null): string {
	const b = (body ?? {}) as { message?: unknown; Message?: unknown };
	const message = typeof b.message === 'string' ? b.message : b.Message;
	return typeof message === 'string' ? message : (header ?? '');
}

function parseJson(text: string): unknown {
	try {
		return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
	} catch {
		return null;
	}
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Cognito Identity's unsigned calls, at `options.endpoint` (or the region's). */
export function createCognitoIdentityCalls(options: CognitoCallOptions): CognitoIdentityCalls {
	const url = cognitoEndpoint(options.region, options.endpoint);
	const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
	const log = options.callLog === undefined ? appCallLog : options.callLog;

	async function call(operation: string, input: object): Promise<Record<string, unknown>> {
		const body = JSON.stringify(input);
		const shown = withMaskedLogins(input);
		const headers = {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `${COGNITO_TARGET_PREFIX}${operation}`,
		};
		const started = performance.now();
		const startedAt = new Date();
		let logged: LoggedResponse | null = null;
		let requestId: string | null = null;
		let status: number | null = null;
		const record = (outcome: { output?: unknown; error?: unknown }) => {
			if (!log) return;
			const failed = outcome.error !== undefined;
			const facts = failed ? awsErrorFacts(outcome.error) : null;
			const output = failed ? undefined : sanitizeForLog(outcome.output);
			const sanitizedInput = sanitizeForLog(shown);
			const token = tokenOf(input, outcome.output);
			log.add({
				service: COGNITO_SERVICE,
				operation,
				status,
				ok: !failed,
				durationMs: Math.round(performance.now() - started),
				requestId,
				time: startedAt.toISOString(),
				attempts: 1,
				retried: false,
				attemptStatuses: [status],
				request: {
					method: 'POST',
					url: redactUrl(url),
					headers,
					body: redactBody(JSON.stringify(shown)),
				},
				response: logged,
				...(facts
					? {
							error: {
								code: facts.code,
								category: facts.category,
								message: redactBody(facts.message).slice(0, 16_000),
							},
						}
					: {}),
				...(sanitizedInput ? { input: sanitizedInput } : {}),
				...(output ? { output } : {}),
				...(token ? { identityToken: token } : {}),
			});
		};
		let response: Response;
		try {
			response = await doFetch(url, { method: 'POST', headers, body, credentials: 'omit' });
		} catch (error) {
			record({ error });
			throw error;
		}
		const receivedAt = performance.now();
		status = response.status;
		requestId = response.headers.get('x-amzn-requestid');
		const text = await response.text().catch(() => '');
		logged = {
			status,
			headers: redactHeaders(response.headers),
			body: redactBody(text).slice(0, 4096),
		};
		if (options.clock && receivedAt - started < 5_000) {
			const skew = skewFromDateHeader(response.headers.get('date'), Date.now());
			if (skew !== null) options.clock.observe(skew);
		}
		const parsed = parseJson(text);
		if (!response.ok || parsed === null || typeof parsed !== 'object') {
			const header = response.headers.get('x-amzn-errortype');
			const error =
				response.ok && (parsed === null || typeof parsed !== 'object')
					? new CognitoServiceError(
							'SerializationException',
							'Cognito answered with something that is not JSON.',
							status,
							requestId ?? undefined,
						)
					: new CognitoServiceError(
							errorCodeOf(header, parsed),
							messageOf(parsed, response.headers.get('x-amzn-errormessage')),
							status,
							requestId ?? undefined,
						);
			record({ error });
			throw error;
		}
		record({ output: parsed });
		return parsed as Record<string, unknown>;
	}

	function identityIdOf(answer: Record<string, unknown>, operation: string): string {
		const id = str(answer.IdentityId);
		if (!id) throw missing(operation, 'IdentityId');
		return id;
	}

	return {
		async getId(input) {
			const answer = await call('GetId', input);
			return { IdentityId: identityIdOf(answer, 'GetId') };
		},
		async getCredentialsForIdentity(input) {
			const answer = await call('GetCredentialsForIdentity', input);
			const c = (answer.Credentials ?? {}) as Record<string, unknown>;
			const accessKeyId = str(c.AccessKeyId);
			const secretKey = str(c.SecretKey);
			const sessionToken = str(c.SessionToken);
			const expiration = typeof c.Expiration === 'number' ? c.Expiration * 1000 : null;
			if (!accessKeyId || !secretKey || !sessionToken || expiration === null)
				throw missing('GetCredentialsForIdentity', 'Credentials');
			return {
				IdentityId: identityIdOf(answer, 'GetCredentialsForIdentity'),
				Credentials: {
					AccessKeyId: accessKeyId,
					SecretKey: secretKey,
					SessionToken: sessionToken,
					Expiration: expiration,
				},
			};
		},
		async getOpenIdToken(input) {
			const answer = await call('GetOpenIdToken', input);
			const token = str(answer.Token);
			if (!token) throw missing('GetOpenIdToken', 'Token');
			return { IdentityId: identityIdOf(answer, 'GetOpenIdToken'), Token: token };
		},
	};
}

/**
 * The input with every `Logins` value masked: a login need not be a JWT (an OAuth access token, a SAML
 * assertion), so the JWT rule of redact.ts alone would not catch every one.
 */
function withMaskedLogins(input: object): object {
	const logins = (input as { Logins?: unknown }).Logins;
	if (typeof logins !== 'object' || logins === null) return input;
	const masked = Object.fromEntries(
		Object.entries(logins as Record<string, unknown>).map(([key, value]) => [
			key,
			redactSecret(String(value), 6),
		]),
	);
	return { ...input, Logins: masked };
}

function missing(operation: string, member: string): CognitoServiceError {
	return new CognitoServiceError(
		'SerializationException',
		`Cognito's ${operation} answer has no ${member}.`,
		200,
	);
}

/**
 * What the inspector may show of a token the call carried: the first login's ID token (GetId,
 * GetCredentialsForIdentity), or the Cognito OpenID token GetOpenIdToken answered (its `amr`). Decoded
 * header and claims only, never the token.
 */
function tokenOf(input: object, output: unknown) {
	const issued = str((output as { Token?: unknown } | null | undefined)?.Token);
	if (issued) return decodeJwt(issued) ?? undefined;
	const logins = (input as { Logins?: Logins }).Logins;
	const first = logins ? Object.values(logins)[0] : undefined;
	return first ? (decodeJwt(first) ?? undefined) : undefined;
}
