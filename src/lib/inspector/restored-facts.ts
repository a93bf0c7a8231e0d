import { decodeJwt, type DecodedJwt } from '../aws/jwt';
import type { SignInProvider } from '../config/providers';
import { activeProvider, activeSource } from '../federation/runtime';
import type { CredentialsMetadata } from '../federation/source';
import { acceptedAudience } from '../iam/token-audience';
import { tagFactsOf, type SessionFacts } from './session-facts';

/**
 * The session's facts as the credentials in use say them: after a reload (or in a new tab) the app makes no
 * AssumeRoleWithWebIdentity, so the call log has nothing to read back. The ID token is decoded here for its
 * header and claims and never kept; the secret key and session token are not read at all.
 */
export function factsFromCredentials(
	provider: SignInProvider,
	held: CredentialsMetadata,
	token: DecodedJwt | null,
): SessionFacts {
	// What STS's `<provider>:aud` saw (the token's `azp` when set); an `aud` array means the app's client id.
	const audience = held.audience ?? (token ? acceptedAudience(token.claims) : undefined);
	return {
		roleArn: held.roleArn,
		roleSessionName: held.assumedRoleArn.split('/').at(-1) ?? null,
		sessionPolicy: held.sessionPolicy ?? null,
		assumedRoleArn: held.assumedRoleArn,
		assumedRoleId: held.assumedRoleId || null,
		subjectFromWebIdentityToken: held.subject,
		audience: audience ?? provider.clientId,
		provider: held.issuer,
		packedPolicySize: held.packedPolicySize ?? null,
		accessKeyId: held.accessKeyId,
		expiration: new Date(held.expiration).toISOString(),
		identityToken: token,
		callerIdentity: null,
		assumeCount: 0,
		...tagFactsFor(held, token),
	};
}

/**
 * {@link factsFromCredentials} for the signed-in provider, from lib/federation's active source and
 * provider; `null` when nobody is signed in or no credentials of its role are held.
 */
export async function restoredSessionFacts(provider: SignInProvider): Promise<SessionFacts | null> {
	const source = activeSource();
	const held = source ? activeProvider().current() : null;
	// An identity pool's guest holds the pool's guest role.
	const roles = [provider.roleArn, (provider as { guestRoleArn?: string }).guestRoleArn];
	if (!source || !held || !roles.includes(held.roleArn)) return null;
	const token = (await source.identityToken?.().catch(() => null)) ?? null;
	return factsFromCredentials(provider, held, token ? decodeJwt(token) : null);
}

/** Tags and source identity as the credentials recorded them, else as the token states them. */
function tagFactsFor(
	held: CredentialsMetadata,
	token: DecodedJwt | null,
): Pick<SessionFacts, 'sessionTags' | 'sessionTagsProblem' | 'sourceIdentity'> {
	const { tokenSourceIdentity, ...fromToken } = tagFactsOf(token);
	const sessionTags = held.tags
		? { tags: held.tags, transitiveTagKeys: held.transitiveTagKeys ?? [] }
		: fromToken.sessionTags;
	return {
		sessionTags: sessionTags ?? null,
		sessionTagsProblem: held.tags ? null : (fromToken.sessionTagsProblem ?? null),
		sourceIdentity: held.sourceIdentity ?? tokenSourceIdentity,
	};
}
