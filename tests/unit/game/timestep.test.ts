import { describe, expect, it } from 'vitest';
import { createGame, setPaused, startGame } from '../../../src/lib/game/engine/engine';
import { advance, type Clock } from '../../../src/lib/game/engine/timestep';
import type { GameInput } from '../../../src/lib/game/engine/types';

const HOLD_RIGHT: GameInput = { left: false, right: true, targetX: null };

/** Plays `seconds` of real time at `fps` frames per second, holding right. */
function playAt(fps: number, seconds: number, seed = 11): Clock {
	let clock: Clock = { state: startGame(createGame(seed)), pending: 0 };
	for (let frame = 0; frame < Math.round(fps * seconds); frame++) {
		const { events: _events, ...next } = advance(clock, HOLD_RIGHT, 1 / fps);
		clock = next;
	}
	return clock;
}

describe('advance (fixed timestep)', () => {
	it.each([30, 50, 144])('ends 1 s at %i fps in the same state as at 60 fps', (fps) => {
		const reference = playAt(60, 1).state;
		expect(reference.time).toBeCloseTo(1, 6);
		expect(playAt(fps, 1).state).toEqual(reference);
	});

	it('agrees across frame rates over a longer run with spawns', () => {
		const a = playAt(60, 10).state;
		const b = playAt(30, 10).state;
		expect(a.nextId).toBeGreaterThan(5);
		expect(b).toEqual(a);
	});

	it('carries a part step to the next frame', () => {
		const clock = { state: startGame(createGame(1)), pending: 0 };
		const first = advance(clock, HOLD_RIGHT, 1 / 240);
		expect(first.state.time).toBe(0);
		expect(first.pending).toBeCloseTo(0.5);
		expect(advance(first, HOLD_RIGHT, 1 / 240).state.time).toBeCloseTo(1 / 120);
	});

	it('simulates at most a quarter second after a stall', () => {
		const clock = { state: startGame(createGame(1)), pending: 0 };
		expect(advance(clock, HOLD_RIGHT, 5).state.time).toBeCloseTo(0.25);
	});

	it('does not move a paused game', () => {
		const paused = setPaused(playAt(60, 1).state, true);
		const next = advance({ state: paused, pending: 0.5 }, HOLD_RIGHT, 1);
		expect(next.state).toBe(paused);
		expect(next.events).toEqual([]);
	});
});
