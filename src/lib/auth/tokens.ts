import type { User } from 'oidc-client-ts';
import type { SignInProvider } from '../config/providers';
import type { ProviderConfig } from '../config/schema';
import { VaultStateStore } from '../vault/oidc-store';
import { userStoreKey } from './oidc';

/**
 * An ID token is handed to STS only with more than this left: the request's transit and a few minutes of
 * clock disagreement must not make STS answer ExpiredTokenException. Below it, renew first.
 */
export const ID_TOKEN_MARGIN_MS = 5 * 60_000;

/** What the app reads of a stored oidc-client-ts user (the access token: the OAuth 2.0 path's). */
export type StoredUser = Pick<User, 'id_token' | 'profile'> &
	Partial<Pick<User, 'access_token' | 'expires_at'>>;

/**
 * The signed-in user at `provider` from the user store alone: no request to the provider, and no
 * oidc-client-ts either — a signed-in reload reads the user where the sign-in stored it (`userStoreKey`,
 * `user:<authority>:<client_id>`, as `User.toStorageString()` wrote it), and loads the library only if a
 * token must be renewed (issue 18).
 */
export async function storedUser(provider: SignInProvider): Promise<StoredUser | null> {
	const stored = await new VaultStateStore('user').get(userStoreKey(provider));
	if (stored === null) return null;
	let user: Partial<StoredUser> | null;
	try {
		user = JSON.parse(stored) as Partial<StoredUser> | null;
	} catch {
		return null;
	}
	if (typeof user !== 'object' || user === null) return null;
	if (typeof user.profile !== 'object' || user.profile === null) return null;
	if (typeof user.profile.sub !== 'string') return null;
	return {
		...(typeof user.id_token === 'string' ? { id_token: user.id_token } : {}),
		...(typeof user.access_token === 'string' ? { access_token: user.access_token } : {}),
		...(typeof user.expires_at === 'number' ? { expires_at: user.expires_at } : {}),
		profile: user.profile,
	};
}

/** The user's ID token if its `exp` is more than `marginMs` after `now` (the corrected clock), else null. */
export function idTokenIfValid(
	user: Pick<User, 'id_token' | 'profile'> | null,
	now: number,
	marginMs: number = ID_TOKEN_MARGIN_MS,
): string | null {
	const exp = user?.profile.exp;
	if (!user?.id_token || typeof exp !== 'number') return null;
	return exp * 1000 - now > marginMs ? user.id_token : null;
}

/**
 * The ID tokens of the player signed in at `provider`, as a credential source wants them: the stored one
 * while it is valid on the corrected clock `now`, else a silently renewed one (renew.ts: loaded, with
 * oidc-client-ts, only when a token must be renewed; null when it cannot be, as when the provider refuses).
 */
export function idTokens(provider: ProviderConfig, baseUrl: string, now: () => number) {
	return {
		current: async () => idTokenIfValid(await storedUser(provider), now()),
		renewSilently: async (): Promise<string | null> => {
			const renew = await import('./renew').catch(() => null);
			return renew ? renew.renewSilently(provider, baseUrl) : null;
		},
	};
}
