/**
 * Loading the data layer's chunk whenever the network allows: at once, then again when the browser says
 * it is back online, and with backoff in between (a flaky network may never fire `online`). The outbox
 * keeps what the player does meanwhile.
 */
import { backoffDelay, windowOnline, type BackoffOptions } from '../aws/connectivity';

export interface LoaderDeps {
	setTimeout?: (run: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
	/** Subscribe to "back online"; returns the unsubscribe function. The window `online` event by default. */
	onOnline?: (listener: () => void) => () => void;
	backoff?: Partial<BackoffOptions>;
}

const BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 60_000, random: Math.random };

export interface Loading<T> {
	/** Resolves once `load` has succeeded; never settles if stopped first. */
	loaded: Promise<T>;
	/** Try no more (sign-out). */
	stop(): void;
}

/** Calls `load` until it succeeds: now, on every `online` event, and with backoff after each failure. */
export function loadWhenOnline<T>(load: () => Promise<T>, deps: LoaderDeps = {}): Loading<T> {
	const schedule = deps.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
	const cancel = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number));
	const onOnline = deps.onOnline ?? windowOnline;
	const backoff = { ...BACKOFF, ...deps.backoff };
	let stopped = false;
	let timer: unknown;
	let unsubscribe = () => {};
	const stop = () => {
		stopped = true;
		unsubscribe();
		cancel(timer);
	};
	const loaded = new Promise<T>((resolve) => {
		let attempts = 0;
		let trying = false;
		const attempt = () => {
			if (trying || stopped) return;
			trying = true;
			cancel(timer);
			load().then(
				(value) => {
					if (stopped) return;
					stop();
					resolve(value);
				},
				() => {
					trying = false;
					attempts += 1;
					if (!stopped) timer = schedule(attempt, backoffDelay(attempts, backoff));
				},
			);
		};
		unsubscribe = onOnline(attempt);
		attempt();
	});
	return { loaded, stop };
}
