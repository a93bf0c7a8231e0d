import { defaultLocks, type LockManagerLike } from '../vault/locks';

/** What tabs tell each other on the `fedplay` BroadcastChannel; `key` names the credential source. */
export type CoordinatorMessage =
	{ type: 'credentials-updated'; key: string } | { type: 'signed-out' };

/** The slice of BroadcastChannel used here; a real BroadcastChannel satisfies it. */
interface ChannelLike {
	postMessage(message: unknown): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	close(): void;
}

export interface RefreshCoordinator {
	/**
	 * Run `task` at most once at a time per `key` in this tab (callers share its promise), and under the
	 * browser-wide `fedplay-refresh` lock, so N tabs refresh one after another, never together. The task
	 * must re-read the vault first: the tab before it may already have refreshed.
	 */
	singleFlight<T>(key: string, task: () => Promise<T>): Promise<T>;
	/** Tell every other tab. */
	announce(message: CoordinatorMessage): void;
	/** Hear the other tabs. Returns the unsubscribe function. */
	subscribe(listener: (message: CoordinatorMessage) => void): () => void;
	close(): void;
}

const REFRESH_LOCK = 'fedplay-refresh';
const CHANNEL_NAME = 'fedplay';

interface RefreshCoordinatorDeps {
	/** `navigator.locks` by default. */
	locks?: LockManagerLike;
	/** `new BroadcastChannel('fedplay')` by default; null for none. */
	channel?: ChannelLike | null;
	/**
	 * The browser-wide lock (`fedplay-refresh` by default). A source whose renewal renews another first (a
	 * chained role, whose parent is refreshed first) takes its own, so it never waits on a lock it holds.
	 */
	lockName?: string;
}

/** One coordinator per tab, shared by every credential provider in it. */
export function createRefreshCoordinator(deps: RefreshCoordinatorDeps = {}): RefreshCoordinator {
	const locks = deps.locks ?? defaultLocks();
	const lockName = deps.lockName ?? REFRESH_LOCK;
	const channel = deps.channel === undefined ? defaultChannel() : deps.channel;
	const inFlight = new Map<string, Promise<unknown>>();
	const listeners = new Set<(message: CoordinatorMessage) => void>();
	const onMessage = (event: MessageEvent) => {
		const message: unknown = event.data;
		if (!isCoordinatorMessage(message)) return;
		for (const listener of listeners) listener(message);
	};
	channel?.addEventListener('message', onMessage);

	return {
		singleFlight<T>(key: string, task: () => Promise<T>): Promise<T> {
			const existing = inFlight.get(key);
			if (existing) return existing as Promise<T>;
			const run = locks.request(lockName, {}, () => task()).finally(() => inFlight.delete(key));
			inFlight.set(key, run);
			return run;
		},
		announce: (message) => channel?.postMessage(message),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			channel?.removeEventListener('message', onMessage);
			channel?.close();
			listeners.clear();
		},
	};
}

function defaultChannel(): ChannelLike | null {
	return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
}

/** Messages come from same-origin tabs, possibly of another app version: check before trusting. */
export function isCoordinatorMessage(value: unknown): value is CoordinatorMessage {
	if (typeof value !== 'object' || value === null) return false;
	const m = value as Record<string, unknown>;
	if (m.type === 'signed-out') return true;
	return m.type === 'credentials-updated' && typeof m.key === 'string';
}
