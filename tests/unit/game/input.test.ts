import { describe, expect, it } from 'vitest';
import { InputTracker, actionForKey } from '../../../src/lib/game/engine/input';
import { WORLD_HEIGHT, WORLD_WIDTH } from '../../../src/lib/game/engine/rules';
import { fitWorld, toWorldX } from '../../../src/lib/game/engine/viewport';

describe('actionForKey', () => {
	it.each([
		['ArrowLeft', 'ArrowLeft', 'left'],
		['ArrowRight', 'ArrowRight', 'right'],
		['a', 'KeyA', 'left'],
		['D', 'KeyD', 'right'],
		// AZERTY: the key left of S prints "q" but its code is still KeyA.
		['q', 'KeyA', 'left'],
		[' ', 'Space', 'start'],
		['Enter', 'Enter', 'start'],
		['p', 'KeyP', 'pause'],
		['Escape', 'Escape', 'pause'],
		['Tab', 'Tab', null],
		['x', 'KeyX', null],
	])('maps key %j (code %s) to %s', (key, code, action) => {
		expect(actionForKey(key, code)).toBe(action);
	});
});

describe('InputTracker', () => {
	it('starts idle', () => {
		expect(new InputTracker().input).toEqual({ left: false, right: false, targetX: null });
	});

	it('keeps a direction held while any of its sources is down', () => {
		const tracker = new InputTracker();
		tracker.press('right', 'ArrowRight');
		tracker.press('right', 'KeyD');
		tracker.release('right', 'ArrowRight');
		expect(tracker.input.right).toBe(true);
		tracker.release('right', 'KeyD');
		expect(tracker.input.right).toBe(false);
	});

	it('merges keys, buttons and a pointer into one input', () => {
		const tracker = new InputTracker();
		tracker.press('left', 'button');
		tracker.point(120);
		expect(tracker.input).toEqual({ left: true, right: false, targetX: 120 });
	});

	it('forgets everything on reset, so no key sticks after a blur', () => {
		const tracker = new InputTracker();
		tracker.press('left', 'ArrowLeft');
		tracker.point(10);
		tracker.reset();
		expect(tracker.input).toEqual({ left: false, right: false, targetX: null });
	});
});

describe('viewport', () => {
	it('fits a wide screen by height and centres the world', () => {
		const view = fitWorld(WORLD_WIDTH * 3, WORLD_HEIGHT);
		expect(view.scale).toBe(1);
		expect(view.offsetX).toBe(WORLD_WIDTH);
		expect(view.offsetY).toBe(0);
	});

	it.each([
		[0, 0],
		[WORLD_WIDTH / 2, WORLD_WIDTH / 2],
		[-50, 0],
		[WORLD_WIDTH * 2, WORLD_WIDTH],
	])('maps a pointer at %i css px on a half-size screen to world x %i', (cssX, worldX) => {
		const view = fitWorld(WORLD_WIDTH / 2, WORLD_HEIGHT / 2);
		expect(toWorldX(view, cssX / 2)).toBe(worldX);
	});
});
