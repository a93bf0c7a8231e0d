import { beforeEach, describe, expect, it } from 'vitest';
import {
	carriedGuests,
	deleteGuestIdentity,
	loadGuestIdentity,
	recordCarriedGuest,
	saveGuestIdentity,
} from '../../../src/lib/vault/cognito-identity';
import { loadCredentials, saveCredentials, wipeVault } from '../../../src/lib/vault/credentials';
import { vaultDb } from '../../../src/lib/vault/db';
import { freshVault, sampleCredentials, serialize } from './fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const POOL = 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9';
const GUEST = 'us-east-1:00000000-0000-0000-0000-00000000000a';
const PLAYER = 'us-east-1:00000000-0000-0000-0000-00000000000b';

beforeEach(freshVault);

describe('Cognito identities in the vault', () => {
	it('seals the identity id with the credentials and reads it back', async () => {
		const saved = sampleCredentials(NOW, 3_600_000, {
			sourceKey: 'fedplay-id-pool|cognito-guest',
			identityId: GUEST,
			flow: 'enhanced',
			amr: ['unauthenticated'],
		});
		await saveCredentials(saved);
		const raw = await (await vaultDb()).get('credentials', 'fedplay-id-pool|cognito-guest');
		expect(serialize(raw)).not.toContain(GUEST);
		expect(raw).toMatchObject({ flow: 'enhanced', amr: ['unauthenticated'] });
		await expect(loadCredentials('fedplay-id-pool|cognito-guest')).resolves.toEqual(saved);
	});

	it('still reads a record written before identity pools (no sealed identity id)', async () => {
		const saved = sampleCredentials(NOW);
		await saveCredentials(saved);
		const loaded = await loadCredentials(saved.sourceKey);
		expect(loaded).toEqual(saved);
		expect(loaded).not.toHaveProperty('identityId');
	});

	it('refuses a sealed identity id moved to another record', async () => {
		const a = sampleCredentials(NOW, 3_600_000, { sourceKey: 'a', identityId: GUEST });
		const b = sampleCredentials(NOW, 3_600_000, { sourceKey: 'b', identityId: PLAYER });
		await saveCredentials(a);
		await saveCredentials(b);
		const db = await vaultDb();
		const ra = await db.get('credentials', 'a');
		const rb = await db.get('credentials', 'b');
		if (!ra || !rb) throw new Error('records missing');
		await db.put(
			'credentials',
			{ ...rb, sealed: { ...rb.sealed, identityId: ra.sealed.identityId } },
			'b',
		);
		await expect(loadCredentials('b')).resolves.toBeNull();
	});

	it('keeps the guest identity sealed, beyond any one set of credentials, until sign-out', async () => {
		await expect(loadGuestIdentity(POOL)).resolves.toBeNull();
		await saveGuestIdentity(POOL, GUEST);
		const raw = await (await vaultDb()).get('meta', `cognito-guest|${POOL}`);
		expect(serialize(raw)).not.toContain(GUEST);
		await expect(loadGuestIdentity(POOL)).resolves.toBe(GUEST);
		await expect(loadGuestIdentity('us-east-1:other')).resolves.toBeNull();
		await deleteGuestIdentity(POOL);
		await expect(loadGuestIdentity(POOL)).resolves.toBeNull();
		await saveGuestIdentity(POOL, GUEST);
		await wipeVault();
		await expect(loadGuestIdentity(POOL)).resolves.toBeNull();
	});

	it('records which guests were carried into an identity, once each', async () => {
		await recordCarriedGuest(POOL, GUEST, PLAYER);
		await recordCarriedGuest(POOL, GUEST, PLAYER);
		await expect(carriedGuests(POOL, PLAYER)).resolves.toEqual([GUEST]);
		// Linked (the same id): nothing to send as anyone else.
		await recordCarriedGuest(POOL, PLAYER, PLAYER);
		await expect(carriedGuests(POOL, PLAYER)).resolves.toEqual([GUEST]);
		await expect(carriedGuests(POOL, GUEST)).resolves.toEqual([]);
	});
});
