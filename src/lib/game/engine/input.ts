import type { GameInput } from './types';

export type Direction = 'left' | 'right';
export type Action = Direction | 'start' | 'pause';

const BY_KEY: Record<string, Action> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	' ': 'start',
	Enter: 'start',
	p: 'pause',
	P: 'pause',
	Escape: 'pause',
};
// A and D by physical position (`code`), so the WASD habit works on AZERTY and Dvorak too.
const BY_CODE: Record<string, Action> = { KeyA: 'left', KeyD: 'right' };

/** The game action for a keyboard event's `key` and `code`, or null when the game ignores that key. */
export function actionForKey(key: string, code: string): Action | null {
	return BY_KEY[key] ?? BY_CODE[code] ?? null;
}

/**
 * Folds keyboard, on-screen buttons and pointer into one GameInput. Each held direction remembers
 * its sources, so letting go of A while → is still down keeps the ship moving right.
 */
export class InputTracker {
	#held: Record<Direction, Set<string>> = { left: new Set(), right: new Set() };
	#targetX: number | null = null;

	press(direction: Direction, source: string): void {
		this.#held[direction].add(source);
	}

	release(direction: Direction, source: string): void {
		this.#held[direction].delete(source);
	}

	/** Steer towards a world x (pointer down or dragging); null when the pointer lets go. */
	point(worldX: number | null): void {
		this.#targetX = worldX;
	}

	/** Forgets everything held: on blur, so a key released in another window does not stick. */
	reset(): void {
		this.#held.left.clear();
		this.#held.right.clear();
		this.#targetX = null;
	}

	get input(): GameInput {
		return {
			left: this.#held.left.size > 0,
			right: this.#held.right.size > 0,
			targetX: this.#targetX,
		};
	}
}
