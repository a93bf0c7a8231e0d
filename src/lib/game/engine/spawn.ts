import { nextRandom } from './rng';
import { SIZES, WORLD_WIDTH, fallSpeed, hazardShare, spawnInterval } from './rules';
import type { EntityKind, GameState } from './types';

/** Draws the next number from the state's own PRNG (the state is a private copy inside step). */
export function random(s: GameState): number {
	const [value, next] = nextRandom(s.rng);
	s.rng = next;
	return value;
}

function pickKind(s: GameState): EntityKind {
	const roll = random(s);
	const hazards = hazardShare(s.time);
	if (roll < hazards) return roll < hazards * 0.6 ? 'expired' : 'denied';
	const good = (roll - hazards) / (1 - hazards);
	// A refresh only while unshielded, so it stays a rescue rather than a permanent state.
	if (good < 0.04 && s.player.shield === 0) return 'refresh';
	return good < 0.16 ? 'token' : 'key';
}

/** Adds one falling entity above the top edge and schedules the next spawn. */
export function spawnEntity(s: GameState): void {
	const kind = pickKind(s);
	const { w, h } = SIZES[kind];
	const margin = w / 2 + 8;
	const x = margin + random(s) * (WORLD_WIDTH - 2 * margin);
	// Walls are slower so they can be read and dodged; the rest vary a little so rows break up.
	const speed = fallSpeed(s.time) * (kind === 'denied' ? 0.8 : 0.85 + random(s) * 0.3);
	s.entities.push({ id: s.nextId++, kind, x, y: -h / 2, vy: speed, w, h });
	s.nextSpawn += spawnInterval(s.time) * (0.7 + random(s) * 0.6);
}
