/** The shapes of Token Rush: plain data, so a state can be cloned, compared and replayed. */

export type Phase = 'ready' | 'playing' | 'paused' | 'over';

/** Things that fall. Keys and tokens score, expired tokens and denied blocks hurt, refresh shields. */
export type EntityKind = 'key' | 'token' | 'expired' | 'denied' | 'refresh';

export interface Entity {
	id: number;
	kind: EntityKind;
	/** Centre, in world units (the world is WORLD_WIDTH × WORLD_HEIGHT whatever the screen). */
	x: number;
	y: number;
	vy: number;
	w: number;
	h: number;
}

export interface Player {
	x: number;
	vx: number;
	/** Seconds of shield left (a "refresh" power-up); a hit while shielded costs the shield, not a life. */
	shield: number;
	/** Seconds of grace after losing a life, so one cluster of hazards cannot take every life at once. */
	invulnerable: number;
}

export interface GameState {
	seed: number;
	rng: number;
	phase: Phase;
	/** Simulated seconds in play (paused time does not count). */
	time: number;
	score: number;
	lives: number;
	combo: number;
	bestCombo: number;
	caught: number;
	nextSpawn: number;
	nextId: number;
	player: Player;
	entities: Entity[];
}

/** One input state, whatever device produced it. */
export interface GameInput {
	left: boolean;
	right: boolean;
	/** A pointer or touch target in world x, or null when no pointer is steering. */
	targetX: number | null;
}

export type GameEvent =
	| { type: 'caught'; kind: 'key' | 'token'; points: number; combo: number; x: number; y: number }
	| { type: 'shield'; x: number; y: number }
	| {
			type: 'hit';
			kind: 'expired' | 'denied';
			shielded: boolean;
			lives: number;
			x: number;
			y: number;
	  }
	| { type: 'missed'; kind: 'key' | 'token' }
	| { type: 'score'; score: number }
	| { type: 'gameOver'; score: number; caught: number; durationMs: number; seed: number };

export interface GameOptions {
	/** Lives at the start; 3 unless a test wants otherwise. */
	lives?: number;
}

export const NO_INPUT: GameInput = Object.freeze({ left: false, right: false, targetX: null });

/** What a finished run reports to the app (which stores it as a score). */
export interface GameResult {
	score: number;
	/** Simulated play time, pauses excluded. */
	durationMs: number;
	seed: number;
	caught: number;
}
