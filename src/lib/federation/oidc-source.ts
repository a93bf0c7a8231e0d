import type { Clock } from '../aws/clock';
import { decodeJwt } from '../aws/jwt';
import type { AssumeRoleWithWebIdentityOutput } from '../aws/sts';
import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError, isAppError } from '../errors';
import { roleSessionName } from './session-name';
import { sessionTagsOf, TagClaimError, type SessionTags } from './session-tags';
import type { CredentialSource } from './source';
import { oidcSourceKey } from './source-keys';
import { assumeRoleWithWebIdentity, recordFromSts } from './sts';

/** How the OIDC source gets ID tokens: lib/auth's wrapper of oidc-client-ts, injected by lib/session. */
export interface TokenSupplier {
	/** The ID token if it is still valid for a while (no request), else null. */
	current(): Promise<string | null>;
	/** A new ID token without the player (refresh token, else a hidden iframe); null when it can't. */
	renewSilently(): Promise<string | null>;
	/** The last resort: send the player to sign in again, keeping where they were. Does not come back. */
	signInAgain(): Promise<never>;
}

/** One AssumeRoleWithWebIdentity: sts.ts in the app, a fake in tests. */
type AssumeWithToken = (request: {
	idToken: string;
	sessionName: string;
	policy?: string;
}) => Promise<AssumeRoleWithWebIdentityOutput>;

interface OidcSourceOptions {
	provider: Pick<ProviderConfig, 'id' | 'roleArn'>;
	tokens: TokenSupplier;
	/** The corrected clock: when the credentials were obtained. */
	now: () => number;
	/** STS; by default `assumeRoleWithWebIdentity` with `config` and `clock`. */
	assume?: AssumeWithToken;
	config?: Pick<RuntimeConfig, 'region' | 'endpoint' | 'durationSeconds'>;
	clock?: Clock;
}

export { oidcSourceKey } from './source-keys';

/**
 * Credentials for an OpenID Connect provider's role: the current ID token (renewed silently first when it
 * is about to expire) traded with STS AssumeRoleWithWebIdentity. When STS says the token expired although
 * our clock said it was valid, it renews once and tries again.
 */
export function createOidcWebIdentitySource(options: OidcSourceOptions): CredentialSource {
	const { provider, tokens } = options;
	const assume: AssumeWithToken =
		options.assume ??
		((request) => {
			if (!options.config) throw new AppError('unknown', 'The OIDC source has no config.');
			return assumeRoleWithWebIdentity({
				config: options.config,
				roleArn: provider.roleArn,
				...request,
				...(options.clock ? { clock: options.clock } : {}),
			});
		});
	const key = oidcSourceKey(provider);

	async function token(): Promise<{ value: string; renewed: boolean }> {
		const current = await tokens.current();
		if (current) return { value: current, renewed: false };
		const renewed = await tokens.renewSilently().catch(() => null);
		if (renewed) return { value: renewed, renewed: true };
		throw new AppError('session-expired', 'The sign-in session has ended.');
	}

	async function trade(idToken: string, policy: string | undefined) {
		const sessionName = roleSessionName(decodeJwt(idToken)?.claims ?? {});
		const answer = await assume({ idToken, sessionName, ...(policy ? { policy } : {}) });
		return { answer, tags: tagsOf(idToken) };
	}

	return {
		key,
		kind: 'oidc',
		async obtain(_previous, { policy } = {}) {
			const first = await token();
			let answer: { answer: AssumeRoleWithWebIdentityOutput; tags: SessionTags | null };
			try {
				answer = await trade(first.value, policy);
			} catch (error) {
				// Our clock said the token was valid; STS disagreed. Renew once and try again.
				if (first.renewed || !isExpiredTokenError(error)) throw error;
				const renewed = await tokens.renewSilently().catch(() => null);
				if (!renewed) throw error;
				answer = await trade(renewed, policy);
			}
			const from = { sourceKey: key, providerId: provider.id, roleArn: provider.roleArn };
			const record = recordFromSts(answer.answer, {
				...from,
				obtainedAt: options.now(),
				...(policy ? { sessionPolicy: policy } : {}),
			});
			if (!answer.tags) return record;
			const { tags, transitiveTagKeys } = answer.tags;
			return { ...record, tags, transitiveTagKeys };
		},
		supportsSessionTags: true,
		signInAgain: () => tokens.signInAgain(),
		identityToken: () => tokens.current(),
	};
}

/**
 * The session tags STS took from the token (it answers with none of them): the token's tag claim. STS accepted
 * the token, so a claim this cannot read is shown as no tags rather than failing a working sign-in.
 */
function tagsOf(idToken: string): SessionTags | null {
	try {
		return sessionTagsOf(decodeJwt(idToken)?.claims ?? {});
	} catch (error) {
		if (error instanceof TagClaimError) return null;
		throw error;
	}
}

/** STS's ExpiredTokenException for the ID token, as a raw SDK error or as sts.ts's AppError. */
function isExpiredTokenError(error: unknown): boolean {
	if (isAppError(error)) return error.details.upstreamCode === 'ExpiredTokenException';
	return (error as { name?: unknown } | null)?.name === 'ExpiredTokenException';
}
