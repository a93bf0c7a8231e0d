/**
 * `AssumeRoleWithWebIdentity` with `ProviderId`: the OAuth 2.0 path. The token is an opaque access token, not
 * a JWT, so STS cannot check it itself; it asks the provider, server to server. "Currently www.amazon.com and
 * graph.facebook.com are the only supported identity providers for OAuth 2.0 access tokens. Do not include URL
 * schemes and port numbers. Do not specify this value for OpenID Connect ID tokens." (STS API Reference).
 *
 * Login with Amazon answers its token information endpoint with `{"iss","user_id","aud","app_id","exp","iat"}`
 * for a token it knows and 400 `invalid_token` for any other (unknown, expired, revoked, or an OpenID Connect ID
 * token): STS then says `IDPRejectedClaim`, in the words AWS uses for a provider's refusal ("graph.facebook.com:
 * graph.facebook.com responded with HTTP/1.1 400 Bad Request", aws-sdk-js issue 198), which the STS model
 * documents as also meaning "the claim has expired or has been explicitly revoked".
 */
import { STATUS_CODES } from 'node:http';
import { AwsError } from '../errors';
import { idpUnreachable } from './jwks-cache';

export const AMAZON_PROVIDER_ID = 'www.amazon.com';
const FACEBOOK_PROVIDER_ID = 'graph.facebook.com';

/** Where STS asks a provider about a token: the sandbox's own Login with Amazon, never the internet. */
export interface OAuthProvider {
	/** `http://localhost:4002/auth/o2/tokeninfo` */
	tokenInfoUrl: string;
	/** How long STS waits for the answer before `IDPCommunicationError`. */
	timeoutMs: number;
}

/** The OAuth 2.0 providers the sandbox emulates, by `ProviderId`. Tests may point one elsewhere. */
export type OAuthProviders = Map<string, OAuthProvider>;

/** What the provider said about the token. */
export interface VerifiedAccessToken {
	providerId: string;
	/** `amzn1.account.…`: SubjectFromWebIdentityToken, `www.amazon.com:user_id`. */
	userId: string;
	/** `amzn1.application.…`: `www.amazon.com:app_id`. */
	appId: string;
	/** The token information's `aud`, the app's client id: returned as `Audience`. */
	audience: string;
}

/** STS's wait for a provider (a sandbox choice, as for the OpenID providers' keys). */
export const TOKEN_INFO_TIMEOUT_MS = 5_000;
// More than any token information answer; a provider sending more is not answering.
const MAX_ANSWER_BYTES = 16 * 1024;

export async function verifyAccessToken(
	providerId: string,
	token: string,
	providers: OAuthProviders,
): Promise<VerifiedAccessToken> {
	if (providerId === FACEBOOK_PROVIDER_ID) {
		throw invalid(
			'ProviderId graph.facebook.com is accepted by AWS STS, but the Fedplay sandbox does not emulate Facebook: it cannot check the token. Use www.amazon.com (the sandbox Login with Amazon) or an OpenID Connect ID token without ProviderId.',
		);
	}
	const provider = providers.get(providerId);
	if (provider === undefined) {
		throw invalid(
			`ProviderId ${providerId.slice(0, 100)} is not an OAuth 2.0 identity provider that STS supports: use www.amazon.com or graph.facebook.com, without a URL scheme or port, and omit ProviderId for OpenID Connect ID tokens.`,
		);
	}
	const answer = await askProvider(provider, token);
	if (answer.status >= 400 && answer.status < 500 && ![408, 429].includes(answer.status)) {
		const said = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trim();
		throw new AwsError(
			'IDPRejectedClaim',
			403,
			`${providerId}: ${providerId} responded with ${said}`,
		);
	}
	if (answer.status !== 200) throw idpUnreachable();
	return { providerId, ...tokenInformation(answer.body) };
}

/** The condition keys and policy variables of an OAuth 2.0 session (IAM User Guide, web identity keys). */
export function accessTokenKeys(token: VerifiedAccessToken): Record<string, string> {
	return {
		[`${token.providerId}:user_id`]: token.userId,
		[`${token.providerId}:app_id`]: token.appId,
		'aws:FederatedProvider': token.providerId,
	};
}

async function askProvider(
	provider: OAuthProvider,
	token: string,
): Promise<{ status: number; body: string }> {
	const url = new URL(provider.tokenInfoUrl);
	url.searchParams.set('access_token', token);
	const signal = AbortSignal.timeout(provider.timeoutMs);
	try {
		const response = await fetch(url, { signal, redirect: 'error' });
		return { status: response.status, body: await boundedText(response) };
	} catch {
		throw idpUnreachable();
	}
}

/** The body as text, refused (thrown) past MAX_ANSWER_BYTES without reading further. */
async function boundedText(response: Response): Promise<string> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body ?? []) {
		size += chunk.byteLength;
		if (size > MAX_ANSWER_BYTES) throw new Error('answer too large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** `user_id`, `app_id` and `aud` from a 200 answer; an answer without them is no answer. */
function tokenInformation(body: string): Omit<VerifiedAccessToken, 'providerId'> {
	let info: Record<string, unknown>;
	try {
		info = JSON.parse(body) as Record<string, unknown>;
	} catch {
		throw idpUnreachable();
	}
	const { user_id: userId, app_id: appId, aud: audience } = info ?? {};
	const text = (value: unknown): value is string => typeof value === 'string' && value !== '';
	if (!text(userId) || !text(appId) || !text(audience)) throw idpUnreachable();
	return { userId, appId, audience };
}

function invalid(message: string): AwsError {
	return new AwsError('InvalidIdentityToken', 400, message);
}
