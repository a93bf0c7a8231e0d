import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { createGameData } from '../../src/lib/game/data';
import { ALL_PARTS, readPlayerData } from '../../src/lib/game/data-layer';
import { outboxFor } from '../../src/lib/game/outbox';
import { loadProfile, saveProfile, type Profile } from '../../src/lib/game/profile';
import { deleteSave, listSaves, loadSave, saveGame } from '../../src/lib/game/saves';
import { loadMyRuns, loadMyStats, recordRun } from '../../src/lib/game/scores';
import { createDelivery, sendWrite } from '../../src/lib/game/send';
import { playerPrefix } from '../../src/lib/config/data-layout';
import * as outbox from '../../src/lib/vault/outbox';
import type { OutboxEntry } from '../../src/lib/vault/outbox';
import { createLocalLockManager } from '../../src/lib/vault/locks';
import { closePlayer, failureOf, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let alice: Player;
let bob: Player;

const profile: Profile = {
	version: 1,
	displayName: 'Bob',
	avatarColor: '#112233',
	preferences: {},
};
const save = {
	version: 1 as const,
	slot: 1 as const,
	savedAt: '2026-03-01T10:00:00.000Z',
	state: { level: 2 },
};

beforeAll(async () => {
	sandbox = await startGameSandbox();
	[alice, bob] = [await signIn(sandbox, 'alice'), await signIn(sandbox, 'bob')];
	await saveProfile(bob.data, bob.identity, profile, null);
	await saveGame(bob.data, bob.identity, save, null);
});

afterAll(async () => {
	closePlayer(alice);
	closePlayer(bob);
	await sandbox.close();
});

const account = () => sandbox.config.accountId;
const region = () => sandbox.config.region;
const objectArn = (key: string) =>
	`arn:aws:s3:::${alice.data.bucket}/${playerPrefix(bob.identity)}${key}`;
const tableArn = () => `arn:aws:dynamodb:${region()}:${account()}:table/${alice.data.table}`;

/** AWS's own wording; S3 quotes the resource, DynamoDB does not (AWS-FACTS.md). */
function deniedMessage(action: string, resource: string, quoted: boolean): string {
	const on = quoted ? `"${resource}"` : resource;
	return `User: arn:aws:sts::${account()}:assumed-role/${sandbox.roleArns[0]!.split('/').at(-1)}/fedplay-alice is not authorized to perform: ${action} on resource: ${on} because no identity-based policy allows the ${action} action`;
}

describe("alice cannot reach bob's data through any function of the data layer", () => {
	const s3Cases: [string, () => Promise<unknown>, string, () => string][] = [
		[
			'loadProfile',
			() => loadProfile(alice.data, bob.identity),
			's3:GetObject',
			() => objectArn('profile.json'),
		],
		[
			'saveProfile (create)',
			() => saveProfile(alice.data, bob.identity, profile, null),
			's3:PutObject',
			() => objectArn('profile.json'),
		],
		[
			'saveProfile (update)',
			() => saveProfile(alice.data, bob.identity, profile, '"0"'),
			's3:PutObject',
			() => objectArn('profile.json'),
		],
		[
			'listSaves',
			() => listSaves(alice.data, bob.identity),
			's3:ListBucket',
			() => `arn:aws:s3:::${alice.data.bucket}`,
		],
		[
			'loadSave',
			() => loadSave(alice.data, bob.identity, 1),
			's3:GetObject',
			() => objectArn('saves/slot-1.json'),
		],
		[
			'saveGame',
			() => saveGame(alice.data, bob.identity, save, null),
			's3:PutObject',
			() => objectArn('saves/slot-1.json'),
		],
		[
			'deleteSave',
			() => deleteSave(alice.data, bob.identity, 1),
			's3:DeleteObject',
			() => objectArn('saves/slot-1.json'),
		],
		[
			'readPlayerData (what GameSession reads)',
			async () => {
				// One listing of the player's prefix says which files exist: that is the call refused.
				const read = await readPlayerData(alice.data, bob.identity, ALL_PARTS);
				expect(read.saves).toEqual(read.profile);
				throw (read.profile as { error: unknown }).error;
			},
			's3:ListBucket',
			() => `arn:aws:s3:::${alice.data.bucket}`,
		],
	];

	it.each(s3Cases)('%s → S3 403 AccessDenied', async (_name, call, action, resource) => {
		expect(await failureOf(call())).toMatchObject({
			name: 'AccessDenied',
			$metadata: { httpStatusCode: 403 },
			message: deniedMessage(action, resource(), true),
		});
	});

	const ddbCases: [string, () => Promise<unknown>, string][] = [
		[
			'recordRun',
			() =>
				recordRun(alice.data, bob.identity, {
					runId: crypto.randomUUID(),
					score: 99_999,
					playedAt: new Date().toISOString(),
					durationMs: 1,
					displayName: 'bob',
					won: true,
				}),
			'dynamodb:PutItem',
		],
		['loadMyStats', () => loadMyStats(alice.data, bob.identity), 'dynamodb:GetItem'],
		['loadMyRuns', () => loadMyRuns(alice.data, bob.identity), 'dynamodb:Query'],
	];

	it.each(ddbCases)(
		'%s → DynamoDB 400 AccessDeniedException naming %s',
		async (_n, call, action) => {
			expect(await failureOf(call())).toMatchObject({
				name: 'AccessDeniedException',
				$metadata: { httpStatusCode: 400 },
				message: deniedMessage(action, tableArn(), false),
			});
		},
	);

	it("leaves bob's data as it was", async () => {
		expect(await loadProfile(bob.data, bob.identity)).toMatchObject({ profile });
		expect(await loadSave(bob.data, bob.identity, 1)).toMatchObject({ save });
		expect(await loadMyStats(bob.data, bob.identity)).toBeNull();
	});
});

function entry(kind: OutboxEntry['kind'], payload: unknown, id = crypto.randomUUID()): OutboxEntry {
	return {
		id,
		kind,
		payload,
		seq: 1,
		state: 'pending',
		attempts: 0,
		nextAttemptAt: 0,
		createdAt: 0,
	};
}

describe('sendWrite classifies what AWS answered', () => {
	const run = () => ({
		owner: bob.identity,
		runId: crypto.randomUUID(),
		score: 5,
		playedAt: new Date().toISOString(),
		durationMs: 1,
		displayName: 'x',
		won: false,
	});
	it.each([
		[
			'profile',
			() => ({ owner: bob.identity, profile, baseEtag: null }),
			's3:PutObject',
			() => objectArn('profile.json'),
		],
		[
			'save',
			() => ({ owner: bob.identity, slot: 1, state: {}, savedAt: save.savedAt, baseEtag: null }),
			's3:PutObject',
			() => objectArn('saves/slot-1.json'),
		],
		['score', run, 'dynamodb:PutItem', tableArn],
	] as const)(
		"a %s write sent as bob with alice's credentials is 'denied', explained with the action and resource",
		async (kind, payload, action, resource) => {
			// A session whose identity says bob but whose credentials are alice's: AWS decides.
			const result = await sendWrite(alice.data, bob.identity, entry(kind, payload()));
			expect(result).toEqual({ outcome: 'denied', detail: expect.stringContaining(action) });
			expect((result as { detail: string }).detail).toContain(resource());
		},
	);

	it.each([
		['another player', () => ({ owner: bob.identity })],
		['the same sub at the other provider', () => ({ owner: { segment: 'oidc2', id: alice.sub } })],
		['the old layout (a bare sub, no owner)', () => ({ sub: alice.sub })],
	])("never sends a write queued by %s with this session's credentials", async (_name, owner) => {
		const before = await loadProfile(alice.data, alice.identity);
		const renamed = { ...profile, displayName: 'Not alice' };
		const payload = { ...owner(), profile: renamed, baseEtag: before?.etag ?? null };
		expect(await sendWrite(alice.data, alice.identity, entry('profile', payload))).toEqual({
			outcome: 'denied',
			detail: expect.stringContaining('queued by another signed-in player'),
		});
		expect(await loadProfile(alice.data, alice.identity)).toEqual(before);
	});

	it("is 'retry' when AWS cannot be reached at all", async () => {
		const offline = createGameData({
			config: { ...sandboxRuntimeConfig(sandbox), endpoint: 'http://127.0.0.1:9' },
			credentials: async () => ({
				accessKeyId: 'ASIAOFFLINE',
				secretAccessKey: 'x',
				sessionToken: 'y',
			}),
			maxAttempts: 1,
			callLog: null,
		});
		try {
			const write = entry('score', { ...run(), owner: alice.identity });
			const result = await sendWrite(offline, alice.identity, write);
			expect(result).toMatchObject({ outcome: 'retry' });
		} finally {
			offline.destroy();
		}
	});

	it("is 'ok' for a profile write whose answer was lost (the remote carries its write id)", async () => {
		const write = entry('profile', { owner: alice.identity, profile, baseEtag: null });
		expect(await sendWrite(alice.data, alice.identity, write)).toBe('ok');
		expect(await sendWrite(alice.data, alice.identity, write)).toBe('ok');
	});

	it('reports a real conflict as a conflict, with what is stored there now', async () => {
		const stored = await loadProfile(alice.data, alice.identity);
		const result = await sendWrite(
			alice.data,
			alice.identity,
			entry('profile', { owner: alice.identity, profile, baseEtag: null }),
		);
		expect(result).toMatchObject({ outcome: 'conflict', remoteEtag: stored?.etag });
		expect((result as { detail: string }).detail).toContain('your profile was changed');
	});
});

describe('the outbox keeps a denied write and does not retry it', () => {
	const runnerDeps = {
		locks: createLocalLockManager(),
		online: () => true,
		onOnline: () => () => {},
	};

	it('sets the denied write aside, explained, delivers the next one, and never resends the first', async () => {
		// A session whose identity says bob but whose credentials are alice's: AWS denies its write.
		const wrong = createDelivery({ data: alice.data, player: bob.identity, runner: runnerDeps });
		const right = createDelivery({ data: alice.data, player: alice.identity, runner: runnerDeps });
		wrong.start();
		right.start();
		const deniedId = await outboxFor(bob.identity).queueScore({
			score: 1,
			playedAt: new Date().toISOString(),
			durationMs: 1,
			displayName: 'x',
			won: false,
		});
		await wrong.drain();
		const goodId = await outboxFor(alice.identity).queueScore({
			score: 42,
			playedAt: new Date().toISOString(),
			durationMs: 1,
			displayName: 'alice',
			won: true,
		});
		await right.drain();
		const [kept, ...rest] = await outbox.list();
		expect(rest).toEqual([]);
		expect(kept).toMatchObject({ id: deniedId, state: 'denied', attempts: 1 });
		expect(kept!.explanation).toContain('dynamodb:PutItem');
		expect(await loadMyStats(alice.data, alice.identity)).toMatchObject({ topScore: 42, runs: 1 });
		expect(goodId).not.toBe(deniedId);
		await right.drain();
		expect((await outbox.list())[0]).toMatchObject({ id: deniedId, attempts: 1 });
		await outbox.discard(deniedId);
		expect(await outbox.list()).toEqual([]);
		wrong.stop();
		right.stop();
	});

	it('delivers two queued edits of the same profile in order: the second builds on the first', async () => {
		const runner = createDelivery({ data: bob.data, player: bob.identity, runner: runnerDeps });
		runner.start();
		const base = (await loadProfile(bob.data, bob.identity))!;
		const queue = outboxFor(bob.identity);
		await queue.queueProfile({ ...profile, displayName: 'Bob one' }, base.etag);
		await queue.queueProfile({ ...profile, displayName: 'Bob two' }, base.etag);
		await runner.drain();
		expect(await outbox.list()).toEqual([]);
		expect((await loadProfile(bob.data, bob.identity))?.profile.displayName).toBe('Bob two');
	});
});
