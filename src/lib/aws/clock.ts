import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

/**
 * Skew (AWS time minus device time, ms) from an HTTP `Date` header received at device time `localNow`;
 * null when there is no usable header. The header has one-second resolution: small skews read as noise.
 * In a browser the header is visible only if the endpoint's CORS exposes it (`Access-Control-Expose-Headers: Date`).
 */
export function skewFromDateHeader(
	date: string | null | undefined,
	localNow: number,
): number | null {
	if (!date) return null;
	const serverTime = Date.parse(date);
	return Number.isNaN(serverTime) ? null : serverTime - localNow;
}

/** The time on AWS's clock, given the skew. */
export function correctedNow(skewMs: number, localNow: number = Date.now()): number {
	return localNow + skewMs;
}

/** The app's corrected clock: one per page, shared by the credential provider and the countdown. */
export interface Clock {
	now(): number;
	readonly skewMs: number;
	/** Take a new skew reading (from a Date header or the SDK). */
	observe(skewMs: number): void;
	onChange(listener: (skewMs: number) => void): () => void;
}

export function createClock(localNow: () => number = Date.now): Clock {
	let skewMs = 0;
	const listeners = new Set<(skewMs: number) => void>();
	return {
		now: () => correctedNow(skewMs, localNow()),
		get skewMs() {
			return skewMs;
		},
		observe(next) {
			// Header resolution is one second: ignore jitter so the countdown doesn't twitch.
			if (Math.abs(next - skewMs) < 1_000) return;
			skewMs = next;
			for (const listener of listeners) listener(skewMs);
		},
		onChange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/**
 * A reading whose request took longer than this is dropped: the Date header was written at an unknown
 * moment of the round trip (a laptop that slept mid-request would otherwise set a skew of its sleep).
 */
export const MAX_READING_ROUND_TRIP_MS = 5_000;

/**
 * Reads the `Date` header of every raw AWS response (success or error: this sits below the deserializer)
 * and feeds the clock, taking the middle of the round trip as the moment the header was written.
 */
export function clockSkewMiddleware<I extends object, O extends object>(
	clock: Clock,
	localNow: () => number = Date.now,
): DeserializeMiddleware<I, O> {
	return (next) => async (args) => {
		const sentAt = localNow();
		const result = await next(args);
		const receivedAt = localNow();
		if (receivedAt - sentAt > MAX_READING_ROUND_TRIP_MS) return result;
		const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers;
		const skew = skewFromDateHeader(headers?.date ?? headers?.Date, (sentAt + receivedAt) / 2);
		if (skew !== null) clock.observe(skew);
		return result;
	};
}

/** An SDK v3 client, whatever its service; its signer reads `config.systemClockOffset` at every signature. */
export interface SdkClient<I extends object, O extends object> {
	/** The SDK's stack, or one with its steps and names (fetch-client.ts). */
	middlewareStack: Pick<MiddlewareStack<I, O>, 'add' | 'addRelativeTo'>;
	config?: { systemClockOffset?: number };
}

/**
 * Add the clock-skew reader to an SDK client, and hand the app's skew to the client's signer before each
 * call: the SDK corrects its own clock only after a refused request, once per client; with the shared
 * clock every client signs right the first time.
 */
export function applyClockSkew<I extends object, O extends object>(
	client: SdkClient<I, O>,
	clock: Clock,
): void {
	client.middlewareStack.addRelativeTo(clockSkewMiddleware<I, O>(clock), {
		relation: 'after',
		toMiddleware: 'deserializerMiddleware',
		name: 'fedplayClockSkew',
		override: true,
	});
	client.middlewareStack.add(
		(next) => (args) => {
			// Build runs after the identity (and any refresh, with its STS answer) has been resolved. The
			// shared clock wins over the SDK's own per-client correction, which trusts every single reading.
			if (client.config) client.config.systemClockOffset = clock.skewMs;
			return next(args);
		},
		{ step: 'build', name: 'fedplayClockOffset', override: true },
	);
}
