import { describe, expect, it } from 'vitest';
import { step } from '../../../src/lib/game/engine/engine';
import {
	RAMP_SECONDS,
	fallSpeed,
	hazardShare,
	level,
	multiplier,
	spawnInterval,
} from '../../../src/lib/game/engine/rules';
import { NO_INPUT, type GameState } from '../../../src/lib/game/engine/types';
import { quietGame } from './helpers';

/** Spawns and hazards in `seconds` of play starting at `from` seconds, with an invincible ship. */
function sample(
	from: number,
	seconds: number,
): { spawned: number; hazards: number; speed: number } {
	let state: GameState = { ...quietGame(77, 1000), time: from, nextSpawn: 0 };
	const seen = new Map<number, GameState['entities'][number]>();
	for (let i = 0; i < seconds * 120; i++) {
		state = step(state, NO_INPUT).state;
		for (const e of state.entities) seen.set(e.id, e);
	}
	const all = [...seen.values()];
	const hazards = all.filter((e) => e.kind === 'expired' || e.kind === 'denied').length;
	const speed = all.reduce((sum, e) => sum + e.vy, 0) / all.length;
	return { spawned: all.length, hazards, speed };
}

describe('difficulty', () => {
	it.each([0, 30, 60, 90])('is harder at %i s than 30 s earlier', (t) => {
		const later = t + 30;
		expect(spawnInterval(later)).toBeLessThan(spawnInterval(t));
		expect(fallSpeed(later)).toBeGreaterThan(fallSpeed(t));
		expect(hazardShare(later)).toBeGreaterThan(hazardShare(t));
	});

	it('levels off after the ramp', () => {
		expect(spawnInterval(RAMP_SECONDS * 3)).toBe(spawnInterval(RAMP_SECONDS));
	});

	it('drops more, faster and more dangerous things late in a run', () => {
		const early = sample(0, 30);
		const late = sample(RAMP_SECONDS, 30);
		expect(late.spawned).toBeGreaterThan(early.spawned * 1.8);
		expect(late.speed).toBeGreaterThan(early.speed * 1.5);
		expect(late.hazards / late.spawned).toBeGreaterThan(early.hazards / early.spawned);
	});

	it.each([
		[0, 1],
		[4, 1],
		[5, 2],
		[12, 3],
		[100, 5],
	])('gives a combo of %i a multiplier of ×%i', (combo, times) => {
		expect(multiplier(combo)).toBe(times);
	});

	it('shows a new level every 20 seconds', () => {
		expect([0, 19.9, 20, 65].map(level)).toEqual([1, 1, 2, 4]);
	});
});
