import { describe, expect, it } from 'vitest';
import type { GameData } from '../../../src/lib/game/data';
import { resultsFrom } from '../../../src/lib/game/results';
import {
	applyPost,
	checkedTeam,
	checkPost,
	parseBoard,
	postToTeamBoard,
	teamBoardKey,
	type BoardPost,
	type TeamBoard,
} from '../../../src/lib/game/team-board';

const post = (over: Partial<BoardPost> = {}): BoardPost => ({
	by: 'alice',
	at: '2026-12-02T09:00:00.000Z',
	writeId: 'w1',
	...over,
});

describe('the team from the session’s tag', () => {
	it('names the board by the team tag', () => {
		expect(teamBoardKey('red')).toBe('teams/red/board.json');
	});

	it.each([
		['a value with /', 'red/../blue', /contains "\/"/],
		['a path', 'players/oidc1/bob', /contains "\/"/],
		['no tag', null, /no team tag/],
		['an empty tag', '', /no team tag/],
		['a character no tag holds', 'red!', /not a tag value AWS accepts/],
	])('refuses %s with a clear message', (_, value, message) => {
		expect(() => checkedTeam(value)).toThrow(message);
	});
});

describe('posting to the board', () => {
	it('starts a board with the first post', () => {
		expect(applyPost(null, 'red', post({ score: 120, message: ' go red ' }))).toEqual({
			version: 1,
			team: 'red',
			best: { score: 120, by: 'alice', at: post().at },
			message: { text: 'go red', by: 'alice', at: post().at },
			writeId: 'w1',
		});
	});

	it('keeps the higher best score and the newest message', () => {
		const board = applyPost(null, 'red', post({ score: 500, message: 'first' }));
		const next = applyPost(
			board,
			'red',
			post({ by: 'bob', score: 300, message: 'second', writeId: 'w2' }),
		);
		expect(next.best).toEqual(board.best);
		expect(next.message?.text).toBe('second');
		const beaten = applyPost(next, 'red', post({ by: 'bob', score: 501, writeId: 'w3' }));
		expect(beaten.best).toMatchObject({ score: 501, by: 'bob' });
		expect(beaten.message?.text).toBe('second');
	});

	it.each([
		['nothing', {}, /message or share a score/],
		['a blank message', { message: '   ' }, /message or share a score/],
		['a message of 141 characters', { message: 'x'.repeat(141) }, /140 characters/],
		['a negative score', { score: -1 }, /whole number/],
		['a fractional score', { score: 1.5 }, /whole number/],
	])('refuses %s before sending', (_, input, message) => {
		expect(checkPost(input)).toMatch(message);
	});

	it('accepts a message of exactly 140 characters', () => {
		expect(checkPost({ message: 'x'.repeat(140) })).toBeNull();
	});

	it('refuses a stored board that is not one', () => {
		expect(() => parseBoard({ version: 1, team: 'red', best: { score: 'lots' } }, 'k')).toThrow(
			/not valid/,
		);
	});
});

/** S3 in memory with ETags and conditional puts: what the sandbox does, for the merge logic alone. */
function memoryS3(interfere?: (key: string) => void) {
	const objects = new Map<string, { body: string; etag: string }>();
	let n = 0;
	const fail = (name: string, status: number) =>
		Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
	const s3 = {
		listObjectsV2: async ({ Prefix }: { Prefix: string }) => ({
			objects: [...objects.keys()].filter((key) => key.startsWith(Prefix)).map((key) => ({ key })),
		}),
		getObject: async ({ Key }: { Key: string }) => {
			const found = objects.get(Key);
			if (!found) throw fail('NoSuchKey', 404);
			return found;
		},
		putObject: async (input: {
			Key: string;
			Body: string;
			IfMatch?: string;
			IfNoneMatch?: string;
		}) => {
			interfere?.(input.Key);
			const found = objects.get(input.Key);
			if (input.IfNoneMatch === '*' && found) throw fail('PreconditionFailed', 412);
			if (input.IfMatch !== undefined && found?.etag !== input.IfMatch)
				throw fail('PreconditionFailed', 412);
			const etag = `"e${++n}"`;
			objects.set(input.Key, { body: input.Body, etag });
			return { etag };
		},
	};
	const data = { s3, bucket: 'b', table: 't', destroy() {} } as unknown as GameData;
	return { data, objects };
}

describe('postToTeamBoard: conditional writes, merged on a lost race', () => {
	it('merges a teammate’s write that landed in between, keeping both', async () => {
		let once = true;
		const { data, objects } = memoryS3((key) => {
			if (!once) return;
			once = false;
			const theirs: TeamBoard = applyPost(
				null,
				'red',
				post({ by: 'bob', score: 900, writeId: 'bob1' }),
			);
			objects.set(key, { body: JSON.stringify(theirs), etag: '"bob"' });
		});
		const stored = await postToTeamBoard(data, 'red', post({ score: 100, message: 'hi' }), null);
		expect(stored.board.best).toMatchObject({ score: 900, by: 'bob' });
		expect(stored.board.message?.text).toBe('hi');
		expect(JSON.parse(objects.get('teams/red/board.json')!.body)).toEqual(stored.board);
	});

	it('recognises its own earlier write whose answer was lost', async () => {
		const { data, objects } = memoryS3();
		const mine = applyPost(null, 'red', post({ message: 'hi' }));
		objects.set('teams/red/board.json', { body: JSON.stringify(mine), etag: '"landed"' });
		const stored = await postToTeamBoard(data, 'red', post({ message: 'hi' }), null);
		expect(stored.etag).toBe('"landed"');
	});

	it('gives up after three lost races, keeping the post for the player', async () => {
		let k = 0;
		const { data, objects } = memoryS3((key) => {
			const theirs = applyPost(
				null,
				'red',
				post({ by: 'bob', message: `m${k}`, writeId: `b${k}` }),
			);
			objects.set(key, { body: JSON.stringify(theirs), etag: `"x${k++}"` });
		});
		await expect(postToTeamBoard(data, 'red', post({ message: 'hi' }), null)).rejects.toMatchObject(
			{
				code: 'write-conflict',
			},
		);
	});
});

describe('resultsFrom', () => {
	it('keeps the best ten, highest first', () => {
		const rows = Array.from({ length: 12 }, (_, i) => ({ displayName: `p${i}`, topScore: i * 10 }));
		const results = resultsFrom(rows, 'carol', new Date(0));
		expect(results.standings).toHaveLength(10);
		expect(results.standings[0]).toEqual({ name: 'p11', score: 110 });
		expect(results.publishedBy).toBe('carol');
	});
});
