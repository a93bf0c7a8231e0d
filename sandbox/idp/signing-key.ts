import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
	alg: 'RS256';
	kid: string;
	privateKey: CryptoKey;
	/** Private JWK for oidc-provider's `jwks` (it publishes only the public half). */
	privateJwk: JWK;
}

/**
 * A fresh RS256 key per provider start: nothing outlives the process, and two providers never share a
 * key, so a token from one can never verify against the other's JWKS. The kid is the RFC 7638
 * thumbprint, as many real providers do.
 */
export async function generateSigningKey(): Promise<SigningKey> {
	const { privateKey } = await generateKeyPair('RS256', { extractable: true });
	const jwk = await exportJWK(privateKey);
	const kid = await calculateJwkThumbprint(jwk);
	return { alg: 'RS256', kid, privateKey, privateJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}
