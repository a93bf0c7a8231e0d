/** Shapes stored in the vault. Only what is sealed is secret; everything else is metadata. */

/** AES-GCM output: a fresh 96-bit IV and the ciphertext with its 128-bit tag appended. */
export interface Sealed {
	iv: Uint8Array<ArrayBuffer>;
	ct: Uint8Array<ArrayBuffer>;
}

/**
 * What may be known about a set of temporary credentials without the secrets: nothing here is secret. The
 * fields after `sessionPolicy` are for the ways of getting credentials still to come (Cognito identity
 * pools, role chaining, session tags); a source fills what it has.
 */
export interface CredentialsMetadata {
	/** The credential source they came from (`CredentialSource.key`): the vault key and the refresh lock. */
	sourceKey: string;
	/** The sign-in provider (`ProviderConfig.id`). */
	providerId: string;
	/** The role asked for (or, where the app does not choose, the role that was assumed). */
	roleArn: string;
	/** AccessKeyId (ASIA…): useless without the secret, shown in the UI. */
	accessKeyId: string;
	/** Expiration, epoch milliseconds. */
	expiration: number;
	/** AssumedRoleUser.Arn */
	assumedRoleArn: string;
	/** AssumedRoleUser.AssumedRoleId */
	assumedRoleId: string;
	/** SubjectFromWebIdentityToken: the identity the role's policy variables see. */
	subject: string;
	/** Provider (the issuer, as STS names it). */
	issuer: string;
	audience?: string;
	/** When STS answered, epoch milliseconds (corrected clock). */
	obtainedAt: number;
	packedPolicySize?: number;
	sessionPolicy?: string;
	/** A Cognito identity id. Sealed in the vault (a guest's id alone gets its credentials). */
	identityId?: string;
	/** Which flow produced them (Cognito `enhanced` or `basic`). */
	flow?: string;
	/** The Cognito token's `amr`: `unauthenticated`, or `authenticated` and the providers of its logins. */
	amr?: string[];
	sourceIdentity?: string;
	/** Session tags, key → value. */
	tags?: Record<string, string>;
	/** The tag keys that pass on to a chained role (they cannot be changed there). */
	transitiveTagKeys?: string[];
	/** For a chained role: the `sourceKey` of the session it was assumed from. */
	parent?: string;
}

/**
 * THE credential shape of the app, end to end: STS's answer is mapped straight into it, the credential
 * provider holds it, the vault seals its secrets. Secrets in the clear: never persisted in this form.
 */
export interface CredentialRecord extends CredentialsMetadata {
	secretAccessKey: string;
	sessionToken: string;
}

/** The `credentials` store's record: metadata readable, SecretAccessKey and SessionToken sealed. */
export interface SealedCredentials extends Omit<CredentialsMetadata, 'identityId'> {
	sealed: { secretAccessKey: Sealed; sessionToken: Sealed; identityId?: Sealed };
}

export type OutboxKind = 'score' | 'profile' | 'save';
/**
 * `conflict`: a conditional write lost to another writer; kept for the player to resolve. `waiting`: no
 * credentials until the player signs in again (a session that is not renewed without them has ended).
 */
export type OutboxState = 'pending' | 'sending' | 'retrying' | 'waiting' | 'denied' | 'conflict';

/** The `outbox` store's record. The payload is player data (a profile is personal), so it is sealed. */
export interface StoredOutboxWrite {
	/** Auto-incremented key: the delivery order. Absent only before the first put. */
	seq?: number;
	/** Client-generated id (a UUID), sent with the write so the server side can dedupe a replay. */
	id: string;
	kind: OutboxKind;
	createdAt: number;
	state: OutboxState;
	attempts: number;
	nextAttemptAt: number;
	lastError?: string;
	/** Why the policy said no (denied), or what changed (conflict), in words for the player. */
	explanation?: string;
	/** For a conflict: the ETag of what the other writer left (null: they deleted it). */
	remoteEtag?: string | null;
	payload: Sealed;
}
