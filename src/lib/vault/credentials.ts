import * as v from 'valibot';
import { isSealed, seal, unseal } from './crypto';
import { vaultDb } from './db';
import type { CredentialsMetadata, Sealed, SealedCredentials, VaultCredentials } from './types';

const SealedSchema = v.custom<Sealed>(isSealed);
const StoredCredentialsSchema = v.object({
	providerId: v.string(),
	roleArn: v.string(),
	accessKeyId: v.string(),
	expiration: v.number(),
	assumedRoleArn: v.string(),
	assumedRoleId: v.string(),
	subject: v.string(),
	issuer: v.string(),
	audience: v.optional(v.string()),
	obtainedAt: v.number(),
	packedPolicySize: v.optional(v.number()),
	sessionPolicy: v.optional(v.string()),
	sealed: v.object({ secretAccessKey: SealedSchema, sessionToken: SealedSchema }),
});

/** The `credentials` store key: one set of credentials per provider and role. */
export function credentialsKey(providerId: string, roleArn: string): string {
	return `${providerId}|${roleArn}`;
}

// The AAD names the record, the field and the AccessKeyId: a sealed secret moved to another record,
// swapped with the token, or paired with another access key fails to open.
function aad(m: CredentialsMetadata, field: 'secretAccessKey' | 'sessionToken'): string {
	return `credentials|${credentialsKey(m.providerId, m.roleArn)}|${m.accessKeyId}|${field}`;
}

/** Store temporary credentials, sealing SecretAccessKey and SessionToken; metadata stays readable. */
export async function saveCredentials(credentials: VaultCredentials): Promise<void> {
	const { secretAccessKey, sessionToken, ...metadata } = credentials;
	const record: SealedCredentials = {
		...metadata,
		sealed: {
			secretAccessKey: await seal(secretAccessKey, aad(metadata, 'secretAccessKey')),
			sessionToken: await seal(sessionToken, aad(metadata, 'sessionToken')),
		},
	};
	const db = await vaultDb();
	await db.put('credentials', record, credentialsKey(metadata.providerId, metadata.roleArn));
}

/**
 * The stored credentials for this provider and role, opened; null when there are none or when the
 * record is malformed or can't be opened (it is then deleted: the caller simply gets new ones).
 * Expired credentials are returned as they are: the caller decides with its corrected clock.
 */
export async function loadCredentials(
	providerId: string,
	roleArn: string,
): Promise<VaultCredentials | null> {
	const db = await vaultDb();
	const key = credentialsKey(providerId, roleArn);
	const record = await db.get('credentials', key);
	if (record === undefined) return null;
	if (
		!v.is(StoredCredentialsSchema, record) ||
		credentialsKey(record.providerId, record.roleArn) !== key
	) {
		await db.delete('credentials', key);
		return null;
	}
	const { sealed, ...metadata } = record;
	try {
		return {
			...metadata,
			secretAccessKey: await unseal(sealed.secretAccessKey, aad(metadata, 'secretAccessKey')),
			sessionToken: await unseal(sealed.sessionToken, aad(metadata, 'sessionToken')),
		};
	} catch {
		await db.delete('credentials', key);
		return null;
	}
}

/** Metadata of every stored set of credentials, for the UI; nothing is decrypted. */
export async function listCredentialsMetadata(): Promise<CredentialsMetadata[]> {
	const db = await vaultDb();
	const records = await db.getAll('credentials');
	return records
		.filter((r) => v.is(StoredCredentialsSchema, r))
		.map(({ sealed: _sealed, ...metadata }) => metadata);
}

export async function deleteCredentials(providerId: string, roleArn: string): Promise<void> {
	const db = await vaultDb();
	await db.delete('credentials', credentialsKey(providerId, roleArn));
}

/** Delete credentials whose Expiration is at or before `now` (ms). Returns how many went. */
export async function purgeExpired(now: number): Promise<number> {
	const db = await vaultDb();
	const tx = db.transaction('credentials', 'readwrite');
	let purged = 0;
	let cursor = await tx.store.index('by-expiration').openCursor(IDBKeyRange.upperBound(now));
	while (cursor) {
		await cursor.delete();
		purged += 1;
		cursor = await cursor.continue();
	}
	await tx.done;
	return purged;
}

/**
 * Purge now and then every `intervalMs`. Returns the function that stops the timer.
 * `now` should be the corrected clock.
 */
export function startPurgeTimer(intervalMs: number, now: () => number = Date.now): () => void {
	const purge = () => void purgeExpired(now()).catch(() => undefined);
	purge();
	const timer = setInterval(purge, intervalMs);
	return () => clearInterval(timer);
}

/** Sign-out: empty every store, the vault key included (a new key is made next time). */
export async function wipeVault(): Promise<void> {
	const db = await vaultDb();
	const stores = ['keys', 'credentials', 'oidc', 'outbox', 'meta'] as const;
	const tx = db.transaction(stores, 'readwrite');
	await Promise.all([...stores.map((name) => tx.objectStore(name).clear()), tx.done]);
}
