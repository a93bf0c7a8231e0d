import type { CredentialRecord, CredentialsMetadata } from '../vault/types';

/**
 * One way to get AWS credentials: today an OpenID Connect ID token through AssumeRoleWithWebIdentity
 * (oidc-source.ts); later Cognito identity pools (enhanced, basic, guest), an OAuth 2.0 access token with
 * `ProviderId`, a chained role. A source knows how to obtain and renew, and what it needs comes in by
 * injection (a token supplier, a parent session). Vaults, timers, tabs and retries are the credential
 * provider's (credential-provider.ts), the same for every source.
 */
export interface CredentialSource {
	/**
	 * Stable id of this source: the vault key of its credentials and the name of its cross-tab refresh
	 * (`<providerId>|<roleArn>` for the OIDC source).
	 */
	readonly key: string;
	/**
	 * `oidc`: the direct path; `cognito`/`cognito-guest`: an identity pool, signed in or as a guest;
	 * `oauth2`: an access token with `ProviderId`, never renewed without the player; `chained`: a role taken
	 * from another session (chained-source.ts).
	 */
	readonly kind: 'oidc' | 'cognito' | 'cognito-guest' | 'oauth2' | 'chained';
	/**
	 * Whether this path can carry session tags and a source identity at all: an OpenID Connect ID token can
	 * (AWS's tag claim); OAuth 2.0 access tokens and Cognito's tokens cannot. Absent means it cannot, so team
	 * features say plainly that they are not available on this path.
	 */
	readonly supportsSessionTags?: boolean;
	/**
	 * New credentials. `previous`: the record being renewed (null at sign-in). Rejects with AppError
	 * `session-expired` when it cannot renew without the player. `options.policy`: a scope-down session
	 * policy (the inspector's playground); the provider never stores such a result.
	 */
	obtain(
		previous: CredentialRecord | null,
		options?: { policy?: string },
	): Promise<CredentialRecord>;
	/**
	 * The last resort, once `obtain` said `session-expired` and no usable credentials are left: involve the
	 * player (send them to sign in again, keeping where they were). Does not come back.
	 */
	signInAgain(): Promise<never>;
	/** The token this source trades for credentials, for the inspector to decode; never stored by callers. */
	identityToken?(): Promise<string | null>;
}

/** The credential shape sources answer with (lib/vault/types.ts), for callers above lib/federation. */
export type { CredentialRecord, CredentialsMetadata };
