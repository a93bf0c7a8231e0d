import { beforeEach, describe, expect, it } from 'vitest';
import { closeVaultDb, vaultDb } from '../../../src/lib/vault/db';
import * as outbox from '../../../src/lib/vault/outbox';
import { freshVault, serialize } from './fresh-vault';

beforeEach(freshVault);

const write = (
	id: string,
	kind: outbox.OutboxWrite['kind'] = 'score',
	payload: unknown = { id },
) => ({
	id,
	kind,
	createdAt: 1_000,
	payload,
});

describe('outbox', () => {
	it('keeps writes in the order they were enqueued', async () => {
		for (const id of ['w1', 'w2', 'w3']) await outbox.enqueue(write(id));
		const ids = (await outbox.pending()).map((w) => w.id);
		expect(ids).toEqual(['w1', 'w2', 'w3']);
	});

	it('gives back the payload and starts every write as pending', async () => {
		await outbox.enqueue(write('p', 'profile', { displayName: 'Alice', colour: '#f80' }));
		const [entry] = await outbox.list();
		expect(entry).toMatchObject({
			id: 'p',
			kind: 'profile',
			state: 'pending',
			attempts: 0,
			payload: { displayName: 'Alice', colour: '#f80' },
		});
	});

	it('seals the payload at rest (profile data is personal)', async () => {
		await outbox.enqueue(write('p', 'profile', { displayName: 'Alice Liddell' }));
		const [raw] = await (await vaultDb()).getAll('outbox');
		expect(raw?.id).toBe('p');
		expect(serialize(raw)).not.toContain('Liddell');
	});

	it('enqueues an id once', async () => {
		await outbox.enqueue(write('same'));
		await outbox.enqueue(write('same'));
		await expect(outbox.list()).resolves.toHaveLength(1);
	});

	it('removes a write on ack and on discard', async () => {
		for (const id of ['a', 'b', 'c']) await outbox.enqueue(write(id));
		await outbox.ack('a');
		await outbox.discard('c');
		expect((await outbox.list()).map((w) => w.id)).toEqual(['b']);
	});

	it('records attempts with the error and the next attempt time', async () => {
		await outbox.enqueue(write('r'));
		await outbox.markSending('r');
		expect((await outbox.list())[0]?.state).toBe('sending');
		await outbox.markAttempt('r', 'NetworkError: offline', 5_000);
		const [entry] = await outbox.pending();
		expect(entry).toMatchObject({
			state: 'retrying',
			attempts: 1,
			lastError: 'NetworkError: offline',
			nextAttemptAt: 5_000,
		});
	});

	it('keeps a denied write, with its explanation, out of the pending queue', async () => {
		await outbox.enqueue(write('d'));
		await outbox.enqueue(write('ok'));
		await outbox.markDenied('d', 'Not your partition (dynamodb:LeadingKeys).');
		expect((await outbox.pending()).map((w) => w.id)).toEqual(['ok']);
		expect((await outbox.list())[0]).toMatchObject({
			id: 'd',
			state: 'denied',
			explanation: 'Not your partition (dynamodb:LeadingKeys).',
		});
	});

	it('survives the tab closing: writes are there after reopening', async () => {
		await outbox.enqueue(write('before-close'));
		await outbox.markSending('before-close');
		await closeVaultDb();
		const [entry] = await outbox.pending();
		expect(entry).toMatchObject({
			id: 'before-close',
			state: 'sending',
			payload: { id: 'before-close' },
		});
	});

	it('tells subscribers about changes until they unsubscribe', async () => {
		let calls = 0;
		const unsubscribe = outbox.onOutboxChange(() => (calls += 1));
		await outbox.enqueue(write('x'));
		await outbox.ack('x');
		unsubscribe();
		await outbox.enqueue(write('y'));
		expect(calls).toBe(2);
	});

	it('tells subscribers about a change made in another tab', async () => {
		// Another tab: its own channel object on the same name, as a second page of this browser would have.
		const otherTab = new BroadcastChannel(outbox.OUTBOX_CHANNEL);
		let calls = 0;
		const heard = new Promise<void>((resolve) => {
			const unsubscribe = outbox.onOutboxChange(() => {
				calls += 1;
				unsubscribe();
				resolve();
			});
		});
		otherTab.postMessage('changed');
		await heard; // times out if the message never arrives
		otherTab.close();
		expect(calls).toBe(1);
	});

	it('does not hear its own announcements twice', async () => {
		let calls = 0;
		const unsubscribe = outbox.onOutboxChange(() => (calls += 1));
		await outbox.enqueue(write('once'));
		await new Promise((resolve) => setTimeout(resolve, 50));
		unsubscribe();
		expect(calls).toBe(1);
	});

	it('shows a write it cannot read back as denied, never as pending', async () => {
		await outbox.enqueue(write('bad'));
		const db = await vaultDb();
		const [raw] = await db.getAll('outbox');
		if (!raw) throw new Error('missing');
		await db.put('outbox', { ...raw, kind: 'save' });
		await expect(outbox.pending()).resolves.toEqual([]);
		expect((await outbox.list())[0]).toMatchObject({ id: 'bad', state: 'denied', payload: null });
	});
});
