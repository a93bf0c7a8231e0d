import {
	GRACE_SECONDS,
	PLAYER_HEIGHT,
	PLAYER_MAX_SPEED,
	PLAYER_RESPONSE,
	PLAYER_WIDTH,
	PLAYER_Y,
	POINTS,
	SHIELD_SECONDS,
	STEP_SECONDS,
	WORLD_HEIGHT,
	WORLD_WIDTH,
	multiplier,
} from './rules';
import { spawnEntity } from './spawn';
import type { Entity, GameEvent, GameInput, GameOptions, GameState, Player } from './types';

interface StepResult {
	state: GameState;
	events: GameEvent[];
}

/** A new game waiting on its start screen. Same seed, same falling pattern. */
export function createGame(seed: number, options: GameOptions = {}): GameState {
	return {
		seed: seed >>> 0,
		rng: seed >>> 0,
		phase: 'ready',
		time: 0,
		score: 0,
		lives: options.lives ?? 3,
		combo: 0,
		bestCombo: 0,
		caught: 0,
		nextSpawn: 0.6,
		nextId: 1,
		player: { x: WORLD_WIDTH / 2, vx: 0, shield: 0, invulnerable: 0 },
		entities: [],
	};
}

/** Leaves the start screen. Any other phase is returned unchanged. */
export function startGame(state: GameState): GameState {
	return state.phase === 'ready' ? { ...state, phase: 'playing' } : state;
}

/** Pauses a running game or resumes a paused one; ready and over are left alone. */
export function setPaused(state: GameState, paused: boolean): GameState {
	if (paused && state.phase === 'playing') return { ...state, phase: 'paused' };
	if (!paused && state.phase === 'paused') return { ...state, phase: 'playing' };
	return state;
}

function cloneState(state: GameState): GameState {
	return { ...state, player: { ...state.player }, entities: state.entities.map((e) => ({ ...e })) };
}

function movePlayer(p: Player, input: GameInput, dt: number): void {
	const direction = (input.right ? 1 : 0) - (input.left ? 1 : 0);
	let wanted = direction * PLAYER_MAX_SPEED;
	// Keys win over a pointer; a pointer steers towards its x, slowing as it arrives.
	if (direction === 0 && input.targetX !== null) {
		wanted = Math.max(-PLAYER_MAX_SPEED, Math.min(PLAYER_MAX_SPEED, (input.targetX - p.x) * 6));
	}
	p.vx += (wanted - p.vx) * Math.min(1, PLAYER_RESPONSE * dt);
	p.x += p.vx * dt;
	const half = PLAYER_WIDTH / 2;
	if (p.x < half || p.x > WORLD_WIDTH - half) {
		p.x = Math.max(half, Math.min(WORLD_WIDTH - half, p.x));
		p.vx = 0;
	}
	p.shield = Math.max(0, p.shield - dt);
	p.invulnerable = Math.max(0, p.invulnerable - dt);
}

/** Hit boxes: generous for things to catch, a little forgiving for things to dodge. */
function touches(p: Player, e: Entity): boolean {
	const slack = e.kind === 'expired' || e.kind === 'denied' ? -6 : 4;
	return (
		Math.abs(e.x - p.x) < (e.w + PLAYER_WIDTH) / 2 + slack &&
		Math.abs(e.y - PLAYER_Y) < (e.h + PLAYER_HEIGHT) / 2 + slack
	);
}

function collide(s: GameState, e: Entity, events: GameEvent[]): void {
	const p = s.player;
	if (e.kind === 'key' || e.kind === 'token') {
		s.combo += 1;
		s.bestCombo = Math.max(s.bestCombo, s.combo);
		s.caught += 1;
		const points = POINTS[e.kind] * multiplier(s.combo);
		s.score += points;
		events.push({ type: 'caught', kind: e.kind, points, combo: s.combo, x: e.x, y: e.y });
	} else if (e.kind === 'refresh') {
		p.shield = SHIELD_SECONDS;
		events.push({ type: 'shield', x: e.x, y: e.y });
	} else if (p.shield > 0) {
		p.shield = 0;
		events.push({ type: 'hit', kind: e.kind, shielded: true, lives: s.lives, x: e.x, y: e.y });
	} else if (p.invulnerable === 0) {
		s.lives -= 1;
		s.combo = 0;
		p.invulnerable = GRACE_SECONDS;
		events.push({ type: 'hit', kind: e.kind, shielded: false, lives: s.lives, x: e.x, y: e.y });
	}
}

/** Moves everything, resolves contacts and drops what left the screen. */
function updateEntities(s: GameState, events: GameEvent[], dt: number): void {
	const kept: Entity[] = [];
	for (const e of s.entities) {
		e.y += e.vy * dt;
		if (touches(s.player, e)) collide(s, e, events);
		else if (e.y - e.h / 2 <= WORLD_HEIGHT) kept.push(e);
		else if (e.kind === 'key' || e.kind === 'token') {
			// A good thing let go breaks the combo; hazards that fall past are simply dodged.
			s.combo = 0;
			events.push({ type: 'missed', kind: e.kind });
		}
	}
	s.entities = kept;
}

/**
 * Advances a playing game by `dt` seconds (one fixed step; see `advance` for real frames). Pure: the
 * given state is not touched, and the same state and input always give the same result.
 */
export function step(state: GameState, input: GameInput, dt: number = STEP_SECONDS): StepResult {
	if (state.phase !== 'playing') return { state, events: [] };
	const s = cloneState(state);
	const events: GameEvent[] = [];
	s.time += dt;
	movePlayer(s.player, input, dt);
	s.nextSpawn -= dt;
	while (s.nextSpawn <= 0) spawnEntity(s);
	updateEntities(s, events, dt);
	if (s.score !== state.score) events.push({ type: 'score', score: s.score });
	if (s.lives <= 0) {
		s.phase = 'over';
		const durationMs = Math.round(s.time * 1000);
		events.push({ type: 'gameOver', score: s.score, caught: s.caught, durationMs, seed: s.seed });
	}
	return { state: s, events };
}
