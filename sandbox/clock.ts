/**
 * The sandbox's one source of time. Every time-dependent check (ID token exp/nbf/iat, credential expiry,
 * SigV4 skew) reads `now()`, so tests can move time forward instead of waiting. An offset of 0 is real time;
 * moving the clock never relaxes an AWS limit, it only changes what "now" is.
 */
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
		if (!Number.isFinite(offsetMs)) throw new RangeError('offsetMs must be a finite number');
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
