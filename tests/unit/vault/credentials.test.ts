import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	deleteCredentials,
	listCredentialsMetadata,
	loadCredentials,
	purgeExpired,
	saveCredentials,
	startPurgeTimer,
	wipeVault,
} from '../../../src/lib/vault/credentials';
import { seal, unseal } from '../../../src/lib/vault/crypto';
import { vaultDb } from '../../../src/lib/vault/db';
import { VaultStateStore } from '../../../src/lib/vault/oidc-store';
import { SECRET, TOKEN, freshVault, sampleCredentials, serialize } from './fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const ROLE = 'arn:aws:iam::123456789012:role/FedplayPlayer';

beforeEach(freshVault);

describe('credentials in the vault', () => {
	it('loads back exactly what was saved', async () => {
		const saved = sampleCredentials(NOW);
		await saveCredentials(saved);
		await expect(loadCredentials(`sandbox|${ROLE}`)).resolves.toEqual(saved);
	});

	it('stores no plaintext SecretAccessKey or SessionToken, but readable metadata', async () => {
		await saveCredentials(sampleCredentials(NOW));
		const raw = await (await vaultDb()).get('credentials', `sandbox|${ROLE}`);
		const text = serialize(raw);
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain(SECRET.slice(0, 12));
		expect(text).not.toContain(TOKEN.slice(-16));
		expect(raw).toMatchObject({ accessKeyId: 'ASIAEXAMPLE000000001', subject: 'alice' });
	});

	it('refuses a sealed secret moved to another record, and drops that record', async () => {
		await saveCredentials(sampleCredentials(NOW, 3_600_000, { providerId: 'a' }));
		await saveCredentials(sampleCredentials(NOW, 3_600_000, { providerId: 'b' }));
		const db = await vaultDb();
		const a = await db.get('credentials', `a|${ROLE}`);
		const b = await db.get('credentials', `b|${ROLE}`);
		if (!a || !b) throw new Error('records missing');
		await db.put('credentials', { ...b, sealed: a.sealed }, `b|${ROLE}`);
		await expect(loadCredentials(`b|${ROLE}`)).resolves.toBeNull();
		await expect(db.get('credentials', `b|${ROLE}`)).resolves.toBeUndefined();
		await expect(loadCredentials(`a|${ROLE}`)).resolves.toMatchObject({ secretAccessKey: SECRET });
	});

	it('refuses the secret and the token swapped within a record', async () => {
		await saveCredentials(sampleCredentials(NOW));
		const db = await vaultDb();
		const r = await db.get('credentials', `sandbox|${ROLE}`);
		if (!r) throw new Error('record missing');
		const swapped = {
			secretAccessKey: r.sealed.sessionToken,
			sessionToken: r.sealed.secretAccessKey,
		};
		await db.put('credentials', { ...r, sealed: swapped }, `sandbox|${ROLE}`);
		await expect(loadCredentials(`sandbox|${ROLE}`)).resolves.toBeNull();
	});

	it('treats a malformed record as absent', async () => {
		const db = await vaultDb();
		await db.put('credentials', { hello: 'world' } as never, `sandbox|${ROLE}`);
		await expect(loadCredentials(`sandbox|${ROLE}`)).resolves.toBeNull();
	});

	it('lists metadata without secrets', async () => {
		await saveCredentials(sampleCredentials(NOW));
		const [meta] = await listCredentialsMetadata();
		expect(meta).toMatchObject({
			accessKeyId: 'ASIAEXAMPLE000000001',
			expiration: NOW + 3_600_000,
		});
		expect(serialize(meta)).not.toContain(SECRET);
		expect(meta).not.toHaveProperty('sealed');
	});

	it('deletes one set of credentials', async () => {
		await saveCredentials(sampleCredentials(NOW));
		await deleteCredentials(`sandbox|${ROLE}`);
		await expect(loadCredentials(`sandbox|${ROLE}`)).resolves.toBeNull();
	});

	it('purges credentials at or past their Expiration and keeps the rest', async () => {
		await saveCredentials(sampleCredentials(NOW, -1, { providerId: 'gone' }));
		await saveCredentials(sampleCredentials(NOW, 0, { providerId: 'just-gone' }));
		await saveCredentials(sampleCredentials(NOW, 1, { providerId: 'kept' }));
		await expect(purgeExpired(NOW)).resolves.toBe(2);
		const left = await listCredentialsMetadata();
		expect(left.map((m) => m.providerId)).toEqual(['kept']);
	});

	it('wipes every store and the key: old sealed values can never be opened again', async () => {
		await saveCredentials(sampleCredentials(NOW));
		await new VaultStateStore('user').set('k', 'id-token-bearing user');
		const before = await seal('sealed before sign-out', 'aad');
		await wipeVault();
		const db = await vaultDb();
		for (const store of ['keys', 'credentials', 'oidc', 'outbox', 'meta'] as const) {
			await expect(db.count(store)).resolves.toBe(0);
		}
		await expect(unseal(before, 'aad')).rejects.toMatchObject({ code: 'vault-unreadable' });
	});
});

describe('purge timer', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('purges on start and then on every tick until stopped', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		let now = NOW;
		await saveCredentials(sampleCredentials(NOW, 60_000));
		const stop = startPurgeTimer(30_000, () => now);
		await vi.waitFor(async () => expect(await listCredentialsMetadata()).toHaveLength(1));
		now = NOW + 61_000;
		vi.advanceTimersByTime(30_000);
		await vi.waitFor(async () => expect(await listCredentialsMetadata()).toHaveLength(0));
		stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('purges already-expired credentials right away on start', async () => {
		await saveCredentials(sampleCredentials(NOW, -5_000));
		const stop = startPurgeTimer(60_000, () => NOW);
		await vi.waitFor(async () => expect(await listCredentialsMetadata()).toHaveLength(0));
		stop();
	});
});
