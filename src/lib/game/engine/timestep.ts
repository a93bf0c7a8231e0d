import { step } from './engine';
import { STEP_SECONDS } from './rules';
import type { GameEvent, GameInput, GameState } from './types';

/** A game plus the real time not yet simulated, in fractions of a step. */
export interface Clock {
	state: GameState;
	/** Leftover time in steps (0 ≤ pending < 1 after each advance). */
	pending: number;
}

/** Longest frame simulated at once: after a stall (tab switch, debugger) the game does not fast-forward. */
const MAX_FRAME_SECONDS = 0.25;
// Frame times like 1/60 do not add up exactly in binary; this keeps 60 × 1/60 s at 120 whole steps.
const EPSILON = 1e-6;

/**
 * Runs as many fixed steps as `frameSeconds` of real time holds, carrying the remainder to the next frame,
 * so the simulation is the same at 30, 60 or 144 frames per second.
 */
export function advance(
	clock: Clock,
	input: GameInput,
	frameSeconds: number,
): Clock & { events: GameEvent[] } {
	let { state } = clock;
	if (state.phase !== 'playing') return { state, pending: 0, events: [] };
	let pending =
		clock.pending + Math.min(MAX_FRAME_SECONDS, Math.max(0, frameSeconds)) / STEP_SECONDS;
	const events: GameEvent[] = [];
	while (pending >= 1 - EPSILON && state.phase === 'playing') {
		const result = step(state, input, STEP_SECONDS);
		state = result.state;
		events.push(...result.events);
		pending -= 1;
	}
	return { state, pending: Math.max(0, pending), events };
}
