import { describe, expect, it } from 'vitest';
import { marshall } from '../../../src/lib/aws/dynamodb-json';
import type { PlayerIdentity } from '../../../src/lib/config/data-layout';
import { snapshotGuestProgress } from '../../../src/lib/game/carry';
import type { GameData } from '../../../src/lib/game/data';
import { outboxFor, type ScoreWrite, type SaveWrite } from '../../../src/lib/game/outbox';
import { sendWrite } from '../../../src/lib/game/send';
import type { OutboxEntry, OutboxWrite } from '../../../src/lib/vault/outbox';

/*
 * A guest's progress at sign-in (Amazon Cognito identity pools): the snapshot read with the guest's
 * credentials into the outbox, and how each write is sent by whoever the guest became. AWS is faked at
 * the call level; the Chromium tests (tests/e2e/cognito.spec.ts) run the same against the sandbox.
 */

const GUEST_ID = 'us-east-1:00000000-0000-0000-0000-00000000000a';
const PLAYER_ID = 'us-east-1:00000000-0000-0000-0000-00000000000b';
const guest: PlayerIdentity = { segment: 'cognito', id: GUEST_ID, guest: true };
const linked: PlayerIdentity = { segment: 'cognito', id: GUEST_ID };
const merged: PlayerIdentity = { segment: 'cognito', id: PLAYER_ID, carriedFrom: [GUEST_ID] };
const stranger: PlayerIdentity = { segment: 'cognito', id: PLAYER_ID };

interface Call {
	op: string;
	input: Record<string, unknown>;
}

/** A guest with two runs (best 70), a summary, and saves in slots 1 and 2. */
function fakeAws() {
	const calls: Call[] = [];
	const saveBody = (slot: number) =>
		JSON.stringify({
			version: 1,
			slot,
			savedAt: '2026-01-01T00:00:00.000Z',
			state: { bestScore: 70, slot },
		});
	const data = {
		bucket: 'b',
		table: 't',
		s3: {
			getObject: async (input: Record<string, unknown>) => {
				calls.push({ op: 'GetObject', input });
				const slot = Number(/slot-(\d)/.exec(String(input.Key))?.[1]);
				return { body: saveBody(slot), etag: `"e${slot}"` };
			},
			listObjectsV2: async (input: Record<string, unknown>) => {
				calls.push({ op: 'ListObjectsV2', input });
				return {
					objects: [1, 2].map((slot) => ({
						key: `${String(input.Prefix)}slot-${slot}.json`,
						etag: `"e${slot}"`,
						lastModified: null,
						size: 10,
					})),
				};
			},
			putObject: async (input: Record<string, unknown>) => {
				calls.push({ op: 'PutObject', input });
				return { etag: '"new"' };
			},
			deleteObject: async () => {},
		},
		dynamodb: {
			call: async (op: string, input: Record<string, unknown>) => {
				calls.push({ op, input });
				if (op === 'GetItem') {
					return {
						Item: marshall({
							UserId: `cognito/${GUEST_ID}`,
							GameTitle: 'TokenRush',
							GuestTopScore: 70,
							GuestTopScoreDateTime: '2026-01-01T00:00:01Z',
							DisplayName: 'Guest',
							Runs: 2,
						}),
					};
				}
				if (op === 'Query') {
					return {
						Items: [
							{
								RunId: 'r2',
								Score: 30,
								PlayedAt: '2026-01-01T00:00:02Z',
								DurationMs: 9,
								Won: false,
							},
							{
								RunId: 'r1',
								Score: 70,
								PlayedAt: '2026-01-01T00:00:01Z',
								DurationMs: 8,
								Won: true,
							},
						].map((item) => marshall(item)),
					};
				}
				return {};
			},
		},
		destroy: () => {},
	} as unknown as GameData;
	return { data, calls };
}

/** The vault's outbox in memory: ordered, an id enqueued twice kept once. */
function memoryOutbox(initial: OutboxEntry[] = []) {
	const entries: OutboxEntry[] = [...initial];
	return {
		entries,
		store: {
			enqueue: async (write: OutboxWrite) => {
				if (entries.some((e) => e.id === write.id)) return;
				entries.push({
					...write,
					seq: entries.length + 1,
					state: 'pending',
					attempts: 0,
					nextAttemptAt: 0,
				});
			},
			pending: async () => [...entries],
		},
	};
}

let ids = 0;
const newId = () => `id-${++ids}`;

describe('keeping a guest’s progress at sign-in', () => {
	it('snapshots the best run (its own run id) and every save into the outbox, owned by the guest', async () => {
		const { data } = fakeAws();
		const outbox = memoryOutbox();
		const queue = outboxFor(guest, { store: outbox.store, newId });
		const kept = await snapshotGuestProgress(data, guest, queue, outbox.store.pending);
		expect(kept.bestRun).toMatchObject({ runId: 'r1', score: 70, won: true, displayName: 'Guest' });
		expect(kept.saves).toEqual([1, 2]);
		const [run, ...saves] = outbox.entries;
		expect(run).toMatchObject({ id: 'r1', kind: 'score' });
		expect(run!.payload).toMatchObject({ runId: 'r1', carried: true, owner: { id: GUEST_ID } });
		expect(saves.map((s) => (s.payload as SaveWrite).slot)).toEqual([1, 2]);
		for (const save of saves) {
			expect(save.payload).toMatchObject({
				carried: true,
				baseEtag: null,
				owner: { id: GUEST_ID },
			});
		}
	});

	it('queues nothing twice when it runs again (a sign-in cancelled and started over)', async () => {
		const { data } = fakeAws();
		const outbox = memoryOutbox();
		const queue = outboxFor(guest, { store: outbox.store, newId });
		await snapshotGuestProgress(data, guest, queue, outbox.store.pending);
		await snapshotGuestProgress(data, guest, queue, outbox.store.pending);
		expect(outbox.entries.map((e) => e.kind)).toEqual(['score', 'save', 'save']);
	});

	it('leaves a slot whose newer save is still waiting in the outbox to that save', async () => {
		const { data } = fakeAws();
		const outbox = memoryOutbox();
		const queue = outboxFor(guest, { store: outbox.store, newId });
		await queue.queueSave(2, { bestScore: 99 }, '"e2"');
		const kept = await snapshotGuestProgress(data, guest, queue, outbox.store.pending);
		expect(kept.saves).toEqual([1]);
	});

	it('fails, queueing nothing of what it could not read, when AWS can’t be reached', async () => {
		const { data } = fakeAws();
		(data.dynamodb as { call: unknown }).call = async () => {
			throw new TypeError('Failed to fetch');
		};
		const outbox = memoryOutbox();
		const queue = outboxFor(guest, { store: outbox.store, newId });
		await expect(snapshotGuestProgress(data, guest, queue, outbox.store.pending)).rejects.toThrow();
		expect(outbox.entries).toEqual([]);
	});
});

describe('sending a guest’s writes as whoever the guest became', () => {
	async function snapshot() {
		const { data } = fakeAws();
		const outbox = memoryOutbox();
		await snapshotGuestProgress(
			data,
			guest,
			outboxFor(guest, { store: outbox.store, newId }),
			outbox.store.pending,
		);
		const [run, save] = outbox.entries as [OutboxEntry, OutboxEntry];
		return { run, save };
	}

	it('linked (same identity id): the save is already there, the run raises TopScore once', async () => {
		const { run, save } = await snapshot();
		const aws = fakeAws();
		await expect(sendWrite(aws.data, linked, save)).resolves.toBe('ok');
		expect(aws.calls).toEqual([]);
		await expect(sendWrite(aws.data, linked, run)).resolves.toBe('ok');
		const ops = aws.calls.map((c) => c.op);
		expect(ops).toEqual(['TransactWriteItems', 'UpdateItem']);
		expect(String(aws.calls[1]!.input.UpdateExpression)).toMatch(/^SET TopScore = /);
	});

	it('merged: the run and the save are written under the player, a save only where the slot is free', async () => {
		const { run, save } = await snapshot();
		const aws = fakeAws();
		await expect(sendWrite(aws.data, merged, save)).resolves.toBe('ok');
		expect(aws.calls[0]).toMatchObject({
			op: 'PutObject',
			input: { Key: `players/cognito/${PLAYER_ID}/saves/slot-1.json`, IfNoneMatch: '*' },
		});
		await sendWrite(aws.data, merged, run);
		const transact = aws.calls.find((c) => c.op === 'TransactWriteItems')!;
		expect(JSON.stringify(transact.input)).toContain(`cognito/${PLAYER_ID}`);
		expect(JSON.stringify(transact.input)).not.toContain(GUEST_ID);
	});

	it('the carried run is shown under the player’s name, not as "Guest" (named when it is sent)', async () => {
		const { run } = await snapshot();
		for (const player of [linked, merged]) {
			const aws = fakeAws();
			await sendWrite(aws.data, player, run, () => 'Carol');
			const named = aws.calls.map((c) => JSON.stringify(c.input)).filter((i) => i.includes(':n'));
			expect(named.length).toBeGreaterThan(0);
			for (const input of named) {
				expect(input).toContain('"S":"Carol"');
				expect(input).not.toContain('"S":"Guest"');
			}
		}
	});

	it('still a guest (the sign-in did not finish): the snapshot is dropped, the data stays the guest’s', async () => {
		const { run, save } = await snapshot();
		const aws = fakeAws();
		await expect(sendWrite(aws.data, guest, run)).resolves.toBe('ok');
		await expect(sendWrite(aws.data, guest, save)).resolves.toBe('ok');
		expect(aws.calls).toEqual([]);
	});

	it('never as a player the guest was not carried into', async () => {
		const { run } = await snapshot();
		const aws = fakeAws();
		await expect(sendWrite(aws.data, stranger, run)).resolves.toMatchObject({ outcome: 'denied' });
		expect(aws.calls).toEqual([]);
	});

	it('a guest’s own run raises GuestTopScore, never TopScore', async () => {
		const outbox = memoryOutbox();
		await outboxFor(guest, { store: outbox.store, newId }).queueScore({
			score: 50,
			playedAt: '2026-01-01T00:00:03Z',
			durationMs: 10,
			displayName: 'Guest',
			won: true,
		});
		const aws = fakeAws();
		await sendWrite(aws.data, guest, outbox.entries[0]!);
		const update = aws.calls.find((c) => c.op === 'UpdateItem')!;
		expect(String(update.input.UpdateExpression)).toMatch(
			/^SET GuestTopScore = :s, GuestTopScoreDateTime/,
		);
		expect(String(update.input.UpdateExpression)).not.toMatch(/\bTopScore = /);
		expect((outbox.entries[0]!.payload as ScoreWrite).carried).toBeUndefined();
	});
});
