import type { User } from 'oidc-client-ts';
import type { ProviderConfig } from '../config/schema';
import { userManagerFor } from './oidc';

/**
 * An ID token is handed to STS only with more than this left: the request's transit and a few minutes of
 * clock disagreement must not make STS answer ExpiredTokenException. Below it, renew first.
 */
export const ID_TOKEN_MARGIN_MS = 5 * 60_000;

/** The signed-in user at `provider` from the user store alone: no request to the provider. */
export async function storedUser(provider: ProviderConfig, baseUrl: string): Promise<User | null> {
	return (await userManagerFor(provider, baseUrl)).getUser();
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
 * A new ID token without the player: the refresh token grant at the provider's token endpoint. Null when
 * there is no refresh token or the provider refuses it. No iframe fallback on purpose: browsers that block
 * third-party cookies make it fail anyway (oidc-client-ts #1032), and it would need its own
 * `silent_redirect_uri` page; without a refresh token the player is asked to sign in again.
 */
export async function renewSilently(
	provider: ProviderConfig,
	baseUrl: string,
): Promise<string | null> {
	const manager = await userManagerFor(provider, baseUrl);
	const user = await manager.getUser();
	if (!user?.refresh_token) return null;
	const renewed = await manager.signinSilent().catch(() => null);
	return renewed?.id_token ?? null;
}

/**
 * The payload claims of a JWT, not verified (STS verifies): only to name the RoleSessionName after the
 * token that is being traded. Empty for anything that is not a JWT.
 */
export function unverifiedClaims(jwt: string): Record<string, unknown> {
	try {
		const part = jwt.split('.')[1] ?? '';
		const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
		return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}
