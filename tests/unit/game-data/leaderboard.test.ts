import { describe, expect, it } from 'vitest';
import { markYou, rankEntries } from '../../../src/lib/game/leaderboard';
import type { MyStats } from '../../../src/lib/game/scores';

const item = (
	DisplayName: string,
	TopScore: number,
	TopScoreDateTime = '2026-01-01T00:00:00Z',
) => ({
	DisplayName,
	TopScore,
	TopScoreDateTime,
});

describe('rankEntries', () => {
	it.each([
		['distinct scores', [30, 20, 10], [1, 2, 3]],
		['a tie shares a rank and skips the next', [30, 20, 20, 10], [1, 2, 2, 4]],
		['everyone tied', [5, 5, 5], [1, 1, 1]],
		['no one', [], []],
	])('%s', (_name, scores, ranks) => {
		expect(rankEntries(scores.map((s, i) => item(`p${i}`, s))).map((e) => e.rank)).toEqual(ranks);
	});

	it('reads odd items without crashing', () => {
		expect(rankEntries([{}])).toEqual([
			{ rank: 1, displayName: 'Anonymous', topScore: 0, at: '', you: false },
		]);
	});
});

describe('markYou', () => {
	const mine: MyStats = {
		topScore: 20,
		topScoreAt: '2026-01-02T00:00:00Z',
		wins: 1,
		losses: 0,
		runs: 1,
		displayName: 'Alice',
	};
	const board = rankEntries([
		item('Bob', 30),
		item('Alice', 20, '2026-01-01T00:00:00Z'),
		item('Alice', 20, '2026-01-02T00:00:00Z'),
		item('Alice', 20, '2026-01-02T00:00:00Z'),
	]);

	it('marks only the row matching name, score and time, and only once', () => {
		expect(markYou(board, mine).map((e) => e.you)).toEqual([false, false, true, false]);
	});

	it('marks nothing without stats, and clears an earlier mark', () => {
		expect(markYou(markYou(board, mine), null).some((e) => e.you)).toBe(false);
	});
});
