import { describe, expect, it } from 'vitest';
import { conflictOf, conflictOutcome } from '../../../src/lib/game/conflict';
import { ConflictError } from '../../../src/lib/game/s3-json';
import type { OutboxEntry } from '../../../src/lib/vault/outbox';

const owner = { segment: 'oidc1', id: 'alice' };
const profile = {
	version: 1 as const,
	displayName: 'Mine',
	avatarColor: '#112233',
	preferences: {},
};

function entry(over: Partial<OutboxEntry>): OutboxEntry {
	return {
		seq: 1,
		id: 'w1',
		kind: 'profile',
		createdAt: 0,
		state: 'conflict',
		attempts: 1,
		nextAttemptAt: 0,
		payload: { owner, profile, baseEtag: '"old"' },
		explanation: 'changed',
		remoteEtag: '"theirs"',
		...over,
	};
}

describe('a lost conditional write', () => {
	it('becomes the conflict outcome, with what is stored there now', () => {
		const remote = { value: { profile }, etag: '"theirs"' };
		const outcome = conflictOutcome(new ConflictError('players/oidc1/alice/profile.json', remote));
		expect(outcome).toMatchObject({ outcome: 'conflict', remoteEtag: '"theirs"' });
		expect(outcome.detail).toContain('your profile was changed in another tab or device');
		expect(outcome.detail).toContain('a newer version is stored there');
	});

	it('says so when the other writer deleted the file', () => {
		const outcome = conflictOutcome(
			new ConflictError('players/oidc1/alice/saves/slot-2.json', null),
		);
		expect(outcome).toMatchObject({ outcome: 'conflict', remoteEtag: null });
		expect(outcome.detail).toContain('this save');
		expect(outcome.detail).toContain('deleted');
	});
});

describe('the conflict an outbox entry is in', () => {
	it('is the profile, the player’s version and the remote ETag', () => {
		expect(conflictOf(entry({}))).toEqual({
			id: 'w1',
			file: { kind: 'profile' },
			mine: { profile },
			remoteEtag: '"theirs"',
			explanation: 'changed',
		});
	});

	it('is the slot and the player’s state for a save', () => {
		const save = entry({
			kind: 'save',
			payload: { owner, slot: 2, state: { bestScore: 9 }, savedAt: 't', baseEtag: null },
			remoteEtag: null,
		});
		expect(conflictOf(save)).toMatchObject({
			file: { kind: 'save', slot: 2 },
			mine: { state: { bestScore: 9 } },
			remoteEtag: null,
		});
	});

	it.each([
		[
			'a denied write, whatever its words say',
			entry({ state: 'denied', explanation: 'Conflict: x' }),
		],
		['a pending write', entry({ state: 'pending' })],
		['a write that could not be read back', entry({ payload: null })],
		['a score (it never conflicts)', entry({ kind: 'score' })],
	])('is none for %s', (_what, e) => {
		expect(conflictOf(e)).toBeNull();
	});
});
