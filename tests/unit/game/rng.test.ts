import { describe, expect, it } from 'vitest';
import { nextRandom } from '../../../src/lib/game/engine/rng';

function draw(seed: number, count: number): number[] {
	const values: number[] = [];
	let state = seed;
	for (let i = 0; i < count; i++) {
		const [value, next] = nextRandom(state);
		values.push(value);
		state = next;
	}
	return values;
}

describe('nextRandom (mulberry32)', () => {
	it('gives the same sequence for the same seed', () => {
		expect(draw(42, 50)).toEqual(draw(42, 50));
	});

	it('gives a different sequence for a different seed', () => {
		expect(draw(42, 5)).not.toEqual(draw(43, 5));
	});

	it('stays within [0, 1) and spreads over the range', () => {
		const values = draw(7, 2000);
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
	});
});
