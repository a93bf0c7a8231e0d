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
