import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getOrCreateVaultKey } from '../../../src/lib/vault/crypto';
import { loadCredentials, purgeExpired, saveCredentials } from '../../../src/lib/vault/credentials';
import { DB_NAME, DB_VERSION, closeVaultDb, vaultDb } from '../../../src/lib/vault/db';
import { freshVault, sampleCredentials } from './fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const ROLE = 'arn:aws:iam::123456789012:role/FedplayPlayer';

beforeEach(freshVault);

/** Build the "first release" database (v1: keys + credentials) with a current record in it. */
async function createVersion1WithCredentials(): Promise<void> {
	// Seal with today's code, then move the stores' contents into a raw v1 database.
	await saveCredentials(sampleCredentials(NOW));
	const db = await vaultDb();
	const key = await getOrCreateVaultKey();
	const record = await db.get('credentials', `sandbox|${ROLE}`);
	await closeVaultDb();
	await new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(DB_NAME);
		req.onsuccess = resolve;
		req.onerror = reject;
	});
	const v1 = await openDB(DB_NAME, 1, {
		upgrade(raw) {
			raw.createObjectStore('keys');
			raw.createObjectStore('credentials');
		},
	});
	await v1.put('keys', key, 'vault');
	await v1.put('credentials', record, `sandbox|${ROLE}`);
	v1.close();
}

describe('vault schema', () => {
	it('is at version 2 with every store', async () => {
		const db = await vaultDb();
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'credentials',
			'keys',
			'meta',
			'oidc',
			'outbox',
		]);
	});

	it('upgrades a version 1 database and keeps its credentials readable', async () => {
		await createVersion1WithCredentials();
		const db = await vaultDb();
		expect(db.version).toBe(2);
		await expect(loadCredentials(`sandbox|${ROLE}`)).resolves.toEqual(sampleCredentials(NOW));
		// The index added in v2 covers the records that were already there.
		await expect(purgeExpired(NOW + 3_600_000)).resolves.toBe(1);
		expect(db.transaction('outbox').store.indexNames.contains('by-state')).toBe(true);
	});

	it('steps aside when another tab needs a newer version', async () => {
		await vaultDb();
		const newer = await openDB(DB_NAME, DB_VERSION + 1);
		expect(newer.version).toBe(DB_VERSION + 1);
		newer.close();
	});
});
