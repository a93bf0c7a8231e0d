/**
 * Connectivity to the AWS endpoint, and the one back-off the app retries with. The browser's `online` event
 * is only a hint: the network can be up while the endpoint is not, and the endpoint can come back without
 * any event. So after a call gets no answer the endpoint itself is probed, with back-off, until it answers;
 * then everyone waiting (the outbox, the panels whose read failed) is told at once.
 */

export interface BackoffOptions {
	baseMs: number;
	capMs: number;
	/** [0, 1): Math.random in the app, fixed in tests. */
	random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
	baseMs: 1_000,
	capMs: 60_000,
	random: Math.random,
};

/** Exponential back-off with "equal jitter": half the step is fixed, half random; capped. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
	const step = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	return step / 2 + options.random() * (step / 2);
}

/** Subscribe to the window's `online` event; returns the unsubscribe function (a no-op outside a browser). */
export function windowOnline(listener: () => void): () => void {
	if (typeof window === 'undefined') return () => {};
	window.addEventListener('online', listener);
	return () => window.removeEventListener('online', listener);
}

/**
 * Asks the endpoint whether it answers at all: any HTTP answer will do, so the request is an opaque
 * `no-cors` HEAD that needs no credentials and no CORS. Rejects when nothing answers.
 */
export function probeEndpoint(endpoint: string): () => Promise<void> {
	return async () => {
		await fetch(endpoint, {
			method: 'HEAD',
			mode: 'no-cors',
			cache: 'no-store',
			credentials: 'omit',
		});
	};
}

export interface ConnectivityDeps {
	/** Resolves when the endpoint answers; `probeEndpoint(config.endpoint)` in the app. */
	probe: () => Promise<void>;
	setTimeout?: (run: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
	/** Subscribe to "back online"; the window `online` event by default. */
	onOnline?: (listener: () => void) => () => void;
	backoff?: Partial<BackoffOptions>;
}

export interface Connectivity {
	/** False from a call that got no answer until the endpoint answers again. */
	readonly reachable: boolean;
	/** A call failed in a way the endpoint's return may fix: probe, with back-off, until it answers. */
	lost(): void;
	/** A call was answered: the endpoint is there (and the back-off starts over). */
	answered(): void;
	/** Called each time the endpoint answers again after `lost`; returns the unsubscribe function. */
	onRecover(listener: () => void): () => void;
	/** No more probing or listening (sign-out). */
	stop(): void;
}

/** Watches the endpoint for the ones who wait on it; see the module comment. */
export function createConnectivity(deps: ConnectivityDeps): Connectivity {
	const schedule = deps.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
	const cancel = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number));
	const backoff = { ...DEFAULT_BACKOFF, ...deps.backoff };
	const listeners = new Set<() => void>();
	let reachable = true;
	let stopped = false;
	/** Failures since the last answered call: the back-off grows with them. */
	let streak = 0;
	let timer: unknown;
	let probing = false;

	const recovered = () => {
		if (reachable || stopped) return;
		reachable = true;
		cancel(timer);
		timer = undefined;
		for (const listener of [...listeners]) listener();
	};

	const probe = () => {
		if (reachable || stopped || probing) return;
		probing = true;
		cancel(timer);
		deps.probe().then(
			() => {
				probing = false;
				recovered();
			},
			() => {
				probing = false;
				if (reachable || stopped) return;
				streak += 1;
				timer = schedule(probe, backoffDelay(streak, backoff));
			},
		);
	};

	const unsubscribe = (deps.onOnline ?? windowOnline)(probe);

	return {
		get reachable() {
			return reachable;
		},
		lost() {
			if (stopped) return;
			streak += 1;
			if (!reachable) return;
			reachable = false;
			cancel(timer);
			timer = schedule(probe, backoffDelay(streak, backoff));
		},
		answered() {
			streak = 0;
			recovered();
		},
		onRecover(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		stop() {
			stopped = true;
			unsubscribe();
			cancel(timer);
			listeners.clear();
		},
	};
}
