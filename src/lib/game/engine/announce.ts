import type { GameEvent } from './types';

/** Points between two polite score announcements: often enough to follow, rare enough not to chatter. */
const ANNOUNCE_EVERY = 100;

/**
 * What a screen reader should hear after a frame, or null for nothing: lost lives, every
 * ANNOUNCE_EVERY points, and the final score. Never once per frame.
 */
export function announce(previousScore: number, events: readonly GameEvent[]): string | null {
	const parts: string[] = [];
	let score = previousScore;
	for (const e of events) {
		if (e.type === 'hit') {
			parts.push(e.shielded ? 'Shield used.' : `Lost a life, ${e.lives} left.`);
		} else if (e.type === 'shield') {
			parts.push('Shield on.');
		} else if (e.type === 'score') {
			if (Math.floor(e.score / ANNOUNCE_EVERY) > Math.floor(score / ANNOUNCE_EVERY)) {
				parts.push(`Score ${e.score}.`);
			}
			score = e.score;
		} else if (e.type === 'gameOver') {
			return `Game over. Score ${e.score}, ${e.caught} caught.`;
		}
	}
	return parts.length > 0 ? parts.join(' ') : null;
}
