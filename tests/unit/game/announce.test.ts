import { describe, expect, it } from 'vitest';
import { announce } from '../../../src/lib/game/engine/announce';

describe('announce', () => {
	it.each([
		[90, 100, 'Score 100.'],
		[180, 230, 'Score 230.'],
	])('speaks when the score crosses a hundred (%i → %i)', (from, to, said) => {
		expect(announce(from, [{ type: 'score', score: to }])).toBe(said);
	});

	it('stays quiet for small gains and empty frames', () => {
		expect(announce(110, [{ type: 'score', score: 130 }])).toBeNull();
		expect(announce(110, [])).toBeNull();
	});

	it('reports a lost life and a used shield', () => {
		const hit = { type: 'hit', kind: 'denied', x: 0, y: 0 } as const;
		expect(announce(0, [{ ...hit, shielded: false, lives: 1 }])).toBe('Lost a life, 1 left.');
		expect(announce(0, [{ ...hit, shielded: true, lives: 3 }])).toBe('Shield used.');
	});

	it('ends with the final score', () => {
		const said = announce(250, [
			{ type: 'score', score: 310 },
			{ type: 'gameOver', score: 310, caught: 21, durationMs: 64_000, seed: 1 },
		]);
		expect(said).toBe('Game over. Score 310, 21 caught.');
	});
});
