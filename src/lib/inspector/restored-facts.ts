import { credentialStore, type StoredCredentials } from '../auth/credential-store';
import { storedUser } from '../auth/tokens';
import type { ProviderConfig } from '../config/schema';
import { acceptedAudience } from '../iam/token-audience';
import { decodeJwt, type DecodedJwt } from './jwt';
import type { SessionFacts } from './session-facts';

/**
 * The session's facts as this browser's vault holds them: after a reload (or in a new tab) the app makes no
 * AssumeRoleWithWebIdentity, so the call log has nothing to read back. The ID token is decoded here for its
 * header and claims and never kept; the secret key and session token are not read at all.
 */
export function factsFromVault(
	provider: ProviderConfig,
	stored: StoredCredentials,
	token: DecodedJwt | null,
): SessionFacts {
	// What STS's `<provider>:aud` saw (the token's `azp` when set); an `aud` array means the app's client id.
	const audience = token ? acceptedAudience(token.claims) : undefined;
	return {
		roleArn: stored.roleArn,
		roleSessionName: stored.assumedRoleArn.split('/').at(-1) ?? null,
		sessionPolicy: null,
		assumedRoleArn: stored.assumedRoleArn,
		assumedRoleId: stored.assumedRoleId ?? null,
		subjectFromWebIdentityToken: stored.subject,
		audience: audience ?? provider.clientId,
		provider: stored.issuer,
		packedPolicySize: null,
		accessKeyId: stored.credentials.accessKeyId,
		expiration: stored.credentials.expiration.toISOString(),
		identityToken: token,
		callerIdentity: null,
		assumeCount: 0,
	};
}

/** {@link factsFromVault} for the signed-in provider; `null` when the vault holds nothing for it. */
export async function restoredSessionFacts(
	provider: ProviderConfig,
	baseUrl: string,
): Promise<SessionFacts | null> {
	const stored = await credentialStore()
		.load(provider.id)
		.catch(() => null);
	if (!stored || stored.roleArn !== provider.roleArn) return null;
	const user = await storedUser(provider, baseUrl).catch(() => null);
	return factsFromVault(provider, stored, user?.id_token ? decodeJwt(user.id_token) : null);
}
