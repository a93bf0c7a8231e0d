import { describe, expect, it } from 'vitest';
import { createGame, setPaused, startGame, step } from '../../../src/lib/game/engine/engine';
import {
	GRACE_SECONDS,
	PLAYER_WIDTH,
	POINTS,
	SHIELD_SECONDS,
	WORLD_HEIGHT,
	WORLD_WIDTH,
} from '../../../src/lib/game/engine/rules';
import { NO_INPUT, type GameEvent, type GameState } from '../../../src/lib/game/engine/types';
import { quietGame, scriptedInput, withEntityOnShip } from './helpers';

function play(seed: number, steps: number): { state: GameState; events: GameEvent[] } {
	let state = startGame(createGame(seed));
	const events: GameEvent[] = [];
	for (let i = 0; i < steps && state.phase === 'playing'; i++) {
		const result = step(state, scriptedInput(i));
		state = result.state;
		events.push(...result.events);
	}
	return { state, events };
}

describe('step', () => {
	it('replays the same seed and inputs to the same game', () => {
		const a = play(2024, 120 * 30);
		const b = play(2024, 120 * 30);
		expect(a.state).toEqual(b.state);
		expect(a.events).toEqual(b.events);
		expect(a.state.caught).toBeGreaterThan(0);
	});

	it('plays a different game with a different seed', () => {
		expect(play(1, 120 * 10).state.entities).not.toEqual(play(2, 120 * 10).state.entities);
	});

	it('leaves the state it was given untouched', () => {
		const state = withEntityOnShip(quietGame(), 'key');
		const before = structuredClone(state);
		step(state, { left: true, right: false, targetX: null });
		expect(state).toEqual(before);
	});

	it.each([
		['key', POINTS.key],
		['token', POINTS.token],
	] as const)('scores a caught %s and starts a combo', (kind, points) => {
		const { state, events } = step(withEntityOnShip(quietGame(), kind), NO_INPUT);
		expect(state.score).toBe(points);
		expect(state.combo).toBe(1);
		expect(state.caught).toBe(1);
		expect(state.entities).toHaveLength(0);
		expect(events).toContainEqual(expect.objectContaining({ type: 'caught', kind, points }));
		expect(events).toContainEqual({ type: 'score', score: points });
	});

	it('multiplies points once the combo reaches five catches in a row', () => {
		let state = quietGame();
		const points: number[] = [];
		for (let i = 0; i < 6; i++) {
			const result = step(withEntityOnShip(state, 'key'), NO_INPUT);
			state = result.state;
			for (const e of result.events) if (e.type === 'caught') points.push(e.points);
		}
		expect(points).toEqual([10, 10, 10, 10, 20, 20]);
		expect(state.combo).toBe(6);
		expect(state.bestCombo).toBe(6);
	});

	it.each(['expired', 'denied'] as const)('takes a life and the combo when a %s hits', (kind) => {
		const start = { ...quietGame(), combo: 7 };
		const { state, events } = step(withEntityOnShip(start, kind), NO_INPUT);
		expect(state.lives).toBe(2);
		expect(state.combo).toBe(0);
		expect(state.player.invulnerable).toBeCloseTo(GRACE_SECONDS);
		expect(events).toContainEqual(expect.objectContaining({ type: 'hit', kind, shielded: false }));
	});

	it('spends a refresh shield instead of a life', () => {
		const shielded = step(withEntityOnShip(quietGame(), 'refresh'), NO_INPUT).state;
		expect(shielded.player.shield).toBeCloseTo(SHIELD_SECONDS);
		const { state, events } = step(withEntityOnShip(shielded, 'expired'), NO_INPUT);
		expect(state.lives).toBe(3);
		expect(state.player.shield).toBe(0);
		expect(events).toContainEqual(expect.objectContaining({ type: 'hit', shielded: true }));
	});

	it('does not take a second life during the grace after a hit', () => {
		const hit = step(withEntityOnShip(quietGame(), 'denied'), NO_INPUT).state;
		const { state } = step(withEntityOnShip(hit, 'expired'), NO_INPUT);
		expect(state.lives).toBe(2);
	});

	it('ends the game on the third hit and reports the run', () => {
		let state = { ...quietGame(9), score: 120, caught: 12 };
		let events: GameEvent[] = [];
		for (let hit = 0; hit < 3; hit++) {
			const ready = { ...state, player: { ...state.player, invulnerable: 0 } };
			({ state, events } = step(withEntityOnShip(ready, 'expired'), NO_INPUT));
		}
		expect(state.phase).toBe('over');
		expect(state.lives).toBe(0);
		expect(events).toContainEqual({
			type: 'gameOver',
			score: 120,
			caught: 12,
			seed: 9,
			durationMs: Math.round(state.time * 1000),
		});
		expect(step(state, NO_INPUT).state).toBe(state);
	});

	it('breaks the combo when a key falls past the ship', () => {
		const start = { ...quietGame(), combo: 3 };
		const key = {
			id: 99,
			kind: 'key' as const,
			x: 20,
			y: WORLD_HEIGHT + 14,
			vy: 100,
			w: 28,
			h: 28,
		};
		const { state, events } = step({ ...start, entities: [key] }, NO_INPUT);
		expect(state.combo).toBe(0);
		expect(state.entities).toHaveLength(0);
		expect(events).toContainEqual({ type: 'missed', kind: 'key' });
	});

	it.each([
		['left', { left: true, right: false, targetX: null }, -1],
		['right', { left: false, right: true, targetX: null }, 1],
		['towards a pointer', { left: false, right: false, targetX: 400 }, 1],
	])('moves the ship %s', (_name, input, sign) => {
		let state = quietGame();
		for (let i = 0; i < 30; i++) state = step(state, input).state;
		expect(Math.sign(state.player.x - WORLD_WIDTH / 2)).toBe(sign);
	});

	it('keeps the ship inside the walls', () => {
		let state = quietGame();
		for (let i = 0; i < 600; i++)
			state = step(state, { left: true, right: false, targetX: null }).state;
		expect(state.player.x).toBe(PLAYER_WIDTH / 2);
	});
});

describe('phases', () => {
	it('does not simulate before the start', () => {
		const ready = createGame(5);
		expect(step(ready, NO_INPUT).state).toBe(ready);
		expect(startGame(ready).phase).toBe('playing');
	});

	it('stops the simulation while paused and picks up where it left off', () => {
		const running = play(3, 240).state;
		const paused = setPaused(running, true);
		expect(paused.phase).toBe('paused');
		let state = paused;
		for (let i = 0; i < 120; i++) state = step(state, scriptedInput(i)).state;
		expect(state).toEqual(paused);
		expect(setPaused(state, false)).toEqual({ ...running, phase: 'playing' });
	});

	it('neither pauses a finished game nor restarts one', () => {
		const over = { ...createGame(1), phase: 'over' as const };
		expect(setPaused(over, true)).toBe(over);
		expect(startGame(over)).toBe(over);
	});
});
