/** Shapes stored in the vault database. Only what is sealed is secret; everything else is metadata. */

/** AES-GCM output: a fresh 96-bit IV and the ciphertext with its 128-bit tag appended. */
export interface Sealed {
	iv: Uint8Array<ArrayBuffer>;
	ct: Uint8Array<ArrayBuffer>;
}

/** What the UI may see about a set of temporary credentials: nothing here is secret. */
export interface CredentialsMetadata {
	providerId: string;
	roleArn: string;
	/** AccessKeyId (ASIA…): useless without the secret, shown in the UI. */
	accessKeyId: string;
	/** Expiration, epoch milliseconds. */
	expiration: number;
	/** AssumedRoleUser.Arn */
	assumedRoleArn: string;
	/** AssumedRoleUser.AssumedRoleId */
	assumedRoleId: string;
	/** SubjectFromWebIdentityToken */
	subject: string;
	/** Provider (the issuer) */
	issuer: string;
	audience?: string;
	/** When STS answered, epoch milliseconds (corrected clock). */
	obtainedAt: number;
	packedPolicySize?: number;
	sessionPolicy?: string;
}

/** Temporary credentials in memory, secrets in the clear. Never persisted in this form. */
export interface VaultCredentials extends CredentialsMetadata {
	secretAccessKey: string;
	sessionToken: string;
}

/** The `credentials` store's record: metadata readable, SecretAccessKey and SessionToken sealed. */
export interface SealedCredentials extends CredentialsMetadata {
	sealed: { secretAccessKey: Sealed; sessionToken: Sealed };
}

export type OutboxKind = 'score' | 'profile' | 'save';
export type OutboxState = 'pending' | 'sending' | 'retrying' | 'denied';

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
	/** Why the policy said no, in words for the player. */
	explanation?: string;
	payload: Sealed;
}
