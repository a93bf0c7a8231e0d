import { beforeEach, describe, expect, it } from 'vitest';
import { createLocalLockManager } from '../../../src/lib/vault/locks';
import * as outbox from '../../../src/lib/vault/outbox';
import {
	backoffDelay,
	createOutboxRunner,
	type OutboxRunnerDeps,
	type SendResult,
} from '../../../src/lib/game/outbox-runner';
import { freshVault } from '../vault/fresh-vault';

beforeEach(freshVault);

const BACKOFF = { baseMs: 1_000, capMs: 60_000, random: () => 0.5 };

/** Timers the test fires by hand, so backoff is checked to the millisecond without waiting. */
function manualTimers() {
	const pending = new Set<{ run: () => void; ms: number }>();
	return {
		pending,
		setTimeout: (run: () => void, ms: number) => {
			const timer = { run, ms };
			pending.add(timer);
			return timer;
		},
		clearTimeout: (handle: unknown) =>
			void pending.delete(handle as { run: () => void; ms: number }),
		delays: () => [...pending].map((t) => t.ms),
	};
}

function harness(send: OutboxRunnerDeps['send'], overrides: Partial<OutboxRunnerDeps> = {}) {
	const clock = { now: 100_000 };
	const timers = manualTimers();
	const runner = createOutboxRunner({
		send,
		now: () => clock.now,
		setTimeout: timers.setTimeout,
		clearTimeout: timers.clearTimeout,
		online: () => true,
		onOnline: () => () => {},
		backoff: BACKOFF,
		locks: createLocalLockManager(),
		...overrides,
	});
	return { runner, clock, timers };
}

async function enqueueAll(...ids: string[]): Promise<void> {
	for (const id of ids) await outbox.enqueue({ id, kind: 'score', createdAt: 1, payload: { id } });
}

describe('backoffDelay', () => {
	it.each([
		[1, 0, 500],
		[1, 0.999_999, 1_000],
		[2, 0, 1_000],
		[3, 0.5, 3_000],
		[6, 0, 16_000],
		[7, 0.999_999, 60_000],
		[20, 0, 30_000],
	])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
		expect(backoffDelay(attempt, { ...BACKOFF, random: () => random })).toBeCloseTo(expected, -1);
	});
});

describe('outbox runner', () => {
	it('delivers every write in order, one at a time, and acks each', async () => {
		await enqueueAll('w1', 'w2', 'w3');
		const sent: string[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const { runner } = harness(async (w) => {
			inFlight += 1;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await new Promise((r) => setTimeout(r, 1));
			sent.push(w.id);
			inFlight -= 1;
			return 'ok';
		});
		runner.start();
		await runner.drain();
		expect(sent).toEqual(['w1', 'w2', 'w3']);
		expect(maxInFlight).toBe(1);
		await expect(outbox.list()).resolves.toEqual([]);
	});

	it('retries with growing backoff and holds later writes back until the first lands', async () => {
		await enqueueAll('first', 'second');
		const results: SendResult[] = [
			'retry',
			{ outcome: 'retry', detail: 'ThrottlingException' },
			'ok',
			'ok',
		];
		const sent: string[] = [];
		const { runner, clock, timers } = harness(async (w) => {
			sent.push(w.id);
			return results.shift() ?? 'ok';
		});
		runner.start();
		await runner.drain();
		expect(sent).toEqual(['first']);
		expect(timers.delays()).toEqual([750]); // attempt 1: half of 1 s fixed, half jittered (0.5)
		expect((await outbox.list())[0]).toMatchObject({ id: 'first', state: 'retrying', attempts: 1 });

		clock.now += 750;
		await runner.drain();
		expect(timers.delays()).toEqual([1_500]); // attempt 2: 2 s step
		expect((await outbox.list())[0]).toMatchObject({
			attempts: 2,
			lastError: 'ThrottlingException',
		});

		clock.now += 1_499;
		await runner.drain();
		expect(sent).toEqual(['first', 'first']); // not due yet: nothing sent
		clock.now += 1;
		await runner.drain();
		expect(sent).toEqual(['first', 'first', 'first', 'second']);
		await expect(outbox.list()).resolves.toEqual([]);
	});

	it('resends the same id when the server took the write but the answer was lost', async () => {
		await enqueueAll('score-1');
		const server = new Map<string, number>(); // a server that dedupes on the write id
		const sentIds: string[] = [];
		let loseNextAnswer = true;
		const { runner, clock } = harness(async (w) => {
			sentIds.push(w.id);
			server.set(w.id, (server.get(w.id) ?? 0) + 1);
			if (loseNextAnswer) {
				loseNextAnswer = false;
				throw new TypeError('Failed to fetch');
			}
			return 'ok';
		});
		runner.start();
		await runner.drain();
		expect((await outbox.list())[0]).toMatchObject({ lastError: 'TypeError: Failed to fetch' });
		clock.now += 60_000;
		await runner.drain();
		expect(sentIds).toEqual(['score-1', 'score-1']);
		expect([...server.keys()]).toEqual(['score-1']);
		await expect(outbox.list()).resolves.toEqual([]);
	});

	it('sets a denied write aside with its explanation and carries on', async () => {
		await enqueueAll('bad', 'good');
		const sent: string[] = [];
		const { runner } = harness(async (w) => {
			sent.push(w.id);
			return w.id === 'bad'
				? { outcome: 'denied', detail: 'No policy allows dynamodb:PutItem.' }
				: 'ok';
		});
		runner.start();
		await runner.drain();
		await runner.drain();
		expect(sent).toEqual(['bad', 'good']);
		expect(await outbox.list()).toEqual([
			expect.objectContaining({
				id: 'bad',
				state: 'denied',
				explanation: 'No policy allows dynamodb:PutItem.',
			}),
		]);
	});

	it('keeps writes pending, untouched, while the player must sign in again, and sends them after', async () => {
		await enqueueAll('first', 'second');
		let signedIn = false;
		const sent: string[] = [];
		const { runner, timers } = harness(async (w) => {
			if (!signedIn) return { outcome: 'wait', detail: 'Sign in again to keep saving.' };
			sent.push(w.id);
			return 'ok';
		});
		runner.start();
		await runner.drain();
		// No timer, no attempt counted, nothing set aside: the write waits for the player.
		expect(timers.delays()).toEqual([]);
		expect(await outbox.list()).toEqual([
			expect.objectContaining({
				id: 'first',
				state: 'waiting',
				attempts: 0,
				lastError: 'Sign in again to keep saving.',
			}),
			expect.objectContaining({ id: 'second', state: 'pending', attempts: 0 }),
		]);
		signedIn = true;
		runner.stop();
		runner.start();
		await runner.drain();
		expect(sent).toEqual(['first', 'second']);
		expect(await outbox.list()).toEqual([]);
	});

	it('waits while offline and delivers when the browser is back online', async () => {
		await enqueueAll('offline-score');
		let online = false;
		let backOnline = () => {};
		const sent: string[] = [];
		const { runner } = harness(
			async (w) => {
				sent.push(w.id);
				return 'ok';
			},
			{ online: () => online, onOnline: (l) => ((backOnline = l), () => {}) },
		);
		runner.start();
		await runner.drain();
		expect(sent).toEqual([]);
		online = true;
		backOnline();
		await runner.drain();
		expect(sent).toEqual(['offline-score']);
	});

	it('resends a write left "sending" by a tab that closed mid-write', async () => {
		await enqueueAll('mid-write');
		await outbox.markSending('mid-write');
		const sent: string[] = [];
		const { runner } = harness(async (w) => (sent.push(w.id), 'ok'));
		runner.start();
		await runner.drain();
		expect(sent).toEqual(['mid-write']);
	});

	it('lets only one tab deliver at a time: two runners, each write sent once', async () => {
		await enqueueAll('a', 'b', 'c');
		const locks = createLocalLockManager();
		const sent: string[] = [];
		const send = async (w: { id: string }) => {
			await new Promise((r) => setTimeout(r, 1));
			sent.push(w.id);
			return 'ok' as const;
		};
		const tab1 = harness(send, { locks });
		const tab2 = harness(send, { locks });
		tab1.runner.start();
		tab2.runner.start();
		await Promise.all([tab1.runner.drain(), tab2.runner.drain()]);
		expect(sent).toEqual(['a', 'b', 'c']);
		// The tab that found the lock taken looks again later rather than forgetting the queue.
		expect(tab2.timers.delays()).toEqual([BACKOFF.baseMs]);
	});

	it('does nothing after stop', async () => {
		await enqueueAll('later');
		const sent: string[] = [];
		const { runner, timers } = harness(async (w) => (sent.push(w.id), 'ok'));
		runner.start();
		runner.stop();
		await runner.drain();
		expect(sent).toEqual([]);
		expect(timers.pending.size).toBe(0);
	});
});
