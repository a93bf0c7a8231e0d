import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GameData } from '../../../src/lib/game/data';
import { gameSession } from '../../../src/lib/game/session.svelte';
import { freshVault } from '../vault/fresh-vault';

/*
 * What the app runs after sign-in: GameSession's start, with data calls held until the test answers them.
 * The data layer (data-layer.ts) loads for real; only the AWS calls are held.
 */

interface Held {
	call: string;
	answer: (value: unknown) => void;
}

function heldData() {
	const held: Held[] = [];
	const hold = (call: string) =>
		new Promise<unknown>((resolve) => held.push({ call, answer: resolve }));
	const data = {
		bucket: 'b',
		table: 't',
		s3: {
			getObject: () => hold('s3:GetObject'),
			listObjectsV2: () => hold('s3:ListObjectsV2'),
			putObject: () => hold('s3:PutObject'),
			deleteObject: () => hold('s3:DeleteObject'),
		},
		dynamodb: {
			call: (operation: string, input: { IndexName?: string }) =>
				hold(`dynamodb:${operation}${input.IndexName ? ` ${input.IndexName}` : ''}`),
		},
		destroy: () => {},
	} as unknown as GameData;
	return { data, held };
}

const player = { segment: 'oidc1', id: 'alice', name: 'Alice' };
const access = {
	config: { region: 'us-east-1', bucket: 'b', table: 't' },
	credentials: async () => ({ accessKeyId: 'A', secretAccessKey: 'S' }),
};

beforeEach(freshVault);
afterEach(() => gameSession.reset());

describe('GameSession after sign-in', () => {
	it('has every read of the player’s data in flight at once (no waterfall)', async () => {
		const { data, held } = heldData();
		const started = gameSession.start(player, { ...access, data });
		await expect.poll(() => held.length, { timeout: 10_000 }).toBe(5);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(held.map((h) => h.call).sort()).toEqual([
			'dynamodb:GetItem',
			'dynamodb:Query',
			'dynamodb:Query GameTitleIndex',
			's3:GetObject',
			's3:ListObjectsV2',
		]);
		expect(gameSession.status).toBe('loading');

		const profile = { version: 1, displayName: 'Alice', avatarColor: '#112233', preferences: {} };
		const answers: Record<string, unknown> = {
			's3:GetObject': { body: JSON.stringify(profile), etag: '"e"' },
			's3:ListObjectsV2': { objects: [] },
			'dynamodb:GetItem': {
				Item: {
					TopScore: { N: '5' },
					TopScoreDateTime: { S: 't' },
					DisplayName: { S: 'Alice' },
					Runs: { N: '1' },
				},
			},
			'dynamodb:Query GameTitleIndex': {
				Items: [
					{ DisplayName: { S: 'Alice' }, TopScore: { N: '5' }, TopScoreDateTime: { S: 't' } },
				],
			},
			'dynamodb:Query': { Items: [] },
		};
		for (const h of held) h.answer(answers[h.call]);
		await started;
		expect(gameSession.status).toBe('ready');
		expect(gameSession.profile?.displayName).toBe('Alice');
		expect(gameSession.stats).toMatchObject({ topScore: 5, runs: 1 });
		expect(gameSession.leaderboard).toEqual([
			{ rank: 1, displayName: 'Alice', topScore: 5, at: 't', you: true },
		]);
	});
});
