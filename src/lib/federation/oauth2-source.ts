import type { Clock } from '../aws/clock';
import type { AssumeRoleWithWebIdentityOutput } from '../aws/sts';
import type { OAuth2ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import { roleSessionName } from './session-name';
import type { CredentialSource } from './source';
import { oauth2SourceKey } from './source-keys';
import { assumeRoleWithWebIdentity, recordFromSts } from './sts';

/** How the OAuth 2.0 source gets access tokens: lib/auth's, injected by lib/session. */
export interface AccessTokenSupplier {
	/** The access token of the player's sign-in while it is still valid (no request), else null. */
	current(): Promise<string | null>;
	/** The last resort: tell the player to sign in again. Does not come back. */
	signInAgain(): Promise<never>;
}

/** One AssumeRoleWithWebIdentity with ProviderId: sts.ts in the app, a fake in tests. */
type AssumeWithAccessToken = (request: {
	accessToken: string;
	providerId: string;
	sessionName: string;
	policy?: string;
}) => Promise<AssumeRoleWithWebIdentityOutput>;

interface OAuth2SourceOptions {
	provider: Pick<OAuth2ProviderConfig, 'id' | 'roleArn' | 'providerId' | 'displayName'>;
	tokens: AccessTokenSupplier;
	/** The player's user id at the provider (from its profile), for the RoleSessionName; null if unknown. */
	userId?: () => string | null;
	/** The corrected clock: when the credentials were obtained. */
	now: () => number;
	/** STS; by default `assumeRoleWithWebIdentity` with `config` and `clock`. */
	assume?: AssumeWithAccessToken;
	config?: Pick<RuntimeConfig, 'region' | 'endpoint' | 'durationSeconds'>;
	clock?: Clock;
}

export { oauth2SourceKey } from './source-keys';

/**
 * Credentials for an OAuth 2.0 provider's role (Login with Amazon): the access token traded with STS
 * AssumeRoleWithWebIdentity and `ProviderId`. There is no refresh token, so these credentials are never
 * renewed without the player: the session lasts as long as the credentials of its sign-in, and renewing
 * them (`previous` set) says `session-expired`. A fresh sign-in starts from no credentials (`previous`
 * null); a scope-down `policy` (the inspector's playground) is a new session of the same sign-in.
 */
export function createOAuth2Source(options: OAuth2SourceOptions): CredentialSource {
	const { provider, tokens } = options;
	const assume: AssumeWithAccessToken =
		options.assume ??
		((request) => {
			if (!options.config) throw new AppError('unknown', 'The OAuth 2.0 source has no config.');
			return assumeRoleWithWebIdentity({
				config: options.config,
				roleArn: provider.roleArn,
				idToken: request.accessToken,
				providerId: request.providerId,
				sessionName: request.sessionName,
				...(request.policy ? { policy: request.policy } : {}),
				...(options.clock ? { clock: options.clock } : {}),
			});
		});
	const key = oauth2SourceKey(provider);
	const ended = () =>
		new AppError(
			'session-expired',
			`Your sign-in with ${provider.displayName} gives no refresh token, so its AWS credentials are not renewed: sign in again.`,
			{
				title: 'Sign in again to keep playing',
				hint: 'Your unsent game data stays on this device and is sent once you have signed in again.',
			},
		);

	return {
		key,
		kind: 'oauth2',
		async obtain(previous, { policy } = {}) {
			if (previous !== null && !policy) throw ended();
			const accessToken = await tokens.current();
			if (!accessToken) throw ended();
			const sessionName = roleSessionName({ sub: options.userId?.() ?? undefined });
			const answer = await assume({
				accessToken,
				providerId: provider.providerId,
				sessionName,
				...(policy ? { policy } : {}),
			});
			return recordFromSts(answer, {
				sourceKey: key,
				providerId: provider.id,
				roleArn: provider.roleArn,
				obtainedAt: options.now(),
				...(policy ? { sessionPolicy: policy } : {}),
			});
		},
		signInAgain: () => tokens.signInAgain(),
	};
}
