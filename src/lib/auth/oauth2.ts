import type { User, UserProfile } from 'oidc-client-ts';
import type { OAuth2ProviderConfig } from '../config/schema';
import { AppError } from '../errors';
import { toSignInError } from './errors';
import { storeUser } from './oidc';
import { storedUser } from './tokens';

/*
 * The OAuth 2.0 path (Login with Amazon): an access token, no ID token, no refresh token. The sign-in itself
 * is oidc-client-ts's authorization code + PKCE flow (sign-in.ts, with the provider's endpoints as metadata);
 * this file holds the provider HTTP that is not OpenID Connect: the profile endpoint.
 */

/** An access token is handed to STS only with more than this left (transit, clock disagreement). */
export const ACCESS_TOKEN_MARGIN_MS = 60_000;

/** Who signed in, as the provider's profile endpoint says. */
export interface OAuth2Profile {
	/** `amzn1.account.…`: the `www.amazon.com:user_id` STS will see. */
	userId: string;
	name?: string;
}

// More than any profile answer; a provider sending more is not answering.
const MAX_PROFILE_CHARS = 16 * 1024;

/**
 * The player's profile (`GET profileEndpoint` with the access token as a Bearer token): their user id and,
 * when the scope releases it, their name. Rejects with an AppError naming the provider.
 */
export async function fetchOAuth2Profile(
	provider: Pick<OAuth2ProviderConfig, 'profileEndpoint' | 'displayName'>,
	accessToken: string,
	fetcher: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<OAuth2Profile> {
	let response: Response;
	try {
		response = await fetcher(provider.profileEndpoint, {
			headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
			redirect: 'error',
		});
	} catch (err) {
		throw toSignInError(err, 'redirect', provider.displayName);
	}
	const text = await response.text().catch(() => '');
	const body = parseObject(text.length > MAX_PROFILE_CHARS ? '' : text);
	if (!response.ok) {
		// The provider's OAuth error (`invalid_token`, `insufficient_scope`), in its own words.
		throw toSignInError(
			{
				error: typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`,
				error_description: body?.error_description,
			},
			'callback',
			provider.displayName,
		);
	}
	const userId = body?.user_id;
	if (typeof userId !== 'string' || userId === '' || userId.includes('/')) {
		throw new AppError(
			'login-failed',
			`${provider.displayName} answered its profile without a usable user_id.`,
			{
				title: 'Sign-in failed',
				hint: 'Check that the scopes include "profile" (or "profile:user_id").',
			},
		);
	}
	const name = typeof body?.name === 'string' && body.name.trim() !== '' ? body.name : undefined;
	return { userId, ...(name ? { name } : {}) };
}

function parseObject(text: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** The access token of a signed-in user if it has more than `marginMs` left on the corrected clock `now`. */
export function accessTokenIfValid(
	user: Pick<User, 'access_token' | 'expires_at'> | null,
	now: number,
	marginMs: number = ACCESS_TOKEN_MARGIN_MS,
): string | null {
	if (!user?.access_token) return null;
	// No expires_in from the provider: trust it until STS says otherwise.
	if (typeof user.expires_at !== 'number') return user.access_token;
	return user.expires_at * 1000 - now > marginMs ? user.access_token : null;
}

/**
 * The stored access token of the player signed in at `provider`, while it is valid: read from the user store
 * alone (no request, no oidc-client-ts, as on the OpenID path). `_baseUrl`: kept for the callers.
 */
export async function storedAccessToken(
	provider: OAuth2ProviderConfig,
	_baseUrl: string,
	now: number,
): Promise<string | null> {
	const user = await storedUser(provider);
	if (!user?.access_token) return null;
	const { access_token, expires_at } = user;
	return accessTokenIfValid({ access_token, expires_at }, now);
}

/**
 * After the callback of an OAuth 2.0 sign-in: the player's profile from the provider, kept in the stored
 * user's `profile` as `sub` (the user id), `iss` (the `ProviderId`) and `name`, the claims the app reads on
 * both paths, so a reload shows the player without asking the provider.
 */
export async function completeOAuth2SignIn(
	provider: OAuth2ProviderConfig,
	user: User,
	_baseUrl: string,
	fetcher?: typeof fetch,
): Promise<User> {
	if (!user.access_token) {
		throw new AppError('login-failed', `${provider.displayName} did not return an access token.`, {
			title: 'Sign-in failed',
			hint: 'Try again.',
		});
	}
	const profile = await fetchOAuth2Profile(provider, user.access_token, fetcher);
	user.profile = {
		...user.profile,
		sub: profile.userId,
		iss: provider.providerId,
		...(profile.name ? { name: profile.name } : {}),
	} as UserProfile;
	await storeUser(provider, user);
	return user;
}

/** The access tokens of the player signed in at `provider`, as the OAuth 2.0 credential source wants them. */
export function accessTokens(provider: OAuth2ProviderConfig, baseUrl: string, now: () => number) {
	return { current: () => storedAccessToken(provider, baseUrl, now()) };
}
