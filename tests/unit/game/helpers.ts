import { createGame, startGame } from '../../../src/lib/game/engine/engine';
import { PLAYER_Y, SIZES } from '../../../src/lib/game/engine/rules';
import type { EntityKind, GameInput, GameState } from '../../../src/lib/game/engine/types';

/** A running game where nothing spawns on its own, so a test places exactly what it needs. */
export function quietGame(seed = 1, lives = 3): GameState {
	return { ...startGame(createGame(seed, { lives })), nextSpawn: Number.POSITIVE_INFINITY };
}

/** `state` with one entity of `kind` overlapping the ship, so the next step resolves the contact. */
export function withEntityOnShip(state: GameState, kind: EntityKind): GameState {
	const { w, h } = SIZES[kind];
	const entity = { id: state.nextId, kind, x: state.player.x, y: PLAYER_Y - 4, vy: 0, w, h };
	return { ...state, nextId: state.nextId + 1, entities: [...state.entities, entity] };
}

/** A scripted player: sweeps left and right, and now and then drags to a point. */
export function scriptedInput(stepIndex: number): GameInput {
	const phase = Math.floor(stepIndex / 90) % 4;
	if (phase === 3) return { left: false, right: false, targetX: (stepIndex * 7) % 480 };
	return { left: phase === 0, right: phase === 2, targetX: null };
}
