import { AppError, isAppError } from '../errors';
import * as vaultModule from '../vault/credentials';
import type { VaultCredentials } from '../vault/types';
import { createRefreshCoordinator, type RefreshCoordinator } from './refresh-coordinator';

/** What AssumeRoleWithWebIdentity gave back (the `AssumedRole` of `sts.ts` fits this shape). */
export interface AssumeRoleResult {
	credentials: {
		accessKeyId: string;
		secretAccessKey: string;
		sessionToken: string;
		expiration: Date;
	};
	assumedRoleUser: { arn: string; assumedRoleId: string };
	subjectFromWebIdentityToken?: string;
	provider?: string;
	audience?: string;
	packedPolicySize?: number;
}

/** An AWS SDK v3 credential identity; `expiration` tells the SDK when to ask again. */
export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: Date;
}

export interface CredentialProviderState {
	status: 'idle' | 'refreshing' | 'error';
	/** AccessKeyId of the credentials in use (not secret), for the UI. */
	accessKeyId: string | null;
	/** Expiration of the credentials in use, epoch ms on the corrected clock. */
	expiration: number | null;
	lastRefreshAt: number | null;
	error: AppError | null;
}

export interface CredentialVault {
	load(providerId: string, roleArn: string): Promise<VaultCredentials | null>;
	save(credentials: VaultCredentials): Promise<void>;
	remove(providerId: string, roleArn: string): Promise<void>;
}

export interface CredentialProviderDeps {
	providerId: string;
	roleArn: string;
	/** Trade an ID token for credentials (sts.ts `assumeRoleWithWebIdentity`, bound to config and role). */
	assume: (idToken: string) => Promise<AssumeRoleResult>;
	/** The current ID token if it is still valid, else null. */
	getIdToken: () => Promise<string | null>;
	/** Renew with the provider without the player (refresh token, else iframe); null when it can't. */
	silentRenew: () => Promise<string | null>;
	/** Last resort: send the player to sign in, keeping where they were. Does not come back. */
	requestInteractiveSignIn: () => Promise<never>;
	vault?: CredentialVault;
	coordinator?: RefreshCoordinator;
	/** Corrected clock (clock-skew.ts); the device clock by default. */
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

export interface CredentialProvider {
	/** The SDK's `credentials`: valid credentials, refreshed ahead of expiry, shared by every client. */
	(): Promise<AwsCredentials>;
	/**
	 * Always true. The SDK wraps a credentials function in its own cache unless it says `memoized`; this
	 * one caches itself (memory, then vault), so the SDK asks it at every signature and never signs with
	 * a stale copy after a refresh, a forget or an invalidate.
	 */
	readonly memoized: true;
	readonly state: CredentialProviderState;
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
 * The credential provider every AWS SDK client in the app shares. Valid credentials come from memory or
 * the vault (a reload makes no STS and no provider call); with `thresholdMs` or less left they are
 * refreshed with the ID token if still valid, else after a silent renew, and only as the last resort by
 * sending the player to sign in. Refresh is single-flight across tabs through the coordinator.
 */
export function createCredentialProvider(deps: CredentialProviderDeps): CredentialProvider {
	const { providerId, roleArn } = deps;
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
	let current: VaultCredentials | null = null;
	let revoked: string | null = null;
	let aheadTimer: unknown;
	// After a failed refresh, still-usable credentials are served without retrying on every signature.
	let quietUntil = 0;

	const remaining = (c: VaultCredentials) => c.expiration - now();
	const fresh = (c: VaultCredentials | null): c is VaultCredentials =>
		c !== null && c.accessKeyId !== revoked && remaining(c) > thresholdMs;
	const usable = (c: VaultCredentials | null): c is VaultCredentials =>
		c !== null && c.accessKeyId !== revoked && remaining(c) > minValidityMs;

	function setState(next: Partial<CredentialProviderState>): void {
		state = { ...state, ...next };
		for (const listener of listeners) listener(state);
	}

	function use(c: VaultCredentials): VaultCredentials {
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

	async function idToken(): Promise<{ token: string; renewed: boolean } | null> {
		const token = await deps.getIdToken();
		if (token) return { token, renewed: false };
		const renewed = await deps.silentRenew().catch(() => null);
		return renewed ? { token: renewed, renewed: true } : null;
	}

	async function assume(): Promise<AssumeRoleResult> {
		const first = await idToken();
		if (!first) {
			// Still usable credentials beat a redirect in the middle of a game: sign in when they run out.
			if (usable(current)) throw new AppError('session-expired', 'The sign-in session has ended.');
			return deps.requestInteractiveSignIn();
		}
		try {
			return await deps.assume(first.token);
		} catch (error) {
			// Our clock said the token was valid; STS disagreed. Renew once and try again.
			if (first.renewed || !isExpiredTokenError(error)) throw error;
			const renewed = await deps.silentRenew().catch(() => null);
			if (!renewed) throw error;
			return deps.assume(renewed);
		}
	}

	function refresh(force: boolean): Promise<VaultCredentials> {
		return coordinator.singleFlight(`${providerId}|${roleArn}`, async () => {
			setState({ status: 'refreshing', error: null });
			try {
				// Another tab may have refreshed while we waited for the lock: then no STS call.
				const stored = await vault.load(providerId, roleArn);
				if (!force && fresh(stored)) return use(stored);
				const record = toRecord(await assume(), providerId, roleArn, now());
				await vault.save(record);
				coordinator.announce({ type: 'credentials-updated', providerId, roleArn });
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

	async function provide(): Promise<AwsCredentials> {
		if (current === null) {
			const stored = await vault.load(providerId, roleArn);
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

	function toIdentity(c: VaultCredentials): AwsCredentials {
		// The SDK compares expiration with the device clock; shift it so the SDK asks again on time.
		const expiration = new Date(c.expiration - (now() - localNow()));
		const { accessKeyId, secretAccessKey, sessionToken } = c;
		return { accessKeyId, secretAccessKey, sessionToken, expiration };
	}

	const unsubscribe = coordinator.subscribe((message) => {
		if (message.type === 'signed-out') return reset();
		if (message.providerId !== providerId || message.roleArn !== roleArn) return;
		// Another tab refreshed or forgot: read the vault again rather than trusting the message.
		void vault.load(providerId, roleArn).then(
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
		refreshNow: async () => void (await refresh(true)),
		async forget() {
			await vault.remove(providerId, roleArn);
			reset();
			coordinator.announce({ type: 'credentials-updated', providerId, roleArn });
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

function toRecord(
	r: AssumeRoleResult,
	providerId: string,
	roleArn: string,
	obtainedAt: number,
): VaultCredentials {
	return {
		providerId,
		roleArn,
		accessKeyId: r.credentials.accessKeyId,
		secretAccessKey: r.credentials.secretAccessKey,
		sessionToken: r.credentials.sessionToken,
		expiration: r.credentials.expiration.getTime(),
		assumedRoleArn: r.assumedRoleUser.arn,
		assumedRoleId: r.assumedRoleUser.assumedRoleId,
		subject: r.subjectFromWebIdentityToken ?? '',
		issuer: r.provider ?? providerId,
		obtainedAt,
		...(r.audience === undefined ? {} : { audience: r.audience }),
		...(r.packedPolicySize === undefined ? {} : { packedPolicySize: r.packedPolicySize }),
	};
}

/** STS's ExpiredTokenException for the ID token, as a raw SDK error or as sts.ts's AppError. */
function isExpiredTokenError(error: unknown): boolean {
	if (isAppError(error)) return error.details.upstreamCode === 'ExpiredTokenException';
	return (error as { name?: unknown } | null)?.name === 'ExpiredTokenException';
}

function toAppError(error: unknown): AppError {
	return isAppError(error)
		? error
		: new AppError('sts-error', 'Could not get new AWS credentials.', {}, error);
}
