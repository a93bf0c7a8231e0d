/**
 * Loading the data layer's chunk whenever the network allows: at once, then again when the browser says
 * it is back online, and with backoff in between (a flaky network may never fire `online`). The outbox
 * keeps what the player does meanwhile.
 *
 * Some failures cannot heal in the page: when a static dependency of the chunk failed to download, Chromium
 * keeps that failure in its module map and answers every later `import()` from it without a new request.
 * So after each failure the loader asks whether the network answers at all; once `stuckAfter` failures in a
 * row came while it did, `stuck` resolves and the page offers a reload (the outbox is in IndexedDB: a reload
 * loses nothing). It keeps trying meanwhile, in case the browser does fetch again.
 */
import {
	backoffDelay,
	probeEndpoint,
	windowOnline,
	type BackoffOptions,
} from '../aws/connectivity';

export interface LoaderDeps {
	setTimeout?: (run: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
	/** Subscribe to "back online"; returns the unsubscribe function. The window `online` event by default. */
	onOnline?: (listener: () => void) => () => void;
	backoff?: Partial<BackoffOptions>;
	/**
	 * Resolves when the network answers, rejects when nothing does; asked after each failed load. By default
	 * a HEAD request to the page's own address (the server the chunks come from).
	 */
	probe?: () => Promise<void>;
	/** Failed loads while the network answered after which `stuck` resolves (2 by default). */
	stuckAfter?: number;
}

const BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 60_000, random: Math.random };
const STUCK_AFTER = 2;

export interface Loading<T> {
	/** Resolves once `load` has succeeded; never settles if stopped first. */
	loaded: Promise<T>;
	/**
	 * Resolves when `load` keeps failing while the network answers: this page will not get the layer, a
	 * reload will. Never settles if loaded or stopped first.
	 */
	stuck: Promise<void>;
	/** Try no more (sign-out). */
	stop(): void;
}

function pageProbe(): () => Promise<void> {
	if (typeof location === 'undefined') return () => Promise.reject(new Error('no page'));
	return probeEndpoint(location.origin + location.pathname);
}

/** Calls `load` until it succeeds: now, on every `online` event, and with backoff after each failure. */
export function loadWhenOnline<T>(load: () => Promise<T>, deps: LoaderDeps = {}): Loading<T> {
	const schedule = deps.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
	const cancel = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number));
	const onOnline = deps.onOnline ?? windowOnline;
	const probe = deps.probe ?? pageProbe();
	const stuckAfter = deps.stuckAfter ?? STUCK_AFTER;
	const backoff = { ...BACKOFF, ...deps.backoff };
	let stopped = false;
	let done = false;
	let timer: unknown;
	let unsubscribe = () => {};
	let reportStuck = () => {};
	const stuck = new Promise<void>((resolve) => (reportStuck = resolve));
	const stop = () => {
		stopped = true;
		unsubscribe();
		cancel(timer);
	};
	const loaded = new Promise<T>((resolve) => {
		let attempts = 0;
		let failedWhileAnswered = 0;
		let trying = false;
		const attempt = () => {
			if (trying || stopped) return;
			trying = true;
			cancel(timer);
			load().then(
				(value) => {
					if (stopped) return;
					done = true;
					stop();
					resolve(value);
				},
				() => {
					trying = false;
					attempts += 1;
					if (stopped) return;
					timer = schedule(attempt, backoffDelay(attempts, backoff));
					// Offline says nothing about this page's chances; a failure while the network answers does.
					probe().then(
						() => {
							failedWhileAnswered += 1;
							if (!stopped && !done && failedWhileAnswered >= stuckAfter) reportStuck();
						},
						() => undefined,
					);
				},
			);
		};
		unsubscribe = onOnline(attempt);
		attempt();
	});
	return { loaded, stuck, stop };
}
