import { SignJWT } from 'jose';
import type { PlayerClaims } from './players';
import type { SigningKey } from './signing-key';

/** Lifetimes shared by oidc-provider's configuration and the directly signed tokens, in seconds. */
export const lifetimes = {
	idToken: 3600,
	accessToken: 3600,
	authorizationCode: 60,
	refreshToken: 24 * 3600,
	session: 24 * 3600,
	interaction: 3600,
} as const;

export interface DirectIdTokenInput {
	issuer: string;
	clientId: string;
	claims: PlayerClaims;
	/** Epoch seconds from the sandbox clock: iat, auth_time, exp = iat + lifetime. */
	nowSeconds: number;
	nonce?: string;
	/**
	 * Tests only (never reachable over HTTP): claims that replace or add to the login's, such as a `sub`
	 * with a `/` or an `azp`, signed with the provider's real key.
	 */
	overrides?: Record<string, unknown>;
}

/**
 * Signs an ID token as a fresh login would produce it: same key and header (alg, kid), same iss, aud
 * (the client id, a string), claims and lifetime. Only `at_hash` is absent, as there is no access token.
 */
export async function signIdToken(key: SigningKey, input: DirectIdTokenInput): Promise<string> {
	const { issuer, clientId, claims, nowSeconds, nonce, overrides } = input;
	const payload = {
		iss: issuer,
		aud: clientId,
		iat: nowSeconds,
		exp: nowSeconds + lifetimes.idToken,
		...claims,
		auth_time: nowSeconds,
		...(nonce === undefined ? {} : { nonce }),
		...overrides,
	};
	return new SignJWT(payload)
		.setProtectedHeader({ alg: key.alg, kid: key.kid })
		.sign(key.privateKey);
}
