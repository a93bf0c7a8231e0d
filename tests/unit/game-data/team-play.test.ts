import { afterEach, describe, expect, it } from 'vitest';
import type { GameData } from '../../../src/lib/game/data';
import * as realLayer from '../../../src/lib/game/team-layer';
import { teamPlay } from '../../../src/lib/game/team.svelte';

/*
 * The team state after sign-in: which path can have a team at all, and what a bad team tag says. S3 is a map
 * in memory (the sandbox's behaviour is covered by tests/integration/team-play.test.ts).
 */

function memoryLayer() {
	const objects = new Map<string, { body: string; etag: string }>();
	const reads: string[] = [];
	const data = {
		bucket: 'b',
		table: 't',
		s3: {
			// A shared object is looked for with a listing of exactly its key first (no read that fails).
			listObjectsV2: async ({ Prefix }: { Prefix: string }) => {
				reads.push(Prefix);
				return {
					objects: [...objects.keys()]
						.filter((key) => key.startsWith(Prefix))
						.map((key) => ({ key })),
				};
			},
			getObject: async ({ Key }: { Key: string }) => {
				reads.push(Key);
				const found = objects.get(Key);
				if (!found)
					throw Object.assign(new Error('NoSuchKey'), {
						name: 'NoSuchKey',
						$metadata: { httpStatusCode: 404 },
					});
				return found;
			},
			putObject: async ({ Key, Body }: { Key: string; Body: string }) => {
				const etag = `"${objects.size + 1}"`;
				objects.set(Key, { body: Body, etag });
				return { etag };
			},
		},
		destroy: () => {},
	} as unknown as GameData;
	const layer = { ...realLayer, createGameData: () => data };
	return { layer, reads, objects };
}

const access = {
	config: { region: 'us-east-1', bucket: 'b', table: 't' },
	credentials: async () => ({ accessKeyId: 'A', secretAccessKey: 'S' }),
};

afterEach(() => teamPlay.reset());

describe('team play after sign-in', () => {
	it('on a path without session tags: says so, reads no board, still reads the results', async () => {
		const { layer, reads } = memoryLayer();
		await teamPlay.start({
			supportsSessionTags: false,
			tags: null,
			name: 'Ann',
			organizer: false,
			access,
			layer,
		});
		expect(teamPlay.availability).toBe('no-tags-on-this-path');
		expect(reads).toEqual(['tournament/results.json']);
		expect(teamPlay.resultsLoaded).toBe(true);
	});

	it.each([
		['a team tag with /', { team: 'red/../blue' }, /contains "\/"/],
		['no team tag', { role: 'organizer' }, /no team tag/],
	])('with %s: a clear message, and no board read', async (_, tags, message) => {
		const { layer, reads } = memoryLayer();
		await teamPlay.start({
			supportsSessionTags: true,
			tags,
			name: 'A',
			organizer: false,
			access,
			layer,
		});
		expect(teamPlay.availability).toBe('no-team');
		expect(teamPlay.teamProblem).toMatch(message);
		expect(reads.some((k) => k.startsWith('teams/'))).toBe(false);
		expect(await teamPlay.post({ message: 'hi' })).toBe(false);
		expect(teamPlay.postError).toMatch(message);
	});

	it('with a team: reads its board, posts, and keeps what was typed when a post is refused', async () => {
		const { layer, reads, objects } = memoryLayer();
		await teamPlay.start({
			supportsSessionTags: true,
			tags: { Team: 'red' },
			name: 'Alice',
			organizer: false,
			access,
			layer,
		});
		expect(teamPlay.team).toBe('red');
		expect(reads).toContain('teams/red/board.json');
		expect(await teamPlay.post({ message: 'x'.repeat(141) })).toBe(false);
		expect(teamPlay.postError).toMatch(/140 characters/);
		expect(objects.size).toBe(0);
		expect(await teamPlay.post({ message: 'go red', score: 40 })).toBe(true);
		expect(teamPlay.board).toMatchObject({ best: { score: 40 }, message: { text: 'go red' } });
	});
});
