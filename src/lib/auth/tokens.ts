import type { User } from 'oidc-client-ts';
import type { SignInProvider } from '../config/providers';
import type { ProviderConfig } from '../config/schema';
import { VaultStateStore } from '../vault/oidc-store';
import { authorityOf, userManagerFor } from './oidc';

/**
 * An ID token is handed to STS only with more than this left: the request's transit and a few minutes of
 * clock disagreement must not make STS answer ExpiredTokenException. Below it, renew first.
 */
export const ID_TOKEN_MARGIN_MS = 5 * 60_000;

/** What the app reads of a stored oidc-client-ts user. */
export type StoredUser = Pick<User, 'id_token' | 'profile'>;

/**
 * The signed-in user at `provider` from the user store alone: no request to the provider, and no
 * oidc-client-ts either — a signed-in reload reads the user where `UserManager.getUser()` would
 * (`user:<authority>:<client_id>` in the store `userManagerFor` gives it, as `User.toStorageString()` wrote
 * it), and loads the library only if a token must be renewed (issue 18).
 */
export async function storedUser(provider: SignInProvider): Promise<StoredUser | null> {
	const stored = await new VaultStateStore('user').get(
		`user:${authorityOf(provider)}:${provider.clientId}`,
	);
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
 * A new ID token without the player: the refresh token grant at the provider's token endpoint when the
 * provider gave a refresh token, else an authorization request with `prompt=none` in a hidden iframe
 * (answered on `silent-callback.html` while the player's session at the provider lasts). Null when the
 * provider refuses (login_required, third-party cookies blocked) or does not answer in time: the player
 * is then asked to sign in again.
 */
async function renewSilently(provider: ProviderConfig, baseUrl: string): Promise<string | null> {
	const manager = await userManagerFor(provider, baseUrl);
	// Only a signed-in player is renewed: after sign-out the provider's session must not sign them back in.
	if (!(await manager.getUser())) return null;
	// oidc-client-ts picks the refresh token when the stored user has one, the iframe otherwise.
	const renewed = await manager.signinSilent().catch(() => null);
	return renewed?.id_token ?? null;
}

/**
 * The ID tokens of the player signed in at `provider`, as a credential source wants them: the stored one
 * while it is valid on the corrected clock `now`, else a silently renewed one.
 */
export function idTokens(provider: ProviderConfig, baseUrl: string, now: () => number) {
	return {
		current: async () => idTokenIfValid(await storedUser(provider), now()),
		renewSilently: () => renewSilently(provider, baseUrl),
	};
}
