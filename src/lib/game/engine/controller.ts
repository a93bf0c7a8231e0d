import { createGame, setPaused, startGame } from './engine';
import { InputTracker } from './input';
import { randomSeed } from './rng';
import { advance, type Clock } from './timestep';
import type { GameEvent, GameOptions, GameState } from './types';

/**
 * One game on screen: the current run, its clock and its input. The component drives it; the rules stay
 * in the pure functions it calls. With a fixed `seed` every run replays the same pattern (tests, demos).
 */
export class GameController {
	readonly input = new InputTracker();
	readonly #seed: number | undefined;
	readonly #options: GameOptions;
	#clock: Clock;

	constructor(seed?: number, options: GameOptions = {}) {
		this.#seed = seed;
		this.#options = options;
		this.#clock = { state: createGame(seed ?? randomSeed(), options), pending: 0 };
	}

	get state(): GameState {
		return this.#clock.state;
	}

	/** Space/Enter: leaves the start screen, resumes a pause, or begins a new run after game over. */
	start(): void {
		const { phase } = this.#clock.state;
		if (phase === 'paused') return this.resume();
		if (phase === 'over') this.#clock.state = createGame(this.#seed ?? randomSeed(), this.#options);
		this.#clock = { state: startGame(this.#clock.state), pending: 0 };
	}

	pause(): void {
		this.#clock = { state: setPaused(this.#clock.state, true), pending: 0 };
		this.input.reset();
	}

	resume(): void {
		this.#clock = { state: setPaused(this.#clock.state, false), pending: 0 };
	}

	togglePause(): void {
		if (this.#clock.state.phase === 'paused') this.resume();
		else this.pause();
	}

	/** Simulates one display frame of `seconds` and returns what happened in it. */
	frame(seconds: number): GameEvent[] {
		const { events, ...clock } = advance(this.#clock, this.input.input, seconds);
		this.#clock = clock;
		return events;
	}
}
