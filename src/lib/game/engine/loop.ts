/**
 * Calls `onFrame` once per display frame with the seconds since the previous one. Returns a stop
 * function. Browsers skip animation frames in hidden tabs, so a long gap arrives as one big `dt`,
 * which `advance` clamps.
 */
export function runLoop(onFrame: (seconds: number) => void): () => void {
	let last: number | null = null;
	let handle = requestAnimationFrame(function tick(now: number) {
		const seconds = last === null ? 0 : (now - last) / 1000;
		last = now;
		// Ask for the next frame first, so a throwing callback cannot stop the game for good.
		handle = requestAnimationFrame(tick);
		onFrame(seconds);
	});
	return () => cancelAnimationFrame(handle);
}

/**
 * A loop that sleeps while nothing moves: `onFrame` returns whether it wants another frame, and `wake()`
 * asks for frames again (a start, a resize). The start, pause and game-over screens are drawn once and then
 * cost the page nothing per frame: no callback, and no frame for the browser to produce (issue 18).
 */
export function sleepyLoop(onFrame: (seconds: number) => boolean): {
	wake(): void;
	stop(): void;
} {
	let cancel: (() => void) | null = null;
	let stopped = false;
	const frame = (seconds: number): void => {
		if (onFrame(seconds)) return;
		cancel?.();
		cancel = null;
	};
	return {
		wake() {
			if (!cancel && !stopped) cancel = runLoop(frame);
		},
		stop() {
			stopped = true;
			cancel?.();
			cancel = null;
		},
	};
}
