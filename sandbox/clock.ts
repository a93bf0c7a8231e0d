/**
 * The sandbox's one source of time. Every time-dependent check (ID token exp/nbf/iat, credential expiry,
 * SigV4 skew) reads `now()`, so tests can move time forward instead of waiting. An offset of 0 is real time;
 * moving the clock never relaxes an AWS limit, it only changes what "now" is.
 */
/**
 * How far the clock may move from real time: a century covers any expiry test, and keeps every date the
 * sandbox formats valid (`toISOString` throws past ±8.64e15 ms, which would fail every request).
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 3600 * 1000;

export class SandboxClock {
	#offsetMs = 0;

	/** Milliseconds since the epoch, as the sandbox sees it. */
	now(): number {
		return Date.now() + this.#offsetMs;
	}

	get offsetMs(): number {
		return this.#offsetMs;
	}

	/** Sets the offset from real time (negative = the past). */
	set(offsetMs: number): void {
		if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_CLOCK_OFFSET_MS) {
			throw new RangeError(`offsetMs must be a number within ±${MAX_CLOCK_OFFSET_MS}`);
		}
		this.#offsetMs = Math.trunc(offsetMs);
	}

	/** Moves the sandbox clock forward by `ms` (or back, if negative). */
	advance(ms: number): void {
		this.set(this.#offsetMs + ms);
	}

	reset(): void {
		this.#offsetMs = 0;
	}
}
