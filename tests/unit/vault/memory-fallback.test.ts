import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetVaultChoice, vaultMode } from '../../../src/lib/vault/backend';
import {
	deleteCredentials,
	listCredentialsMetadata,
	loadCredentials,
	purgeExpired,
	saveCredentials,
	wipeVault,
} from '../../../src/lib/vault/credentials';
import { closeVaultDb } from '../../../src/lib/vault/db';
import { readMeta, writeMeta } from '../../../src/lib/vault/meta';
import { VaultStateStore } from '../../../src/lib/vault/oidc-store';
import * as outbox from '../../../src/lib/vault/outbox';
import { sampleCredentials } from './fresh-vault';

/*
 * A browser that refuses IndexedDB (a private mode, a policy, a full disk) gets the same vault in memory:
 * every function behaves as over IndexedDB, for this tab's life.
 */

const NOW = Date.UTC(2026, 0, 1, 12);
const real = globalThis.indexedDB;

/** The ways a browser refuses: no IndexedDB at all, an `open` that throws, an `open` request that errors. */
const REFUSALS: [string, () => IDBFactory | undefined][] = [
	['has no indexedDB', () => undefined],
	[
		'throws from indexedDB.open',
		() => {
			const factory = new IDBFactory();
			factory.open = () => {
				throw new DOMException(
					'The user denied permission to access the database.',
					'SecurityError',
				);
			};
			return factory;
		},
	],
	[
		'fails the open request',
		() => {
			const factory = new IDBFactory();
			// What a browser answers when storage is full or blocked: the request fires `error`.
			factory.open = () => {
				const request = new EventTarget();
				Object.defineProperty(request, 'error', {
					value: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
				});
				setTimeout(() => request.dispatchEvent(new Event('error')));
				return request as IDBOpenDBRequest;
			};
			return factory;
		},
	],
];

afterAll(async () => {
	await closeVaultDb();
	forgetVaultChoice();
	globalThis.indexedDB = real;
});

const write = (id: string, kind: outbox.OutboxWrite['kind'] = 'score') => ({
	id,
	kind,
	createdAt: 1_000,
	payload: { id },
});

describe.each(REFUSALS)('when the browser %s', (_how, refuse) => {
	beforeEach(async () => {
		await closeVaultDb();
		forgetVaultChoice();
		globalThis.indexedDB = refuse() as IDBFactory;
	});

	it('keeps the vault in memory', async () => {
		await expect(vaultMode()).resolves.toBe('memory');
	});

	it('keeps outbox writes in order, once each, through every state', async () => {
		for (const id of ['a', 'b', 'c', 'b']) await outbox.enqueue(write(id));
		expect((await outbox.list()).map((w) => w.id)).toEqual(['a', 'b', 'c']);
		await outbox.markDenied('a', 'no');
		await outbox.markConflict('b', 'changed', '"etag"');
		await outbox.markAttempt('c', 'Error: offline', 5);
		expect(await outbox.list()).toMatchObject([
			{ id: 'a', state: 'denied', explanation: 'no' },
			{ id: 'b', state: 'conflict', remoteEtag: '"etag"' },
			{ id: 'c', state: 'retrying', attempts: 1, nextAttemptAt: 5, payload: { id: 'c' } },
		]);
		expect((await outbox.pending()).map((w) => w.id)).toEqual(['c']);
		await outbox.ack('c');
		await outbox.discard('a');
		expect((await outbox.list()).map((w) => w.id)).toEqual(['b']);
	});

	it('tells this tab of every outbox change', async () => {
		let changes = 0;
		const stop = outbox.onOutboxChange(() => changes++);
		await outbox.enqueue(write('x'));
		await outbox.markSending('x');
		stop();
		expect(changes).toBe(2);
	});

	it('stores, lists, purges and deletes credentials, secrets opened only on load', async () => {
		const kept = sampleCredentials(NOW, 60_000, { providerId: 'kept' });
		await saveCredentials(kept);
		await saveCredentials(sampleCredentials(NOW, -1, { providerId: 'gone' }));
		await expect(loadCredentials(kept.sourceKey)).resolves.toEqual(kept);
		await expect(purgeExpired(NOW)).resolves.toBe(1);
		const listed = await listCredentialsMetadata();
		expect(listed.map((m) => m.providerId)).toEqual(['kept']);
		expect(listed[0]).not.toHaveProperty('secretAccessKey');
		await deleteCredentials(kept.sourceKey);
		await expect(loadCredentials(kept.sourceKey)).resolves.toBeNull();
	});

	it('keeps meta and oidc-client-ts entries, and wipes them all at sign-out', async () => {
		await writeMeta('activeProvider', 'fedplay-id');
		const store = new VaultStateStore('user');
		await store.set('u', 'a user with tokens');
		await expect(store.getAllKeys()).resolves.toEqual(['u']);
		await expect(readMeta('activeProvider')).resolves.toBe('fedplay-id');
		await wipeVault();
		await expect(readMeta('activeProvider')).resolves.toBeNull();
		await expect(store.get('u')).resolves.toBeNull();
		await expect(outbox.list()).resolves.toEqual([]);
	});
});

describe('when the browser opens IndexedDB', () => {
	beforeEach(async () => {
		await closeVaultDb();
		forgetVaultChoice();
		globalThis.indexedDB = new IDBFactory();
	});

	it('keeps the vault there', async () => {
		await expect(vaultMode()).resolves.toBe('indexeddb');
	});
});
