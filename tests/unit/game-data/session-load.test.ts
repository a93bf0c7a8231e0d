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
	it('has every read of the player’s data in flight at once, the profile right after the listing shows it', async () => {
		const { data, held } = heldData();
		const started = gameSession.start(player, { ...access, data });
		// The first test imports the data layer (the AWS SDK): slow on a busy machine.
		await expect.poll(() => held.length, { timeout: 15_000 }).toBe(4);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(held.map((h) => h.call).sort()).toEqual([
			'dynamodb:GetItem',
			'dynamodb:Query',
			'dynamodb:Query GameTitleIndex',
			's3:ListObjectsV2',
		]);
		expect(gameSession.status).toBe('loading');

		const profile = { version: 1, displayName: 'Alice', avatarColor: '#112233', preferences: {} };
		const answers: Record<string, unknown> = {
			's3:GetObject': { body: JSON.stringify(profile), etag: '"e"' },
			's3:ListObjectsV2': {
				objects: [
					{ key: 'players/oidc1/alice/profile.json', etag: '"e"', lastModified: null, size: 9 },
				],
			},
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
		for (const h of held.splice(0)) h.answer(answers[h.call]);
		// The listing named profile.json: now, and only now, it is read.
		await expect.poll(() => held.map((h) => h.call)).toEqual(['s3:GetObject']);
		held[0]!.answer(answers['s3:GetObject']);
		await started;
		expect(gameSession.status).toBe('ready');
		expect(gameSession.profile?.displayName).toBe('Alice');
		expect(gameSession.stats).toMatchObject({ topScore: 5, runs: 1 });
		expect(gameSession.leaderboard).toEqual([
			{ rank: 1, displayName: 'Alice', topScore: 5, at: 't', you: true },
		]);
	});
});

describe('an error that no longer holds clears itself', () => {
	it('a read that got no answer is read again when the endpoint answers a probe, and its alert goes', async () => {
		const { data, held } = heldData();
		const probe = { up: false, count: 0 };
		const due: (() => void)[] = [];
		const started = gameSession.start(player, {
			...access,
			data,
			connectivity: {
				probe: async () => {
					probe.count += 1;
					if (!probe.up) throw new TypeError('Failed to fetch');
				},
				setTimeout: (run: () => void) => due.push(run),
				clearTimeout: () => {},
				onOnline: () => () => {},
			},
		});
		await expect.poll(() => held.length, { timeout: 15_000 }).toBe(4);
		const empty: Record<string, unknown> = {
			'dynamodb:GetItem': {},
			'dynamodb:Query GameTitleIndex': { Items: [] },
			'dynamodb:Query': { Items: [] },
		};
		for (const h of held.splice(0)) {
			if (h.call === 's3:ListObjectsV2') h.answer(Promise.reject(new TypeError('Failed to fetch')));
			else h.answer(empty[h.call]);
		}
		await started;
		expect(gameSession.errors.saves).toMatch(/^No answer/);
		expect(gameSession.errors.profile).toMatch(/^No answer/);

		// Still down: the probe fails, nothing is read again, the alert stays.
		due.shift()!();
		await expect.poll(() => probe.count).toBe(1);
		expect(held).toEqual([]);
		expect(gameSession.errors.saves).toBeDefined();

		// Back, without any online event: the next probe answers and both failed parts are read again.
		probe.up = true;
		due.shift()!();
		await expect.poll(() => held.map((h) => h.call)).toEqual(['s3:ListObjectsV2']);
		held.shift()!.answer({ objects: [] });
		await expect.poll(() => gameSession.errors).toEqual({});
	});
});
