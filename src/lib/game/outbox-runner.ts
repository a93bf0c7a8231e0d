import {
	backoffDelay,
	DEFAULT_BACKOFF,
	windowOnline,
	type BackoffOptions,
	type Connectivity,
} from '../aws/connectivity';
import { defaultLocks, type LockManagerLike } from '../vault/locks';
import * as outbox from '../vault/outbox';
import type { OutboxEntry } from '../vault/outbox';

export { backoffDelay, type BackoffOptions };

/** 'wait': no credentials until the player signs in again; delivery stops until `start` or `kick`. */
type SendOutcome = 'ok' | 'denied' | 'retry' | 'conflict' | 'wait';
/**
 * `detail`: for 'denied' and 'conflict' the explanation shown to the player, for 'retry' the error kept
 * with the write. `remoteEtag`: for 'conflict', what the other writer left (null: deleted).
 */
export type SendResult =
	SendOutcome | { outcome: SendOutcome; detail?: string; remoteEtag?: string | null };

export type OutboxStore = Pick<
	typeof outbox,
	'pending' | 'markSending' | 'markAttempt' | 'markWaiting' | 'markDenied' | 'markConflict' | 'ack'
>;

export interface OutboxRunnerDeps {
	/** Deliver one write to AWS with its id (the server side dedupes a replayed id). A throw means retry. */
	send: (write: OutboxEntry) => Promise<SendResult>;
	store?: OutboxStore;
	now?: () => number;
	setTimeout?: (run: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
	online?: () => boolean;
	/** Subscribe to "back online"; returns the unsubscribe function. Defaults to the window `online` event. */
	onOnline?: (listener: () => void) => () => void;
	/** Told of each send's answer or lack of one; its recoveries wake the runner (lib/aws/connectivity). */
	connectivity?: Pick<Connectivity, 'lost' | 'answered' | 'onRecover'>;
	backoff?: Partial<BackoffOptions>;
	/** One runner across tabs; `navigator.locks` by default. */
	locks?: LockManagerLike;
}

export interface OutboxRunner {
	/** Listen for `online` and deliver what is waiting. */
	start(): void;
	/** Something was enqueued or the network came back: deliver soon. */
	kick(): void;
	/** One delivery pass; resolves when it has done what it can now. */
	drain(): Promise<void>;
	stop(): void;
}

const LOCK_NAME = 'fedplay-outbox';

/**
 * Delivers outbox writes in order, one at a time. A write that fails is retried with backoff and holds
 * back the writes after it (order matters: a later profile must not be overwritten by an earlier one);
 * a denied or conflicted write is set aside and the rest continues.
 */
export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
	const store = deps.store ?? outbox;
	const now = deps.now ?? Date.now;
	const schedule = deps.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
	const cancel = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number));
	const online = deps.online ?? (() => globalThis.navigator?.onLine ?? true);
	const onOnline = deps.onOnline ?? windowOnline;
	const connectivity = deps.connectivity;
	const backoff = { ...DEFAULT_BACKOFF, ...deps.backoff };
	const locks = deps.locks ?? defaultLocks();
	let timer: unknown;
	let running: Promise<void> | undefined;
	let again = false;
	let stopped = true;
	let unsubscribe = () => {};
	let recoveredSince = false;

	function wakeIn(ms: number): void {
		if (timer !== undefined) cancel(timer);
		timer = schedule(() => {
			timer = undefined;
			void drain();
		}, ms);
	}

	async function deliverHead(): Promise<boolean> {
		if (!online()) return false; // the online event will kick us
		const [head] = await store.pending();
		if (!head) return false;
		const wait = head.nextAttemptAt - now();
		if (wait > 0) {
			// The endpoint just answered again: the head goes now, once, not at the end of its back-off.
			if (!recoveredSince) {
				wakeIn(wait);
				return false;
			}
		}
		recoveredSince = false;
		await store.markSending(head.id);
		const result = await deps.send(head).then(normalize, (error: unknown) => ({
			outcome: 'retry' as const,
			detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
		}));
		// 'wait': no credentials until the player signs in again; no call was made, so nothing about the network.
		if (result.outcome === 'wait') {
			await store.markWaiting(head.id, result.detail);
			return false;
		}
		// 'retry' is no answer, a 5xx or throttling: the endpoint's return is worth waiting for.
		if (result.outcome === 'retry') connectivity?.lost();
		else connectivity?.answered();
		if (result.outcome === 'ok') await store.ack(head.id);
		else if (result.outcome === 'conflict')
			await store.markConflict(head.id, result.detail ?? '', result.remoteEtag ?? null);
		else if (result.outcome === 'denied')
			await store.markDenied(
				head.id,
				result.detail ?? 'The role’s policy does not allow this write.',
			);
		else
			await store.markAttempt(
				head.id,
				result.detail,
				now() + backoffDelay(head.attempts + 1, backoff),
			);
		return true;
	}

	async function pass(): Promise<void> {
		await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
			// Another tab is delivering; look again later in case it finished before seeing our write.
			if (lock === null) return wakeIn(backoff.baseMs);
			while (!stopped && (await deliverHead()));
		});
	}

	function drain(): Promise<void> {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			do {
				again = false;
				await pass();
			} while (again && !stopped);
		})().finally(() => (running = undefined));
		return running;
	}

	return {
		start() {
			if (!stopped) return;
			stopped = false;
			const offOnline = onOnline(() => void drain());
			const offRecover =
				connectivity?.onRecover(() => {
					recoveredSince = true;
					void drain();
				}) ?? (() => {});
			unsubscribe = () => {
				offOnline();
				offRecover();
			};
			void drain();
		},
		kick: () => void drain(),
		drain,
		stop() {
			stopped = true;
			unsubscribe();
			if (timer !== undefined) cancel(timer);
			timer = undefined;
		},
	};
}

function normalize(result: SendResult): Exclude<SendResult, SendOutcome> {
	return typeof result === 'string' ? { outcome: result } : result;
}
