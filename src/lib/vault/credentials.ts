import * as v from 'valibot';
import { vault } from './backend';
import { isSealed, seal, unseal } from './crypto';
import type { CredentialRecord, CredentialsMetadata, Sealed, SealedCredentials } from './types';

const SealedSchema = v.custom<Sealed>(isSealed);
const StoredCredentialsSchema = v.object({
	sourceKey: v.string(),
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
	flow: v.optional(v.string()),
	amr: v.optional(v.array(v.string())),
	sourceIdentity: v.optional(v.string()),
	tags: v.optional(v.record(v.string(), v.string())),
	transitiveTagKeys: v.optional(v.array(v.string())),
	parent: v.optional(v.string()),
	// identityId: records written before identity pools have none; a record with one seals it.
	sealed: v.object({
		secretAccessKey: SealedSchema,
		sessionToken: SealedSchema,
		identityId: v.optional(SealedSchema),
	}),
});

// The AAD names the record, the field and the AccessKeyId: a sealed secret moved to another record,
// swapped with the token, or paired with another access key fails to open.
function aad(
	m: Pick<CredentialsMetadata, 'sourceKey' | 'accessKeyId'>,
	field: 'secretAccessKey' | 'sessionToken' | 'identityId',
): string {
	return `credentials|${m.sourceKey}|${m.accessKeyId}|${field}`;
}

/** Store temporary credentials under their source, sealing SecretAccessKey and SessionToken. */
export async function saveCredentials(credentials: CredentialRecord): Promise<void> {
	const { secretAccessKey, sessionToken, identityId, ...metadata } = credentials;
	const record: SealedCredentials = {
		...metadata,
		sealed: {
			secretAccessKey: await seal(secretAccessKey, aad(metadata, 'secretAccessKey')),
			sessionToken: await seal(sessionToken, aad(metadata, 'sessionToken')),
			...(identityId === undefined
				? {}
				: { identityId: await seal(identityId, aad(metadata, 'identityId')) }),
		},
	};
	await (await vault()).credentials.put(metadata.sourceKey, record);
}

/**
 * The stored credentials of a source, opened; null when there are none or when the record is malformed
 * or can't be opened (it is then deleted: the caller simply gets new ones). Expired credentials are
 * returned as they are: the caller decides with its corrected clock.
 */
export async function loadCredentials(sourceKey: string): Promise<CredentialRecord | null> {
	const { credentials } = await vault();
	const record = await credentials.get(sourceKey);
	if (record === undefined) return null;
	if (!v.is(StoredCredentialsSchema, record) || record.sourceKey !== sourceKey) {
		await credentials.delete(sourceKey);
		return null;
	}
	const { sealed, ...metadata } = record;
	try {
		return {
			...metadata,
			secretAccessKey: await unseal(sealed.secretAccessKey, aad(metadata, 'secretAccessKey')),
			sessionToken: await unseal(sealed.sessionToken, aad(metadata, 'sessionToken')),
			...(sealed.identityId === undefined
				? {}
				: { identityId: await unseal(sealed.identityId, aad(metadata, 'identityId')) }),
		};
	} catch {
		await credentials.delete(sourceKey);
		return null;
	}
}

/** Metadata of every stored set of credentials; nothing is decrypted. */
export async function listCredentialsMetadata(): Promise<CredentialsMetadata[]> {
	const records = (await (await vault()).credentials.entries()).map(([, record]) => record);
	return records
		.filter((r) => v.is(StoredCredentialsSchema, r))
		.map(({ sealed: _sealed, ...metadata }) => metadata);
}

export async function deleteCredentials(sourceKey: string): Promise<void> {
	await (await vault()).credentials.delete(sourceKey);
}

/** Delete credentials whose Expiration is at or before `now` (ms). Returns how many went. */
export async function purgeExpired(now: number): Promise<number> {
	const { credentials } = await vault();
	const expired = (await credentials.entries()).filter(
		([, record]) => typeof record?.expiration === 'number' && record.expiration <= now,
	);
	for (const [key] of expired) await credentials.delete(key);
	return expired.length;
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
	await (await vault()).wipe();
}
