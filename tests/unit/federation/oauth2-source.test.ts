import { beforeEach, describe, expect, it } from 'vitest';
import type { AssumeRoleWithWebIdentityOutput } from '../../../src/lib/aws/sts';
import { AppError, isAppError } from '../../../src/lib/errors';
import { createCredentialProvider } from '../../../src/lib/federation/credential-provider';
import { createOAuth2Source, oauth2SourceKey } from '../../../src/lib/federation/oauth2-source';
import { createRefreshCoordinator } from '../../../src/lib/federation/refresh-coordinator';
import { saveCredentials } from '../../../src/lib/vault/credentials';
import { createLocalLockManager } from '../../../src/lib/vault/locks';
import { freshVault, sampleCredentials } from '../vault/fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;
const ROLE = 'arn:aws:iam::123456789012:role/fedplay-player-amazon';
const PROVIDER = {
	id: 'amazon',
	roleArn: ROLE,
	providerId: 'www.amazon.com' as const,
	displayName: 'Login with Amazon',
};
const USER_ID = 'amzn1.account.ALICE';

beforeEach(freshVault);

interface Sent {
	accessToken: string;
	providerId: string;
	sessionName: string;
	policy?: string;
}

function setup(options: { token?: string | null } = {}) {
	const clock = { now: NOW };
	const sent: Sent[] = [];
	const asked = { token: 0, signInAgain: 0 };
	const source = createOAuth2Source({
		provider: PROVIDER,
		now: () => clock.now,
		userId: () => USER_ID,
		assume: async (request): Promise<AssumeRoleWithWebIdentityOutput> => {
			sent.push(request);
			return {
				Credentials: {
					AccessKeyId: `ASIAAMAZON${sent.length}`,
					SecretAccessKey: 'secret',
					SessionToken: 'session',
					Expiration: new Date(clock.now + 15 * MIN),
				},
				AssumedRoleUser: {
					Arn: `arn:aws:sts::123456789012:assumed-role/fedplay-player-amazon/${request.sessionName}`,
					AssumedRoleId: `AROAAMAZON:${request.sessionName}`,
				},
				SubjectFromWebIdentityToken: USER_ID,
				Provider: 'www.amazon.com',
				Audience: 'amzn1.application-oa2-client.0123',
			};
		},
		tokens: {
			current: async () => (
				asked.token++,
				options.token === undefined ? 'Atza|token' : options.token
			),
			signInAgain: async () => {
				asked.signInAgain += 1;
				throw new AppError('session-expired', 'Sign in again');
			},
		},
	});
	return { source, sent, asked, clock };
}

const expired = (error: unknown) => isAppError(error) && error.code === 'session-expired';

describe('the OAuth 2.0 credential source', () => {
	it('trades the access token with ProviderId for the role, keyed like its vault entry', async () => {
		const { source, sent } = setup();
		const record = await source.obtain(null);
		expect(source.kind).toBe('oauth2');
		expect(source.key).toBe(oauth2SourceKey(PROVIDER));
		expect(sent).toEqual([
			{
				accessToken: 'Atza|token',
				providerId: 'www.amazon.com',
				sessionName: 'fedplay-amzn1.account.ALICE',
			},
		]);
		expect(record).toMatchObject({
			sourceKey: 'amazon|' + ROLE,
			providerId: 'amazon',
			roleArn: ROLE,
			subject: USER_ID,
			issuer: 'www.amazon.com',
			audience: 'amzn1.application-oa2-client.0123',
			expiration: NOW + 15 * MIN,
			obtainedAt: NOW,
		});
	});

	it('never renews: with credentials to renew it says session-expired and asks nobody', async () => {
		const { source, sent, asked } = setup();
		const first = await source.obtain(null);
		await expect(source.obtain(first)).rejects.toSatisfy(expired);
		expect(sent).toHaveLength(1);
		expect(asked.token).toBe(1);
	});

	it('says session-expired when the sign-in left no valid access token', async () => {
		const { source, sent } = setup({ token: null });
		await expect(source.obtain(null)).rejects.toSatisfy(expired);
		expect(sent).toEqual([]);
	});

	it('takes a scope-down session policy with the same access token (the playground)', async () => {
		const { source, sent } = setup();
		const first = await source.obtain(null);
		const scoped = await source.obtain(first, { policy: '{"Version":"2012-10-17"}' });
		expect(sent[1]).toMatchObject({
			providerId: 'www.amazon.com',
			policy: '{"Version":"2012-10-17"}',
		});
		expect(scoped.sessionPolicy).toBe('{"Version":"2012-10-17"}');
	});
});

describe('a credential provider over the OAuth 2.0 source', () => {
	function provider(clock: { now: number }, source: ReturnType<typeof setup>['source']) {
		return createCredentialProvider({
			source,
			coordinator: createRefreshCoordinator({ locks: createLocalLockManager(), channel: null }),
			now: () => clock.now,
			localNow: () => clock.now,
			// As lib/session sets it for a source that never renews: no refresh ahead of time.
			thresholdMs: MIN,
			timers: false,
		});
	}

	it('serves the stored credentials after a reload without an access token or STS call', async () => {
		const { source, sent, asked, clock } = setup();
		await saveCredentials(
			sampleCredentials(NOW, 10 * MIN, {
				providerId: 'amazon',
				roleArn: ROLE,
				accessKeyId: 'ASIASTORED',
			}),
		);
		const identity = await provider(clock, source)();
		expect(identity.accessKeyId).toBe('ASIASTORED');
		expect(sent).toEqual([]);
		expect(asked).toEqual({ token: 0, signInAgain: 0 });
	});

	it('hands the credentials out to their last minute, then asks the player, and renews nothing', async () => {
		const { source, sent, asked, clock } = setup();
		const cp = provider(clock, source);
		expect((await cp()).accessKeyId).toBe('ASIAAMAZON1');
		clock.now += 13 * MIN + 59_000;
		expect((await cp()).accessKeyId).toBe('ASIAAMAZON1');
		clock.now += 2_000;
		await expect(cp()).rejects.toSatisfy(expired);
		expect(sent).toHaveLength(1);
		expect(asked.signInAgain).toBe(1);
	});

	it('starts a new session from a new sign-in once the old credentials are forgotten', async () => {
		const { source, sent, clock } = setup();
		const cp = provider(clock, source);
		await cp();
		clock.now += 15 * MIN;
		await expect(cp()).rejects.toSatisfy(expired);
		await cp.forget();
		await cp.refreshNow();
		expect((await cp()).accessKeyId).toBe('ASIAAMAZON2');
		expect(sent).toHaveLength(2);
	});
});
