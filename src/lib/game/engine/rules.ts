import type { EntityKind } from './types';

/** The fixed world the simulation runs in; the renderer scales it to the screen. */
export const WORLD_WIDTH = 480;
export const WORLD_HEIGHT = 640;

/** One simulation step: 1/120 s, run as many times per frame as real time asks for. */
export const STEP_SECONDS = 1 / 120;

export const PLAYER_Y = WORLD_HEIGHT - 56;
export const PLAYER_WIDTH = 64;
export const PLAYER_HEIGHT = 22;
export const PLAYER_MAX_SPEED = 440;
/** How quickly the ship reaches the speed asked for (1/s): responsive yet not twitchy. */
export const PLAYER_RESPONSE = 14;

export const SHIELD_SECONDS = 8;
export const GRACE_SECONDS = 1.2;
/** Catches in a row for each step of the multiplier, and its ceiling. */
const COMBO_STEP = 5;
const MAX_MULTIPLIER = 5;

/** Seconds until the game reaches its hardest settings. */
export const RAMP_SECONDS = 150;

export const SIZES: Record<EntityKind, { w: number; h: number }> = {
	key: { w: 28, h: 28 },
	token: { w: 40, h: 26 },
	expired: { w: 30, h: 30 },
	denied: { w: 56, h: 28 },
	refresh: { w: 30, h: 30 },
};

export const POINTS = { key: 10, token: 25 } as const;

/** 0 at the start of a run, 1 once the ramp is over. */
export function difficulty(time: number): number {
	return Math.min(1, Math.max(0, time / RAMP_SECONDS));
}

function lerp(a: number, b: number, t: number): number {
	return a + (b - a) * t;
}

/** Seconds between two spawns: more things fall as the run goes on. */
export function spawnInterval(time: number): number {
	return lerp(0.85, 0.34, difficulty(time));
}

/** Base falling speed in world units per second. */
export function fallSpeed(time: number): number {
	return lerp(130, 300, difficulty(time));
}

/** The share of spawns that are hazards. */
export function hazardShare(time: number): number {
	return lerp(0.18, 0.42, difficulty(time));
}

/** The score multiplier earned by a run of consecutive catches. */
export function multiplier(combo: number): number {
	return Math.min(MAX_MULTIPLIER, 1 + Math.floor(combo / COMBO_STEP));
}

/** A level number for the HUD: one more every 20 seconds of play. */
export function level(time: number): number {
	return 1 + Math.floor(time / 20);
}
