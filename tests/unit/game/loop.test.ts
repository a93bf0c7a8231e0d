import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleepyLoop } from '../../../src/lib/game/engine/loop';

/** A hand-cranked requestAnimationFrame: `tick()` runs the frames asked for so far, 16 ms apart. */
function fakeFrames() {
	let now = 0;
	let next = 1;
	const pending = new Map<number, FrameRequestCallback>();
	vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
		pending.set(next, callback);
		return next++;
	});
	vi.stubGlobal('cancelAnimationFrame', (handle: number) => pending.delete(handle));
	return {
		get requested() {
			return pending.size;
		},
		tick() {
			now += 16;
			const due = [...pending.values()];
			pending.clear();
			for (const callback of due) callback(now);
		},
	};
}

describe('sleepyLoop', () => {
	let frames: ReturnType<typeof fakeFrames>;
	beforeEach(() => {
		frames = fakeFrames();
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('asks for no frame until woken, and none after a frame that wants no more', () => {
		let wanted = true;
		const seen: number[] = [];
		const loop = sleepyLoop((seconds) => {
			seen.push(seconds);
			return wanted;
		});
		expect(frames.requested).toBe(0);
		loop.wake();
		frames.tick();
		frames.tick();
		expect(seen).toEqual([0, 0.016]);
		wanted = false;
		frames.tick();
		expect(frames.requested).toBe(0);
		frames.tick();
		expect(seen).toHaveLength(3);
	});

	it('wakes again after sleeping, its first frame counting no time (a paused game does not jump)', () => {
		let wanted = false;
		const seen: number[] = [];
		const loop = sleepyLoop((seconds) => {
			seen.push(seconds);
			return wanted;
		});
		loop.wake();
		frames.tick();
		frames.tick();
		frames.tick();
		wanted = true;
		loop.wake();
		loop.wake(); // A second wake while running asks for no second loop.
		expect(frames.requested).toBe(1);
		frames.tick();
		frames.tick();
		expect(seen).toEqual([0, 0, 0.016]);
	});

	it('stays stopped: a wake after stop asks for nothing', () => {
		const loop = sleepyLoop(() => true);
		loop.wake();
		loop.stop();
		expect(frames.requested).toBe(0);
		loop.wake();
		expect(frames.requested).toBe(0);
	});
});
