/**
 * The app's own OAuth 2.0 code against the sandbox Login with Amazon and STS, over HTTP with the real SDK:
 * lib/auth reads the profile with the access token, and the OAuth 2.0 credential source trades the token with
 * `ProviderId` through lib/federation's STS call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { fetchOAuth2Profile } from '../../src/lib/auth/oauth2';
import type { OAuth2ProviderConfig, RuntimeConfig } from '../../src/lib/config/schema';
import { isAppError } from '../../src/lib/errors';
import { createOAuth2Source } from '../../src/lib/federation/oauth2-source';
import { assumeRoleWithWebIdentity } from '../../src/lib/federation/sts';
import { startGameSandbox } from './game-fixture';

let sandbox: Sandbox;
let amazon: OAuth2ProviderConfig;
let config: Pick<RuntimeConfig, 'region' | 'endpoint' | 'durationSeconds'>;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	const runtime = sandboxRuntimeConfig(sandbox);
	amazon = runtime.oauth2Providers[0]! as OAuth2ProviderConfig;
	config = { region: runtime.region, endpoint: runtime.endpoint, durationSeconds: 900 };
});

afterAll(async () => {
	await sandbox?.close();
});

const accessToken = (player: string) => sandbox.amazon.issueAccessToken(player);

describe('the profile, read by lib/auth', () => {
	it('gives the user id STS will see and the player’s name', async () => {
		const profile = await fetchOAuth2Profile(amazon, accessToken('alice'));
		expect(profile.userId).toMatch(/^amzn1\.account\.[A-Z0-9]+$/);
		expect(profile.name).toBe('Alice');
	});

	it('refuses an access token the provider does not know, in the provider’s words', async () => {
		const failure = await fetchOAuth2Profile(amazon, 'Atza|not-a-token').catch((e: unknown) => e);
		expect(isAppError(failure) && failure.code).toBe('login-failed');
		expect(isAppError(failure) && failure.details.upstreamCode).toBe('invalid_token');
	});

	it('says the provider is unreachable when nothing answers', async () => {
		const gone = { ...amazon, profileEndpoint: 'http://127.0.0.1:1/user/profile' };
		const failure = await fetchOAuth2Profile(gone, accessToken('alice')).catch((e: unknown) => e);
		expect(isAppError(failure) && failure.code).toBe('provider-unreachable');
	});
});

describe('the OAuth 2.0 credential source with the sandbox STS', () => {
	it('gets credentials for the Amazon role keyed by the same user id the profile gave', async () => {
		const token = accessToken('bob');
		const { userId } = await fetchOAuth2Profile(amazon, token);
		const source = createOAuth2Source({
			provider: amazon,
			config,
			now: Date.now,
			userId: () => userId,
			tokens: {
				current: async () => token,
				signInAgain: () => Promise.reject(new Error('not in this test')),
			},
		});
		const record = await source.obtain(null);
		expect(record).toMatchObject({
			subject: userId,
			issuer: 'www.amazon.com',
			audience: amazon.clientId,
			roleArn: amazon.roleArn,
		});
		expect(record.assumedRoleArn).toBe(
			`arn:aws:sts::123456789012:assumed-role/fedplay-player-amazon/fedplay-${userId}`,
		);
		expect(record.expiration - Date.now()).toBeGreaterThan(14 * 60_000);
	});

	it('is refused by STS when the access token goes without ProviderId (STS reads it as a JWT)', async () => {
		const failure = await assumeRoleWithWebIdentity({
			config,
			roleArn: amazon.roleArn,
			idToken: accessToken('carol'),
			sessionName: 'fedplay-carol',
		}).catch((e: unknown) => e);
		expect(isAppError(failure) && failure.details.upstreamCode).toMatch(/^InvalidIdentityToken/);
	});
});
