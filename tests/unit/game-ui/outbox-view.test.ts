import { describe, expect, it } from 'vitest';
import { describeWrite, formatNextAttempt, runStatus } from '../../../src/lib/game/outbox-view';
import type { OutboxEntry } from '../../../src/lib/vault/outbox';

function entry(over: Partial<OutboxEntry> = {}): OutboxEntry {
	return {
		seq: 1,
		id: 'w1',
		kind: 'score',
		createdAt: 0,
		state: 'pending',
		attempts: 0,
		nextAttemptAt: 0,
		payload: { score: 1234 },
		...over,
	};
}

describe('describeWrite', () => {
	it.each([
		[entry(), 'Score 1,234'],
		[entry({ kind: 'save', payload: { slot: 2, state: { secret: 'x' } } }), 'Save slot 2'],
		[entry({ kind: 'profile', payload: { profile: { displayName: 'A' } } }), 'Profile'],
		[entry({ payload: null }), 'Score'],
	])('labels a write by its gist only (%#)', (write, label) => {
		expect(describeWrite(write).label).toBe(label);
	});

	it('keeps a retrying write’s attempt count, next attempt and last error', () => {
		const view = describeWrite(
			entry({ state: 'retrying', attempts: 2, nextAttemptAt: 5000, lastError: 'TimeoutError' }),
		).view;
		expect(view).toEqual({
			state: 'retrying',
			attempts: 2,
			nextAttemptAt: 5000,
			lastError: 'TimeoutError',
		});
	});

	it('tells a conflict from a policy denial by its state, whatever the words say', () => {
		const conflict = entry({ state: 'conflict', explanation: 'Your profile changed elsewhere.' });
		const denied = entry({ state: 'denied', explanation: 'Conflict: no policy allows PutItem.' });
		expect(describeWrite(conflict).view).toEqual({
			state: 'conflict',
			explanation: 'Your profile changed elsewhere.',
		});
		expect(describeWrite(denied).view).toEqual({
			state: 'denied',
			explanation: 'Conflict: no policy allows PutItem.',
		});
	});

	it('explains a denied write that carries no explanation', () => {
		const view = describeWrite(entry({ state: 'denied' })).view;
		expect(view.state === 'denied' && view.explanation).toMatch(/policy does not allow/);
	});
});

describe('formatNextAttempt', () => {
	it.each([
		[0, 'now'],
		[-5000, 'now'],
		[1, 'in 1 s'],
		[12_000, 'in 12 s'],
		[89_000, 'in 89 s'],
		[120_000, 'in 2 min'],
	])('%i ms ahead reads "%s"', (ahead, text) => {
		expect(formatNextAttempt(1_000_000 + ahead, 1_000_000)).toBe(text);
	});
});

describe('runStatus', () => {
	it.each([
		[undefined, true, true, 'saved'],
		[undefined, false, true, 'sending'],
		[undefined, false, false, 'queued'],
		[entry(), false, false, 'queued'],
		[entry(), false, true, 'sending'],
		[entry({ state: 'sending' }), false, true, 'sending'],
		[entry({ state: 'retrying' }), false, true, 'queued'],
		[entry({ state: 'denied' }), false, true, 'denied'],
		[entry({ state: 'conflict' }), false, true, 'denied'],
		// The session ended: the run waits for a sign-in, online or not.
		[entry({ state: 'waiting' }), false, true, 'waiting'],
		[entry({ state: 'waiting' }), false, false, 'waiting'],
	] as const)('entry %o, delivered %s, online %s → %s', (e, delivered, online, status) => {
		expect(runStatus(e, delivered, online)).toBe(status);
	});
});
