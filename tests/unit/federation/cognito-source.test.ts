import { describe, expect, it, vi } from 'vitest';
import {
	CognitoServiceError,
	type CognitoIdentityCalls,
} from '../../../src/lib/aws/cognito-identity';
import { createCognitoSource, cognitoSourceKey } from '../../../src/lib/federation/cognito-source';
import { isAppError } from '../../../src/lib/errors';

/*
 * The identity pool's credential sources (enhanced, basic, guest) with Cognito and STS faked at the call
 * level: which calls run in which order with what, and what the credential record keeps. The sandbox's
 * real answers are the Chromium tests' (tests/e2e/cognito.spec.ts).
 */

const NOW = Date.UTC(2026, 0, 1, 12);
const POOL_ID = 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9';
const GUEST = 'us-east-1:00000000-0000-0000-0000-00000000000a';
const PLAYER = 'us-east-1:00000000-0000-0000-0000-00000000000b';
const pool = {
	id: 'fedplay-id-pool',
	identityPoolId: POOL_ID,
	flow: 'enhanced' as 'enhanced' | 'basic',
	loginsKey: 'localhost:4000',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-player',
	guestRoleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-guest',
};
const config = { region: 'us-east-1', durationSeconds: 900, accountId: '123456789012' };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const cognitoToken = (sub: string, amr: string[]) =>
	`${b64({ alg: 'RS512' })}.${b64({ iss: 'https://cognito-identity.amazonaws.com', sub, aud: POOL_ID, amr })}.sig`;

const notAuthorized = (message: string) =>
	new CognitoServiceError('NotAuthorizedException', message, 400);

/** A fake Cognito: `owner` says which identity a login owns (none: the guest id gets linked). */
function fakeCognito(options: { owner?: string; disabled?: string[]; expiredOnce?: boolean } = {}) {
	const log: string[] = [];
	let expired = options.expiredOnce ?? false;
	const creds = (id: string) => ({
		IdentityId: id,
		Credentials: {
			AccessKeyId: `ASIA${id.slice(-4)}`,
			SecretKey: 'secret',
			SessionToken: 'token',
			Expiration: NOW + 3_600_000,
		},
	});
	const resolve = (id: string, logins?: Record<string, string>) => {
		if (options.disabled?.includes(id))
			throw notAuthorized(`Access to Identity '${id}' is forbidden.`);
		if (logins && expired) {
			expired = false;
			throw notAuthorized('Invalid login token. Token expired: 1767268800 >= 1767268000');
		}
		return logins && options.owner ? options.owner : id;
	};
	const calls: CognitoIdentityCalls = {
		getId: async (input) => {
			log.push(`GetId(${input.Logins ? Object.keys(input.Logins).join() : 'guest'})`);
			return { IdentityId: input.Logins ? (options.owner ?? PLAYER) : GUEST };
		},
		getCredentialsForIdentity: async (input) => {
			log.push(`GetCredentialsForIdentity(${input.IdentityId}${input.Logins ? '+logins' : ''})`);
			return creds(resolve(input.IdentityId, input.Logins));
		},
		getOpenIdToken: async (input) => {
			log.push(`GetOpenIdToken(${input.IdentityId}${input.Logins ? '+logins' : ''})`);
			const id = resolve(input.IdentityId, input.Logins);
			const amr = input.Logins ? ['authenticated', 'localhost:4000'] : ['unauthenticated'];
			return { IdentityId: id, Token: cognitoToken(id, amr) };
		},
	};
	return { log, calls };
}

const tokens = (idToken = 'id-token') => ({
	current: vi.fn(async () => idToken),
	renewSilently: vi.fn(async () => 'renewed-id-token'),
	signInAgain: vi.fn(async (): Promise<never> => {
		throw new Error('sign in again');
	}),
});

function memoryStore(initial: string | null = null) {
	let value = initial;
	return {
		load: async () => value,
		save: async (id: string) => void (value = id),
		get value() {
			return value;
		},
	};
}

const assumeAnswer = (roleArn: string, sub: string) => ({
	Credentials: {
		AccessKeyId: 'ASIABASIC',
		SecretAccessKey: 'secret',
		SessionToken: 'token',
		Expiration: new Date(NOW + 900_000),
	},
	AssumedRoleUser: {
		Arn: `arn:aws:sts::123456789012:assumed-role/${roleArn.split('/').at(-1)}/fedplay-x`,
		AssumedRoleId: 'AROAEXAMPLE:fedplay-x',
	},
	SubjectFromWebIdentityToken: sub,
	Provider: 'cognito-identity.amazonaws.com',
	Audience: POOL_ID,
});

type SourceOptions = Parameters<typeof createCognitoSource>[0];

/** A source of `pool` at NOW, answered by `calls`: a player's with fake ID tokens unless `options` say. */
function sourceOf(calls: CognitoIdentityCalls, options: Partial<SourceOptions> = {}) {
	const mode = options.mode ?? 'player';
	return createCognitoSource({
		pool,
		mode,
		...(mode === 'player' ? { tokens: tokens() } : {}),
		now: () => NOW,
		config,
		calls: async () => calls,
		...options,
	});
}

describe('the identity pool credential sources', () => {
	it('enhanced flow: GetId → GetCredentialsForIdentity, the identity id kept with the credentials', async () => {
		const cognito = fakeCognito();
		const source = sourceOf(cognito.calls);
		const record = await source.obtain(null);
		expect(cognito.log).toEqual([
			'GetId(localhost:4000)',
			`GetCredentialsForIdentity(${PLAYER}+logins)`,
		]);
		expect(record).toMatchObject({
			sourceKey: cognitoSourceKey(pool, 'player'),
			providerId: 'fedplay-id-pool',
			identityId: PLAYER,
			subject: PLAYER,
			flow: 'enhanced',
			amr: ['authenticated', 'localhost:4000'],
			issuer: 'cognito-identity.amazonaws.com',
			audience: POOL_ID,
			secretAccessKey: 'secret',
			expiration: NOW + 3_600_000,
			obtainedAt: NOW,
			assumedRoleArn:
				'arn:aws:sts::123456789012:assumed-role/fedplay-cognito-player/CognitoIdentityCredentials',
		});
		// A renewal reuses the identity id: no GetId.
		cognito.log.length = 0;
		await source.obtain(record);
		expect(cognito.log).toEqual([`GetCredentialsForIdentity(${PLAYER}+logins)`]);
	});

	it('basic flow: GetId → GetOpenIdToken → AssumeRoleWithWebIdentity with the app’s role', async () => {
		const cognito = fakeCognito();
		const assume = vi.fn(async (request: { roleArn: string; idToken: string }) =>
			assumeAnswer(request.roleArn, PLAYER),
		);
		const source = sourceOf(cognito.calls, { pool: { ...pool, flow: 'basic' }, assume });
		const record = await source.obtain(null);
		expect(cognito.log).toEqual(['GetId(localhost:4000)', `GetOpenIdToken(${PLAYER}+logins)`]);
		expect(assume).toHaveBeenCalledOnce();
		expect(assume.mock.calls[0]![0]).toMatchObject({
			roleArn: pool.roleArn,
			idToken: cognitoToken(PLAYER, ['authenticated', 'localhost:4000']),
		});
		expect(record).toMatchObject({
			identityId: PLAYER,
			flow: 'basic',
			amr: ['authenticated', 'localhost:4000'],
			roleArn: pool.roleArn,
			assumedRoleId: 'AROAEXAMPLE:fedplay-x',
		});
	});

	it('guest: GetId without Logins once, the guest id stored and reused, the guest role for the basic flow', async () => {
		const cognito = fakeCognito();
		const store = memoryStore();
		const assume = vi.fn(async (request: { roleArn: string }) =>
			assumeAnswer(request.roleArn, GUEST),
		);
		const source = sourceOf(cognito.calls, {
			pool: { ...pool, flow: 'basic' },
			mode: 'guest',
			identities: store,
			assume,
		});
		const first = await source.obtain(null);
		expect(store.value).toBe(GUEST);
		expect(cognito.log).toEqual(['GetId(guest)', `GetOpenIdToken(${GUEST})`]);
		expect(assume.mock.calls[0]![0].roleArn).toBe(pool.guestRoleArn);
		expect(first).toMatchObject({ identityId: GUEST, amr: ['unauthenticated'] });
		// Credentials purged (no previous record): the stored guest id, no new identity.
		cognito.log.length = 0;
		await source.obtain(null);
		expect(cognito.log).toEqual([`GetOpenIdToken(${GUEST})`]);
	});

	it('a guest who signs in with a new login is linked: the same identity id, carried unmerged', async () => {
		const cognito = fakeCognito();
		const onCarried = vi.fn(async () => {});
		const source = sourceOf(cognito.calls, { guest: memoryStore(GUEST), onCarried });
		const record = await source.obtain(null);
		// No GetId: the guest identity is presented with the login.
		expect(cognito.log).toEqual([`GetCredentialsForIdentity(${GUEST}+logins)`]);
		expect(record.identityId).toBe(GUEST);
		expect(onCarried).toHaveBeenCalledWith({ from: GUEST, into: GUEST, merged: false });
	});

	it('a guest whose login has its own identity is merged into it, before the credentials are handed out', async () => {
		const cognito = fakeCognito({ owner: PLAYER });
		const order: string[] = [];
		const source = sourceOf(cognito.calls, {
			guest: memoryStore(GUEST),
			onCarried: async (carry) => void order.push(`carried ${JSON.stringify(carry)}`),
		});
		const record = await source.obtain(null);
		expect(record.identityId).toBe(PLAYER);
		expect(order).toEqual([
			`carried ${JSON.stringify({ from: GUEST, into: PLAYER, merged: true })}`,
		]);
	});

	it('a guest identity already merged away (a tab closed mid-way) falls back to GetId and is still carried', async () => {
		const cognito = fakeCognito({ owner: PLAYER, disabled: [GUEST] });
		const onCarried = vi.fn(async () => {});
		const source = sourceOf(cognito.calls, { guest: memoryStore(GUEST), onCarried });
		const record = await source.obtain(null);
		expect(cognito.log).toEqual([
			`GetCredentialsForIdentity(${GUEST}+logins)`,
			'GetId(localhost:4000)',
			`GetCredentialsForIdentity(${PLAYER}+logins)`,
		]);
		expect(record.identityId).toBe(PLAYER);
		expect(onCarried).toHaveBeenCalledWith({ from: GUEST, into: PLAYER, merged: true });
	});

	it('an ID token Cognito says expired is renewed once, then the call is made again', async () => {
		const cognito = fakeCognito({ expiredOnce: true });
		const supplier = tokens();
		const source = sourceOf(cognito.calls, { tokens: supplier });
		await expect(source.obtain({ identityId: PLAYER } as never)).resolves.toMatchObject({
			identityId: PLAYER,
		});
		expect(supplier.renewSilently).toHaveBeenCalledOnce();
	});

	it('without a usable ID token it says session-expired (the provider then asks the player)', async () => {
		const supplier = tokens();
		supplier.current.mockResolvedValue(null as never);
		supplier.renewSilently.mockResolvedValue(null as never);
		const source = sourceOf(fakeCognito().calls, { tokens: supplier });
		const error = await source.obtain(null).catch((e: unknown) => e);
		expect(isAppError(error) && error.code).toBe('session-expired');
	});

	it('explains Cognito’s refusal in plain words, keeping its code and message', async () => {
		const calls: CognitoIdentityCalls = {
			...fakeCognito().calls,
			getId: async () => {
				throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
			},
		};
		const source = sourceOf(calls, { mode: 'guest', identities: memoryStore() });
		const error = await source.obtain(null).catch((e: unknown) => e);
		expect(isAppError(error)).toBe(true);
		if (!isAppError(error)) return;
		expect(error.details).toMatchObject({
			upstreamCode: 'NotAuthorizedException',
			upstreamMessage: 'Unauthenticated access is not supported for this identity pool.',
			title: 'Guests cannot play here',
		});
		expect(error.message).toMatch(/does not allow guests/);
	});
});
