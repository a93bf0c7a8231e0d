import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { loadLeaderboard, markYou } from '../../src/lib/game/leaderboard';
import { ALL_PARTS, readPlayerData } from '../../src/lib/game/data-layer';
import { saveProfile } from '../../src/lib/game/profile';
import {
	GAME_TITLE,
	loadMyRuns,
	loadMyStats,
	recordRun,
	type RunRecord,
} from '../../src/lib/game/scores';
import { closePlayer, failureOf, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
const players: Player[] = [];

beforeAll(async () => {
	sandbox = await startGameSandbox();
});

afterAll(async () => {
	for (const player of players) closePlayer(player);
	await sandbox.close();
});

async function player(name: string, provider = 0): Promise<Player> {
	const signedIn = await signIn(sandbox, name, provider);
	players.push(signedIn);
	return signedIn;
}

let clock = Date.parse('2026-03-01T10:00:00.000Z');
function run(
	p: Pick<Player, 'name'>,
	score: number,
	overrides: Partial<RunRecord> = {},
): RunRecord {
	clock += 1000;
	return {
		runId: crypto.randomUUID(),
		score,
		playedAt: new Date(clock).toISOString(),
		durationMs: 30_000,
		displayName: p.name,
		won: score >= 500,
		...overrides,
	};
}

describe('recordRun', () => {
	it('keeps TopScore at the maximum and counts each distinct run once, with two tabs racing', async () => {
		const [tabOne, tabTwo] = [await player('alice'), await player('alice')];
		const runs = Array.from({ length: 20 }, (_, i) =>
			run(tabOne, Math.floor(Math.random() * 780) + i),
		);
		const results = await Promise.all(
			runs.map((r, i) => recordRun(i % 2 === 0 ? tabOne.data : tabTwo.data, tabOne.identity, r)),
		);
		expect(results.every((r) => r.counted)).toBe(true);
		const best = runs.reduce((a, b) => (b.score > a.score ? b : a));
		const stats = await loadMyStats(tabOne.data, tabOne.identity);
		expect(stats).toEqual({
			topScore: best.score,
			topScoreAt: best.playedAt,
			wins: runs.filter((r) => r.won).length,
			losses: runs.filter((r) => !r.won).length,
			runs: 20,
			displayName: 'alice',
		});
	});

	it('counts a replayed run once, even when the replays race each other', async () => {
		const bob = await player('bob');
		const once = run(bob, 300);
		const first = await recordRun(bob.data, bob.identity, once);
		const replays = await Promise.all([
			recordRun(bob.data, bob.identity, once),
			recordRun(bob.data, bob.identity, once),
		]);
		expect(first).toEqual({ counted: true, newTopScore: true });
		expect(replays).toEqual([
			{ counted: false, newTopScore: false },
			{ counted: false, newTopScore: false },
		]);
		expect(await loadMyStats(bob.data, bob.identity)).toMatchObject({ runs: 1, topScore: 300 });
	});

	it('never lowers TopScore: a late, lower run only adds to the history', async () => {
		const bob = players.find((p) => p.name === 'bob')!;
		expect(await recordRun(bob.data, bob.identity, run(bob, 900))).toEqual({
			counted: true,
			newTopScore: true,
		});
		const late = run(bob, 100);
		expect(await recordRun(bob.data, bob.identity, late)).toEqual({
			counted: true,
			newTopScore: false,
		});
		expect(await loadMyStats(bob.data, bob.identity)).toMatchObject({ topScore: 900, runs: 3 });
		const history = await loadMyRuns(bob.data, bob.identity, 2);
		expect(history.map((h) => [h.runId, h.score])).toEqual([
			[late.runId, 100],
			[expect.any(String), 900],
		]);
	});
});

describe('leaderboard', () => {
	it('ranks every player, from both providers, best first, and exposes only public attributes', async () => {
		const carol = await player('carol');
		const arcadeAlice = await player('alice', 1);
		expect(arcadeAlice.sub).not.toBe(players[0]!.sub);
		await recordRun(carol.data, carol.identity, run(carol, 2000));
		await recordRun(
			arcadeAlice.data,
			arcadeAlice.identity,
			run(arcadeAlice, 900, { displayName: 'Arcade Alice' }),
		);
		const board = await loadLeaderboard(carol.data, 10);
		// alice's best of 20 random runs is below 800.
		const aliceTop = (await loadMyStats(players[0]!.data, players[0]!.identity))!.topScore!;
		expect(board.map((e) => [e.rank, e.topScore])).toEqual([
			[1, 2000],
			[2, 900],
			[2, 900],
			[4, aliceTop],
		]);
		expect(board.map((e) => e.displayName)).toEqual([
			'carol',
			expect.any(String),
			expect.any(String),
			'alice',
		]);
		// Ties share a rank: bob and Arcade Alice both have 900.
		const nineHundred = board.filter((e) => e.topScore === 900);
		expect(new Set(nineHundred.map((e) => e.rank)).size).toBe(1);
		expect(new Set(nineHundred.map((e) => e.displayName))).toEqual(
			new Set(['bob', 'Arcade Alice']),
		);
	});

	it('asks the index for public attributes only: no UserId in any item, and asking for it is denied', async () => {
		const carol = players.find((p) => p.name === 'carol')!;
		const raw = await carol.sdk.ddb.send(
			new QueryCommand({
				TableName: carol.data.table,
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': GAME_TITLE },
				ProjectionExpression: 'DisplayName, TopScore, TopScoreDateTime',
				Select: 'SPECIFIC_ATTRIBUTES',
				ScanIndexForward: false,
			}),
		);
		expect(raw.Items!.length).toBeGreaterThanOrEqual(4);
		for (const item of raw.Items!)
			expect(Object.keys(item).sort()).toEqual(['DisplayName', 'TopScore', 'TopScoreDateTime']);
		const denied = await failureOf(
			carol.sdk.ddb.send(
				new QueryCommand({
					TableName: carol.data.table,
					IndexName: 'GameTitleIndex',
					KeyConditionExpression: 'GameTitle = :g',
					ExpressionAttributeValues: { ':g': GAME_TITLE },
					ProjectionExpression: 'UserId, TopScore',
					Select: 'SPECIFIC_ATTRIBUTES',
				}),
			),
		);
		expect(denied).toMatchObject({
			name: 'AccessDeniedException',
			$metadata: { httpStatusCode: 400 },
			message: expect.stringMatching(
				/^User: arn:aws:sts::\d{12}:assumed-role\/[^/]+\/fedplay-carol is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/GameScores\/index\/GameTitleIndex because no identity-based policy allows the dynamodb:Query action$/,
			),
		});
	});

	it('marks your own row by comparing with your own summary, not by sub', async () => {
		const carol = players.find((p) => p.name === 'carol')!;
		const board = markYou(
			await loadLeaderboard(carol.data),
			await loadMyStats(carol.data, carol.identity),
		);
		expect(board.filter((e) => e.you).map((e) => e.displayName)).toEqual(['carol']);
		expect(markYou(board, null).some((e) => e.you)).toBe(false);
	});

	it('loads every part of the player’s data together after sign-in, as GameSession does', async () => {
		const carol = players.find((p) => p.name === 'carol')!;
		const profile = {
			version: 1 as const,
			displayName: 'carol',
			avatarColor: '#aa3355',
			preferences: {},
		};
		const etag = await saveProfile(carol.data, carol.identity, profile, null);
		const loaded = await readPlayerData(carol.data, carol.identity, ALL_PARTS);
		expect(loaded.profile).toEqual({ value: { profile, etag } });
		expect(loaded.stats).toMatchObject({ value: { topScore: 2000, runs: 1 } });
		const board = 'value' in loaded.leaderboard! ? loaded.leaderboard.value : [];
		const stats = 'value' in loaded.stats! ? loaded.stats.value : null;
		expect(markYou(board, stats)[0]).toMatchObject({ rank: 1, displayName: 'carol', you: true });
		expect(loaded.runs).toMatchObject({ value: [{ score: 2000 }] });
		expect(loaded.saves).toEqual({ value: [] });
	});
});
