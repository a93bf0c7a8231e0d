/**
 * Cognito Identity's OpenID tokens: real signed JWTs with Cognito's claims — `iss`
 * `https://cognito-identity.amazonaws.com`, `aud` the identity pool id, `sub` the identity id, `amr`
 * `["unauthenticated"]` or `["authenticated", <provider>…]` — valid 10 minutes (GetOpenIdToken) or as long as
 * the developer asked (GetOpenIdTokenForDeveloperIdentity: 15 minutes by default, at most 24 hours). Signed
 * RS512, as Cognito signs them, with a key made at start-up that only this sandbox knows; the sandbox's STS
 * verifies them with the same key (`issuer`), the way AWS's STS knows Cognito's keys without an IAM OIDC
 * provider in the account. The issuer string is AWS's own, so trust policies read the same here and in AWS.
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { TAGS_CLAIM } from '../aws-token-claims';
import type { BuiltInIssuer } from '../sts';

export const COGNITO_ISSUER = 'https://cognito-identity.amazonaws.com';
/** The federated principal trust policies name (and the prefix of its condition keys). */
export const COGNITO_PRINCIPAL = 'cognito-identity.amazonaws.com';
export const OPENID_TOKEN_SECONDS = 10 * 60;
export const DEVELOPER_TOKEN_DEFAULT_SECONDS = 15 * 60;

export interface OpenIdTokenClaims {
	poolId: string;
	identityId: string;
	amr: string[];
	/** Session tags for STS (`https://aws.amazon.com/tags`): a developer's PrincipalTags. */
	principalTags?: Record<string, string>;
}

export interface CognitoTokenSigner {
	sign(claims: OpenIdTokenClaims, lifetimeSeconds: number, nowMs: number): Promise<string>;
	/** What the sandbox's STS verifies Cognito's tokens with. */
	issuer: BuiltInIssuer;
}

export async function createCognitoTokenSigner(region: string): Promise<CognitoTokenSigner> {
	const { privateKey, publicKey } = await generateKeyPair('RS512', { extractable: true });
	// Cognito names its keys after the region (`us-east-11`…); the sandbox has one key.
	const kid = `${region}-sandbox-1`;
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS512', use: 'sig' };
	return {
		async sign(claims, lifetimeSeconds, nowMs) {
			const iat = Math.floor(nowMs / 1000);
			const payload: JWTPayload = { amr: claims.amr, jti: randomUUID() };
			if (claims.principalTags !== undefined) payload[TAGS_CLAIM] = tagsClaim(claims.principalTags);
			return new SignJWT(payload)
				.setProtectedHeader({ kid, typ: 'JWS', alg: 'RS512' })
				.setIssuer(COGNITO_ISSUER)
				.setAudience(claims.poolId)
				.setSubject(claims.identityId)
				.setIssuedAt(iat)
				.setExpirationTime(iat + lifetimeSeconds)
				.sign(privateKey);
		},
		issuer: {
			provider: { url: COGNITO_ISSUER, arn: COGNITO_PRINCIPAL, clientIds: [] },
			keys: createLocalJWKSet({ keys: [jwk] }),
		},
	};
}

/** AWS's session-tags claim: one value per tag (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity"). */
function tagsClaim(tags: Record<string, string>): JWTPayload {
	return {
		principal_tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, [value]])),
	};
}
