import { beforeEach, describe, expect, it } from 'vitest';
import type { AssumeRoleWithWebIdentityOutput } from '../../../src/lib/aws/sts';
import { AppError } from '../../../src/lib/errors';
import {
	createCredentialProvider,
	type CredentialProviderDeps,
	type CredentialProviderState,
} from '../../../src/lib/federation/credential-provider';
import {
	createOidcWebIdentitySource,
	oidcSourceKey,
	type TokenSupplier,
} from '../../../src/lib/federation/oidc-source';
import { createRefreshCoordinator } from '../../../src/lib/federation/refresh-coordinator';
import { loadCredentials, saveCredentials } from '../../../src/lib/vault/credentials';
import { createLocalLockManager, type LockManagerLike } from '../../../src/lib/vault/locks';
import { freshVault, sampleCredentials } from '../vault/fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const ROLE = 'arn:aws:iam::123456789012:role/FedplayPlayer';
const KEY = oidcSourceKey({ id: 'sandbox', roleArn: ROLE });
const MIN = 60_000;

beforeEach(freshVault);

/** One "tab": the OIDC source and the provider over it, with counted calls to STS and to the OpenID provider. */
interface TabOptions extends Partial<Omit<CredentialProviderDeps, 'source'>> {
	locks?: LockManagerLike;
	channel?: BroadcastChannel;
	/** Errors STS answers with, in order, before it succeeds. */
	stsFaults?: unknown[];
	/** The stored ID token, if still valid. */
	getIdToken?: TokenSupplier['current'];
	silentRenew?: TokenSupplier['renewSilently'];
}

function tab(options: TabOptions = {}) {
	const clock = { now: NOW };
	const calls = { assume: [] as string[], getIdToken: 0, silentRenew: 0, interactive: 0 };
	let issued = 0;
	const { locks, channel, stsFaults = [], getIdToken, silentRenew, ...rest } = options;
	const source = createOidcWebIdentitySource({
		provider: { id: 'sandbox', roleArn: ROLE },
		now: () => clock.now,
		assume: async ({ idToken }): Promise<AssumeRoleWithWebIdentityOutput> => {
			calls.assume.push(idToken);
			await new Promise((r) => setTimeout(r, 5)); // STS takes a moment: callers overlap
			if (stsFaults.length > 0) throw stsFaults.shift();
			issued += 1;
			return {
				Credentials: {
					AccessKeyId: `ASIANEW${issued}`,
					SecretAccessKey: `secret-${issued}`,
					SessionToken: `token-${issued}`,
					Expiration: new Date(clock.now + 60 * MIN),
				},
				AssumedRoleUser: {
					Arn: `arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice`,
					AssumedRoleId: 'AROA:alice',
				},
				SubjectFromWebIdentityToken: 'alice',
				Provider: 'localhost:4000',
				Audience: 'fedplay-web',
			};
		},
		tokens: {
			current: getIdToken ?? (async () => (calls.getIdToken++, 'valid-id-token')),
			renewSilently: silentRenew ?? (async () => (calls.silentRenew++, 'renewed-id-token')),
			signInAgain: async () => {
				calls.interactive += 1;
				throw new AppError('session-expired', 'Sign in again');
			},
		},
	});
	const provider = createCredentialProvider({
		source,
		coordinator: createRefreshCoordinator({
			locks: locks ?? createLocalLockManager(),
			channel: channel ?? null,
		}),
		now: () => clock.now,
		localNow: () => clock.now,
		timers: false,
		...rest,
	});
	return { provider, calls, clock };
}

async function storeCredentialsWithLeft(ms: number): Promise<void> {
	await saveCredentials(sampleCredentials(NOW, ms, { roleArn: ROLE, accessKeyId: 'ASIASTORED' }));
}

describe('credential provider', () => {
	it('serves valid credentials from the vault after a reload: no STS call, no provider call', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const { provider, calls } = tab();
		const identity = await provider();
		expect(identity).toMatchObject({
			accessKeyId: 'ASIASTORED',
			sessionToken: sampleCredentials(NOW).sessionToken,
		});
		expect(identity.expiration).toEqual(new Date(NOW + 30 * MIN));
		expect(calls).toEqual({ assume: [], getIdToken: 0, silentRenew: 0, interactive: 0 });
	});

	it.each([
		{ label: '4:59', left: 4 * MIN + 59_000, stsCalls: 1 },
		{ label: '5:00', left: 5 * MIN, stsCalls: 1 },
		{ label: '5:01', left: 5 * MIN + 1_000, stsCalls: 0 },
	])('with $label left, makes $stsCalls STS call(s)', async ({ left, stsCalls }) => {
		await storeCredentialsWithLeft(left);
		const { provider, calls } = tab();
		const identity = await provider();
		expect(calls.assume).toHaveLength(stsCalls);
		expect(identity.accessKeyId).toBe(stsCalls ? 'ASIANEW1' : 'ASIASTORED');
	});

	it('honours a configured threshold', async () => {
		await storeCredentialsWithLeft(9 * MIN);
		const { provider, calls } = tab({ thresholdMs: 10 * MIN });
		await provider();
		expect(calls.assume).toHaveLength(1);
	});

	it('makes exactly one STS call for 10 concurrent callers', async () => {
		const { provider, calls } = tab();
		const identities = await Promise.all(Array.from({ length: 10 }, () => provider()));
		expect(calls.assume).toEqual(['valid-id-token']);
		expect(new Set(identities.map((i) => i.accessKeyId))).toEqual(new Set(['ASIANEW1']));
	});

	it('saves new credentials to the vault with their AssumedRoleUser, subject and issuer', async () => {
		const { provider } = tab();
		await provider();
		await expect(loadCredentials(KEY)).resolves.toMatchObject({
			accessKeyId: 'ASIANEW1',
			secretAccessKey: 'secret-1',
			expiration: NOW + 60 * MIN,
			assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice',
			subject: 'alice',
			issuer: 'localhost:4000',
			obtainedAt: NOW,
		});
	});

	it('makes one STS call for two tabs sharing the lock, the channel and IndexedDB', async () => {
		await storeCredentialsWithLeft(4 * MIN);
		const locks = createLocalLockManager();
		const name = `fedplay-test-${Math.random()}`;
		const a = tab({ locks, channel: new BroadcastChannel(name) });
		const b = tab({ locks, channel: new BroadcastChannel(name) });
		const [fromA, fromB] = await Promise.all([a.provider(), b.provider()]);
		expect(a.calls.assume.length + b.calls.assume.length).toBe(1);
		expect(fromA.accessKeyId).toBe(fromB.accessKeyId);
		a.provider.close();
		b.provider.close();
	});

	it('picks up credentials another tab refreshed, announced on the channel', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const name = `fedplay-test-${Math.random()}`;
		const a = tab({ channel: new BroadcastChannel(name) });
		const b = tab({ channel: new BroadcastChannel(name) });
		await b.provider();
		await a.provider.refreshNow();
		await expect.poll(() => b.provider.state.accessKeyId).toBe('ASIANEW1');
		expect((await b.provider()).accessKeyId).toBe('ASIANEW1');
		expect(b.calls.assume).toEqual([]);
		a.provider.close();
		b.provider.close();
	});

	it('uses a silent renew when the ID token has expired', async () => {
		const { provider, calls } = tab({ getIdToken: async () => null });
		await provider();
		expect(calls.silentRenew).toBe(1);
		expect(calls.assume).toEqual(['renewed-id-token']);
	});

	it('asks for an interactive sign-in only when silent renew fails and nothing usable is left', async () => {
		const { provider, calls } = tab({
			getIdToken: async () => null,
			silentRenew: async () => null,
		});
		await expect(provider()).rejects.toMatchObject({ code: 'session-expired' });
		expect(calls.interactive).toBe(1);
		expect(calls.assume).toEqual([]);
	});

	it('treats a silent renew that throws (login_required) like one that returns nothing', async () => {
		const { provider, calls } = tab({
			getIdToken: async () => null,
			silentRenew: () => Promise.reject(new Error('login_required')),
		});
		await expect(provider()).rejects.toMatchObject({ code: 'session-expired' });
		expect(calls.interactive).toBe(1);
	});

	it('keeps playing on still-valid credentials rather than redirecting mid-game', async () => {
		await storeCredentialsWithLeft(4 * MIN);
		const { provider, calls } = tab({
			getIdToken: async () => null,
			silentRenew: async () => null,
		});
		await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIASTORED' });
		expect(calls.interactive).toBe(0);
		expect(provider.state).toMatchObject({ status: 'error', error: { code: 'session-expired' } });
	});

	it('does not retry a failed refresh on every call while the credentials are still usable', async () => {
		await storeCredentialsWithLeft(4 * MIN);
		let renewals = 0;
		const { provider, clock } = tab({
			getIdToken: async () => null,
			silentRenew: async () => (renewals++, null),
		});
		await provider();
		await provider();
		expect(renewals).toBe(1);
		clock.now += 30_000;
		await provider();
		expect(renewals).toBe(2);
	});

	it('renews and retries once when STS says the "valid" ID token expired', async () => {
		const expired = Object.assign(new Error('Token expired'), { name: 'ExpiredTokenException' });
		const { provider, calls } = tab({ stsFaults: [expired] });
		await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIANEW1' });
		expect(calls.silentRenew).toBe(1);
		expect(calls.assume).toEqual(['valid-id-token', 'renewed-id-token']);
	});

	it('does not renew for other STS errors', async () => {
		const denied = new AppError('access-denied', 'AccessDenied', { upstreamCode: 'AccessDenied' });
		const { provider, calls } = tab({ stsFaults: [denied] });
		await expect(provider()).rejects.toBe(denied);
		expect(calls.silentRenew).toBe(0);
		expect(provider.state).toMatchObject({ status: 'error', error: denied });
	});

	it('falls back to the current credentials when STS fails but they are still usable', async () => {
		await storeCredentialsWithLeft(4 * MIN);
		const failure = new AppError('sts-error', 'IDPCommunicationError');
		const { provider } = tab({ stsFaults: [failure] });
		await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIASTORED' });
		expect(provider.state.error).toBe(failure);
	});

	it('fails with an AppError when STS fails and nothing usable is left', async () => {
		await storeCredentialsWithLeft(30_000);
		const { provider } = tab({ stsFaults: [new TypeError('Failed to fetch')] });
		await expect(provider()).rejects.toMatchObject({ name: 'AppError', code: 'sts-error' });
	});

	it('refreshes on demand and reports refreshing, then the new expiry and refresh time', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const { provider, calls, clock } = tab();
		const seen: CredentialProviderState['status'][] = [];
		provider.onChange((s) => seen.push(s.status));
		await provider();
		clock.now += MIN;
		await provider.refreshNow();
		expect(calls.assume).toHaveLength(1);
		expect(seen).toContain('refreshing');
		expect(provider.state).toMatchObject({
			status: 'idle',
			accessKeyId: 'ASIANEW1',
			expiration: NOW + 61 * MIN,
			lastRefreshAt: NOW + MIN,
			error: null,
		});
	});

	it('forgets credentials: gone from the vault, new ones on the next call', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const { provider, calls } = tab();
		await provider();
		await provider.forget();
		await expect(loadCredentials(KEY)).resolves.toBeNull();
		expect(provider.state.accessKeyId).toBeNull();
		await provider();
		expect(calls.assume).toHaveLength(1);
	});

	it('never hands out invalidated credentials again, even though the vault still has them', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const { provider, calls } = tab();
		await provider();
		provider.invalidate('ASIASTORED');
		expect((await provider()).accessKeyId).toBe('ASIANEW1');
		expect(calls.assume).toHaveLength(1);
	});

	it('ignores an invalidate for credentials it no longer uses', async () => {
		const { provider, calls } = tab();
		await provider();
		provider.invalidate('ASIASOMETHINGOLD');
		await provider();
		expect(calls.assume).toHaveLength(1);
	});

	it('drops its in-memory credentials when another tab forgets them', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const name = `fedplay-test-${Math.random()}`;
		const a = tab({ channel: new BroadcastChannel(name) });
		const b = tab({ channel: new BroadcastChannel(name) });
		await b.provider();
		await a.provider.forget();
		await expect.poll(() => b.provider.state.accessKeyId).toBeNull();
		expect((await b.provider()).accessKeyId).toBe('ASIANEW1');
		a.provider.close();
		b.provider.close();
	});

	it('drops its in-memory credentials when another tab signs out', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const name = `fedplay-test-${Math.random()}`;
		const other = createRefreshCoordinator({ channel: new BroadcastChannel(name) });
		const { provider } = tab({ channel: new BroadcastChannel(name) });
		await provider();
		expect(provider.state.accessKeyId).toBe('ASIASTORED');
		other.announce({ type: 'signed-out' });
		await expect.poll(() => provider.state.accessKeyId).toBeNull();
		other.close();
		provider.close();
	});

	it('gives the SDK an expiration on the device clock when that clock is off', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		// The device is 10 minutes behind AWS: the SDK must see 30 minutes left, not 40.
		const { provider } = tab({ localNow: () => NOW - 10 * MIN });
		expect((await provider()).expiration).toEqual(new Date(NOW + 20 * MIN));
	});

	it('refreshes ahead of expiry on a timer, without waiting for a call', async () => {
		await storeCredentialsWithLeft(30 * MIN);
		const scheduled: { run: () => void; ms: number }[] = [];
		const { provider, calls, clock } = tab({
			timers: { setTimeout: (run, ms) => scheduled.push({ run, ms }), clearTimeout: () => {} },
		});
		await provider();
		expect(scheduled.at(-1)?.ms).toBe(25 * MIN);
		clock.now += 25 * MIN;
		scheduled.at(-1)?.run();
		await expect.poll(() => calls.assume.length).toBe(1);
		await expect.poll(() => scheduled.at(-1)?.ms).toBe(55 * MIN);
	});
});
