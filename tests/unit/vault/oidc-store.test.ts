import { beforeEach, describe, expect, it } from 'vitest';
import { vaultDb } from '../../../src/lib/vault/db';
import { VaultStateStore } from '../../../src/lib/vault/oidc-store';
import { freshVault, serialize } from './fresh-vault';

beforeEach(freshVault);

const USER = JSON.stringify({
	id_token: 'eyJhbGciOiJSUzI1NiJ9.secret-id-token',
	refresh_token: 'rt-secret',
});

describe('VaultStateStore (oidc-client-ts StateStore)', () => {
	it('gives back what was set, and null for what was not', async () => {
		const store = new VaultStateStore('user');
		await store.set('user:http://localhost:4000:fedplay-web', USER);
		await expect(store.get('user:http://localhost:4000:fedplay-web')).resolves.toBe(USER);
		await expect(store.get('nothing')).resolves.toBeNull();
	});

	it('keeps tokens sealed at rest', async () => {
		await new VaultStateStore('user').set('u', USER);
		const raw = await (await vaultDb()).get('oidc', 'user.u');
		const text = serialize(raw);
		expect(raw).toBeDefined();
		expect(text).not.toContain('secret-id-token');
		expect(text).not.toContain('rt-secret');
	});

	it('separates stores by prefix and lists keys without it', async () => {
		const users = new VaultStateStore('user');
		const states = new VaultStateStore('state');
		await users.set('a', '1');
		await states.set('s1', 'x');
		await states.set('s2', 'y');
		await expect(users.getAllKeys()).resolves.toEqual(['a']);
		await expect(states.getAllKeys()).resolves.toEqual(['s1', 's2']);
		await expect(states.get('a')).resolves.toBeNull();
	});

	it('removes an entry and returns its last value', async () => {
		const store = new VaultStateStore('state');
		await store.set('s', 'value');
		await expect(store.remove('s')).resolves.toBe('value');
		await expect(store.get('s')).resolves.toBeNull();
		await expect(store.remove('s')).resolves.toBeNull();
	});

	it('will not open a value moved under another key', async () => {
		const store = new VaultStateStore('user');
		await store.set('alice', 'alice-user');
		const db = await vaultDb();
		await db.put('oidc', (await db.get('oidc', 'user.alice'))!, 'user.bob');
		await expect(store.get('bob')).resolves.toBeNull();
	});
});
