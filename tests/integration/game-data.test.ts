import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { loadProfile, profileKey, saveProfile, type Profile } from '../../src/lib/game/profile';
import { ConflictError } from '../../src/lib/game/s3-json';
import { deleteSave, listSaves, loadSave, saveGame } from '../../src/lib/game/saves';
import { closePlayer, failureOf, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let alice: Player;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	alice = await signIn(sandbox, 'alice');
});

afterAll(async () => {
	closePlayer(alice);
	await sandbox.close();
});

const profile: Profile = {
	version: 1,
	displayName: 'Alice',
	avatarColor: '#3a7bd5',
	preferences: { reducedMotion: true, sound: false },
};

describe('profile in S3', () => {
	it('round-trips: null before the first save, then the saved profile with its ETag', async () => {
		expect(await loadProfile(alice.data, alice.identity)).toBeNull();
		const etag = await saveProfile(alice.data, alice.identity, profile, null);
		expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
		expect(await loadProfile(alice.data, alice.identity)).toEqual({ profile, etag });
		const renamed = { ...profile, displayName: 'Alice II' };
		const next = await saveProfile(alice.data, alice.identity, renamed, etag);
		expect(await loadProfile(alice.data, alice.identity)).toEqual({ profile: renamed, etag: next });
	});

	it('gives the second of two writers on the same ETag a ConflictError with the winner', async () => {
		const base = (await loadProfile(alice.data, alice.identity))!;
		const first = { ...profile, displayName: 'Tab one' };
		const firstEtag = await saveProfile(alice.data, alice.identity, first, base.etag);
		const error = await failureOf(
			saveProfile(alice.data, alice.identity, { ...profile, displayName: 'Tab two' }, base.etag),
		);
		expect(error).toBeInstanceOf(ConflictError);
		expect(error).toMatchObject({
			code: 'write-conflict',
			remote: { etag: firstEtag, value: { profile: first } },
			details: { upstreamCode: 'PreconditionFailed', httpStatus: 412 },
		});
		// "Keep mine": write again on top of the remote version.
		const keep = await saveProfile(alice.data, alice.identity, profile, firstEtag);
		expect((await loadProfile(alice.data, alice.identity))?.etag).toBe(keep);
	});

	it('lets exactly one of two racing creations (If-None-Match: *) win', async () => {
		const bob = await signIn(sandbox, 'bob');
		try {
			const results = await Promise.allSettled(
				['Bob one', 'Bob two'].map((displayName) =>
					saveProfile(bob.data, bob.identity, { ...profile, displayName }, null),
				),
			);
			const won = results.filter((r) => r.status === 'fulfilled');
			const lost = results.filter((r) => r.status === 'rejected');
			expect(won).toHaveLength(1);
			expect(lost).toHaveLength(1);
			const stored = await loadProfile(bob.data, bob.identity);
			expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
				code: 'write-conflict',
				remote: { etag: stored?.etag },
			});
		} finally {
			closePlayer(bob);
		}
	});

	it('reads a corrupt profile as a clear data-invalid error, not a crash', async () => {
		const carol = await signIn(sandbox, 'carol');
		try {
			const bad = { ...profile, avatarColor: 'blue' } as unknown as Profile;
			await expect(saveProfile(carol.data, carol.identity, bad, null)).rejects.toThrow();
			const { PutObjectCommand } = await import('@aws-sdk/client-s3');
			await carol.sdk.s3.send(
				new PutObjectCommand({
					Bucket: carol.data.bucket,
					Key: profileKey(carol.identity),
					Body: JSON.stringify(bad),
				}),
			);
			await expect(loadProfile(carol.data, carol.identity)).rejects.toMatchObject({
				code: 'data-invalid',
				message: expect.stringContaining('avatarColor'),
			});
		} finally {
			closePlayer(carol);
		}
	});
});

describe('save slots in S3', () => {
	it('saves, lists, loads, conflicts and deletes slots', async () => {
		expect(await listSaves(alice.data, alice.identity)).toEqual([]);
		const save = (slot: 1 | 2 | 3, level: number) => ({
			version: 1 as const,
			slot,
			savedAt: new Date().toISOString(),
			state: { level, lives: 3 },
		});
		const two = await saveGame(alice.data, alice.identity, save(2, 5), null);
		const one = await saveGame(alice.data, alice.identity, save(1, 1), null);
		expect((await listSaves(alice.data, alice.identity)).map((s) => [s.slot, s.etag])).toEqual([
			[1, one],
			[2, two],
		]);
		expect(await loadSave(alice.data, alice.identity, 2)).toMatchObject({
			save: { slot: 2, state: { level: 5 } },
			etag: two,
		});
		const conflict = await failureOf(saveGame(alice.data, alice.identity, save(2, 9), null));
		expect(conflict).toMatchObject({ code: 'write-conflict', remote: { etag: two } });
		await deleteSave(alice.data, alice.identity, 1);
		expect(await loadSave(alice.data, alice.identity, 1)).toBeNull();
		// Updating a slot deleted meanwhile is a conflict with nothing on the other side.
		expect(await failureOf(saveGame(alice.data, alice.identity, save(1, 2), one))).toMatchObject({
			code: 'write-conflict',
			remote: null,
		});
	});
});
