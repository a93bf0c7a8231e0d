/**
 * A new player's first load, and the answers the app expects, against the sandbox with the app's own data
 * calls and call log: no request of a first load fails, and a write its condition refuses is logged as
 * expected, not as a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { CallLog, isFailure } from '../../src/lib/aws/call-log';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { ALL_PARTS, readPlayerData } from '../../src/lib/game/data-layer';
import { saveProfile, type Profile } from '../../src/lib/game/profile';
import { recordRun } from '../../src/lib/game/scores';
import { closePlayer, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let carol: Player;
let log: CallLog;
let logged: GameData;

const profile: Profile = {
	version: 1,
	displayName: 'Carol',
	avatarColor: '#3a7bd5',
	preferences: {},
};

beforeAll(async () => {
	sandbox = await startGameSandbox();
	carol = await signIn(sandbox, 'carol');
	log = new CallLog();
	// The same credentials as carol's own clients, through a logged client as the app builds it.
	const credentials = await carol.sdk.s3.config.credentials();
	logged = createGameData({
		config: sandboxRuntimeConfig(sandbox),
		credentials: async () => credentials,
		maxAttempts: 1,
		callLog: log,
	});
});

afterAll(async () => {
	logged.destroy();
	closePlayer(carol);
	await sandbox.close();
});

const calls = () => log.entries().map((e) => `${e.service} ${e.operation} ${e.status}`);

describe('a new player’s first load', () => {
	it('lists the player’s own prefix once, reads nothing that is not there, and nothing fails', async () => {
		const read = await readPlayerData(logged, carol.identity, ALL_PARTS);
		expect(read.profile).toEqual({ value: null });
		expect(read.saves).toEqual({ value: [] });
		const s3 = log.entries().filter((e) => e.service === 'S3');
		expect(s3.map((e) => e.operation)).toEqual(['ListObjectsV2']);
		expect(s3[0]!.input).toMatchObject({ Prefix: `players/${carol.identity.segment}/carol/` });
		expect(log.entries().filter((e) => !e.ok)).toEqual([]);
	});

	it('reads the profile once the listing shows it', async () => {
		await saveProfile(logged, carol.identity, profile, null);
		log.clear();
		const read = await readPlayerData(logged, carol.identity, ['profile', 'saves']);
		expect(read.profile).toMatchObject({ value: { profile } });
		expect(calls()).toEqual(['S3 ListObjectsV2 200', 'S3 GetObject 200']);
	});
});

describe('answers the app expects are logged as expected, not as failures', () => {
	it('a replayed create refused by If-None-Match', async () => {
		log.clear();
		await expect(saveProfile(logged, carol.identity, profile, null)).rejects.toThrow(
			/changed somewhere else/,
		);
		const refused = log.entries().find((e) => e.operation === 'PutObject')!;
		expect(refused).toMatchObject({ ok: false, status: 412 });
		expect(refused.expected).toMatch(/Refused by its condition/);
		expect(log.entries().filter(isFailure)).toEqual([]);
	});

	it('a run that is not a new best, and the same run replayed', async () => {
		const run = {
			runId: 'first-load-run',
			score: 50,
			durationMs: 1000,
			playedAt: new Date().toISOString(),
			displayName: 'Carol',
			won: false,
		};
		await recordRun(logged, carol.identity, { ...run, score: 100, runId: 'best' });
		log.clear();
		await recordRun(logged, carol.identity, run);
		await recordRun(logged, carol.identity, run);
		const refused = log.entries().filter((e) => !e.ok);
		expect(refused.map((e) => e.error?.code)).toEqual([
			'ConditionalCheckFailedException',
			'TransactionCanceledException',
			'ConditionalCheckFailedException',
		]);
		expect(refused.every((e) => e.expected !== undefined)).toBe(true);
		expect(log.entries().filter(isFailure)).toEqual([]);
	});

	it('another player’s data stays a real failure', async () => {
		log.clear();
		const bob = { ...carol.identity, id: 'bob' };
		const read = await readPlayerData(logged, bob, ['saves']);
		expect(read.saves).toHaveProperty('error');
		expect(
			log
				.entries()
				.filter(isFailure)
				.map((e) => e.error?.code),
		).toEqual(['AccessDenied']);
	});
});
