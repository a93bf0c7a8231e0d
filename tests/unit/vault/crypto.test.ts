import { beforeEach, describe, expect, it } from 'vitest';
import { getOrCreateVaultKey, seal, unseal } from '../../../src/lib/vault/crypto';
import { vaultDb } from '../../../src/lib/vault/db';
import { freshVault } from './fresh-vault';

beforeEach(freshVault);

describe('vault crypto', () => {
	it('opens what it sealed under the same AAD', async () => {
		const sealed = await seal('hello, vault ✓', 'record-a');
		await expect(unseal(sealed, 'record-a')).resolves.toBe('hello, vault ✓');
	});

	it('uses a fresh 96-bit IV for every seal', async () => {
		const a = await seal('same', 'aad');
		const b = await seal('same', 'aad');
		expect(a.iv).toHaveLength(12);
		expect(a.iv).not.toEqual(b.iv);
		expect(a.ct).not.toEqual(b.ct);
	});

	it('refuses a value sealed for another record', async () => {
		const sealed = await seal('secret', 'credentials|a');
		await expect(unseal(sealed, 'credentials|b')).rejects.toMatchObject({
			code: 'vault-unreadable',
		});
	});

	it('refuses a tampered ciphertext', async () => {
		const sealed = await seal('secret', 'aad');
		sealed.ct[0] = (sealed.ct[0] ?? 0) ^ 1;
		await expect(unseal(sealed, 'aad')).rejects.toMatchObject({ code: 'vault-unreadable' });
	});

	it.each([
		['null', null],
		['a string', 'abc'],
		['a short IV', { iv: new Uint8Array(8), ct: new Uint8Array(32) }],
		['a ciphertext shorter than the tag', { iv: new Uint8Array(12), ct: new Uint8Array(4) }],
		['arrays instead of bytes', { iv: [1, 2, 3], ct: [4, 5, 6] }],
	])('refuses a malformed sealed value: %s', async (_name, value) => {
		await expect(unseal(value, 'aad')).rejects.toMatchObject({ code: 'vault-unreadable' });
	});

	it('keeps one non-extractable AES-GCM key in IndexedDB and reuses it', async () => {
		const first = await getOrCreateVaultKey();
		const again = await getOrCreateVaultKey();
		const stored = await (await vaultDb()).get('keys', 'vault');
		expect(first.extractable).toBe(false);
		expect(first.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
		expect(stored).toBeInstanceOf(CryptoKey);
		await expect(crypto.subtle.exportKey('raw', first)).rejects.toThrow();
		// The same key: what one call sealed, the other opens.
		const iv = new Uint8Array(12);
		const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, first, new Uint8Array([7]));
		await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, again, ct)).resolves.toBeDefined();
	});

	it('makes one key even when two tabs ask at the same time', async () => {
		const [a, b] = await Promise.all([getOrCreateVaultKey(), getOrCreateVaultKey()]);
		const sealed = await seal('x', 'aad');
		const iv = sealed.iv;
		const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, a, new Uint8Array([1]));
		await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, b, ct)).resolves.toBeDefined();
	});
});
