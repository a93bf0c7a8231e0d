import type { AwsIdentity, RenewableCredentials } from '../aws/retry-on-expired';
import { AppError, isAppError } from '../errors';
import * as vaultModule from '../vault/credentials';
import type { CredentialRecord, CredentialsMetadata } from '../vault/types';
import { createRefreshCoordinator, type RefreshCoordinator } from './refresh-coordinator';
import type { CredentialSource } from './source';

export interface CredentialProviderState {
	status: 'idle' | 'refreshing' | 'error';
	/** AccessKeyId of the credentials in use (not secret), for the UI. */
	accessKeyId: string | null;
	/** Expiration of the credentials in use, epoch ms on the corrected clock. */
	expiration: number | null;
	lastRefreshAt: number | null;
	error: AppError | null;
}

/** Where a provider keeps its source's credentials: the vault (IndexedDB, or memory in a refusing browser). */
export interface CredentialVault {
	load(sourceKey: string): Promise<CredentialRecord | null>;
	save(credentials: CredentialRecord): Promise<void>;
	remove(sourceKey: string): Promise<void>;
}

export interface CredentialProviderDeps {
	source: CredentialSource;
	vault?: CredentialVault;
	coordinator?: RefreshCoordinator;
	/** Corrected clock (lib/aws/clock.ts); the device clock by default. */
	now?: () => number;
	/** The device clock, which the SDK compares `expiration` with. */
	localNow?: () => number;
	/** Refresh when this much or less is left. Default 5 minutes. */
	thresholdMs?: number;
	/** Credentials with less than this left are never handed out. Default 1 minute. */
	minValidityMs?: number;
	/** After a failed refresh, wait this long before the next try while credentials are usable. Default 30 s. */
	retryAfterMs?: number;
	/** Timers for refreshing ahead of expiry without waiting for a call; false to refresh only on calls. */
	timers?:
		| { setTimeout: (run: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void }
		| false;
}

export interface CredentialProvider extends RenewableCredentials {
	/** The SDK's `credentials`: valid credentials, refreshed ahead of expiry, shared by every client. */
	(): Promise<AwsIdentity & { sessionToken: string; expiration: Date }>;
	/**
	 * Always true. The SDK wraps a credentials function in its own cache unless it says `memoized`; this
	 * one caches itself (memory, then vault), so the SDK asks it at every signature and never signs with
	 * a stale copy after a refresh, a forget or an invalidate.
	 */
	readonly memoized: true;
	readonly state: CredentialProviderState;
	/** What the credentials in use are, without their secrets; null when none are held. */
	current(): CredentialsMetadata | null;
	/** New credentials now (the UI's "refresh now"). */
	refreshNow(): Promise<void>;
	/** Drop these credentials from the vault and memory; the next call gets new ones. */
	forget(): Promise<void>;
	/** AWS said these credentials expired: never hand out `accessKeyId` (default: the current) again. */
	invalidate(accessKeyId?: string): void;
	onChange(listener: (state: CredentialProviderState) => void): () => void;
	/** Stop timers and listening to other tabs. */
	close(): void;
}

const defaultVault: CredentialVault = {
	load: vaultModule.loadCredentials,
	save: vaultModule.saveCredentials,
	remove: vaultModule.deleteCredentials,
};

const IDLE: CredentialProviderState = {
	status: 'idle',
	accessKeyId: null,
	expiration: null,
	lastRefreshAt: null,
	error: null,
};

/**
 * The credential provider every AWS call in the app shares, the same for every credential source. Valid
 * credentials come from memory or the vault (a reload asks neither the source nor STS); with
 * `thresholdMs` or less left they are renewed through the source, on a timer ahead of expiry or on the
 * next call; only as the last resort, when nothing usable is left, is the player asked to sign in again.
 * A renewal is single-flight across the browser's tabs (the coordinator); credentials AWS says expired
 * are never handed out again (`invalidate`, used by lib/aws's retry-on-expired middleware).
 */
export function createCredentialProvider(deps: CredentialProviderDeps): CredentialProvider {
	const { source } = deps;
	const key = source.key;
	const vault = deps.vault ?? defaultVault;
	const coordinator = deps.coordinator ?? createRefreshCoordinator();
	const now = deps.now ?? Date.now;
	const localNow = deps.localNow ?? Date.now;
	const thresholdMs = deps.thresholdMs ?? 300_000;
	const minValidityMs = deps.minValidityMs ?? 60_000;
	const retryAfterMs = deps.retryAfterMs ?? 30_000;
	const timers = deps.timers === undefined ? globalTimers : deps.timers;
	const listeners = new Set<(state: CredentialProviderState) => void>();
	let state = IDLE;
	let current: CredentialRecord | null = null;
	let revoked: string | null = null;
	let aheadTimer: unknown;
	// After a failed refresh, still-usable credentials are served without retrying on every signature.
	let quietUntil = 0;

	const remaining = (c: CredentialRecord) => c.expiration - now();
	const fresh = (c: CredentialRecord | null): c is CredentialRecord =>
		c !== null && c.accessKeyId !== revoked && remaining(c) > thresholdMs;
	const usable = (c: CredentialRecord | null): c is CredentialRecord =>
		c !== null && c.accessKeyId !== revoked && remaining(c) > minValidityMs;

	function setState(next: Partial<CredentialProviderState>): void {
		state = { ...state, ...next };
		for (const listener of listeners) listener(state);
	}

	function use(c: CredentialRecord): CredentialRecord {
		current = c;
		setState({ accessKeyId: c.accessKeyId, expiration: c.expiration });
		if (timers) {
			timers.clearTimeout(aheadTimer);
			const due = remaining(c) - thresholdMs;
			aheadTimer = timers.setTimeout(
				() => void refresh(false).catch(() => undefined),
				Math.max(0, due),
			);
		}
		return c;
	}

	async function obtain(): Promise<CredentialRecord> {
		try {
			return await source.obtain(current);
		} catch (error) {
			const needsPlayer = isAppError(error) && error.code === 'session-expired';
			// Still usable credentials beat a redirect in the middle of a game: sign in when they run out.
			if (!needsPlayer || usable(current)) throw error;
			return source.signInAgain();
		}
	}

	function refresh(force: boolean): Promise<CredentialRecord> {
		return coordinator.singleFlight(key, async () => {
			setState({ status: 'refreshing', error: null });
			try {
				// Another tab may have refreshed while we waited for the lock: then no STS call.
				const stored = await vault.load(key);
				if (!force && fresh(stored)) return use(stored);
				const record = await obtain();
				await vault.save(record);
				coordinator.announce({ type: 'credentials-updated', key });
				setState({ status: 'idle', lastRefreshAt: record.obtainedAt });
				quietUntil = 0;
				return use(record);
			} catch (error) {
				quietUntil = now() + retryAfterMs;
				const appError = toAppError(error);
				setState({ status: 'error', error: appError });
				throw appError;
			} finally {
				if (state.status === 'refreshing') setState({ status: 'idle' });
			}
		});
	}

	async function provide() {
		if (current === null) {
			const stored = await vault.load(key);
			if (stored) use(stored);
		}
		if (fresh(current)) return toIdentity(current);
		if (usable(current) && now() < quietUntil) return toIdentity(current);
		try {
			return toIdentity(await refresh(false));
		} catch (error) {
			if (usable(current)) return toIdentity(current);
			throw error;
		}
	}

	function toIdentity(c: CredentialRecord) {
		// The SDK compares expiration with the device clock; shift it so the SDK asks again on time.
		const expiration = new Date(c.expiration - (now() - localNow()));
		const { accessKeyId, secretAccessKey, sessionToken } = c;
		return { accessKeyId, secretAccessKey, sessionToken, expiration };
	}

	const unsubscribe = coordinator.subscribe((message) => {
		if (message.type === 'signed-out') return reset();
		if (message.key !== key) return;
		// Another tab refreshed or forgot: read the vault again rather than trusting the message.
		void vault.load(key).then(
			(c) => (c === null ? reset() : fresh(c) ? void use(c) : undefined),
			() => undefined,
		);
	});

	function reset(): void {
		if (timers) timers.clearTimeout(aheadTimer);
		current = null;
		state = IDLE;
		for (const listener of listeners) listener(state);
	}

	const methods = {
		memoized: true as const,
		current(): CredentialsMetadata | null {
			if (current === null) return null;
			const { secretAccessKey: _secret, sessionToken: _token, ...metadata } = current;
			return metadata;
		},
		refreshNow: async () => void (await refresh(true)),
		async forget() {
			await vault.remove(key);
			reset();
			coordinator.announce({ type: 'credentials-updated', key });
		},
		invalidate(accessKeyId?: string) {
			const target = accessKeyId ?? current?.accessKeyId;
			if (target === undefined) return;
			revoked = target;
			if (current?.accessKeyId === target) current = null;
		},
		onChange(listener: (s: CredentialProviderState) => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			unsubscribe();
			if (timers) timers.clearTimeout(aheadTimer);
		},
	};
	const provider = Object.assign(provide, methods);
	// A getter, not a copied value: `state` must always be the latest.
	Object.defineProperty(provider, 'state', { get: () => state, enumerable: true });
	return provider as typeof provider & { readonly state: CredentialProviderState };
}

const globalTimers = {
	setTimeout: (run: () => void, ms: number): unknown => globalThis.setTimeout(run, ms),
	clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as number),
};

function toAppError(error: unknown): AppError {
	return isAppError(error)
		? error
		: new AppError('sts-error', 'Could not get new AWS credentials.', {}, error);
}
