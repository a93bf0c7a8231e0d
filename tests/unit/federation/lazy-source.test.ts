import { beforeEach, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../src/lib/errors';
import { createCredentialProvider } from '../../../src/lib/federation/credential-provider';
import { lazySource, loadPart } from '../../../src/lib/federation/lazy-source';
import { createOAuth2Source } from '../../../src/lib/federation/oauth2-source';
import type { CredentialSource } from '../../../src/lib/federation/source';
import { oauth2SourceKey } from '../../../src/lib/federation/source-keys';
import { freshVault } from '../vault/fresh-vault';

const NOW = Date.UTC(2026, 0, 1, 12);
const provider = {
	id: 'amazon',
	roleArn: 'arn:aws:iam::123456789012:role/FedplayAmazon',
	providerId: 'www.amazon.com' as const,
	displayName: 'Amazon',
};
const signInAgain = () => Promise.reject(new AppError('session-expired', 'Sign in again.'));

/** The OAuth 2.0 source as the session builds it, with STS answering at once. */
function realSource(): CredentialSource {
	return createOAuth2Source({
		provider,
		now: () => NOW,
		tokens: { current: async () => 'Atza|token', signInAgain },
		assume: async () => ({
			Credentials: {
				AccessKeyId: 'ASIAAMAZON',
				SecretAccessKey: 'secret',
				SessionToken: 'session',
				Expiration: new Date(NOW + 3_600_000),
			},
			AssumedRoleUser: {
				Arn: 'arn:aws:sts::123456789012:assumed-role/FedplayAmazon/x',
				AssumedRoleId: 'AROA:x',
			},
		}),
	});
}

/** What a dynamic import says when the chunk cannot be downloaded (Chromium's words). */
const offline = () =>
	Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/x.js'));

beforeEach(freshVault);

describe('a federation path whose code loads on first use', () => {
	it('is known by key and kind before its code arrives, and loads it once', async () => {
		let loads = 0;
		const source = lazySource(
			{ key: oauth2SourceKey(provider), kind: 'oauth2', signInAgain },
			async () => {
				loads += 1;
				return realSource();
			},
		);
		expect(source.key).toBe('amazon|arn:aws:iam::123456789012:role/FedplayAmazon');
		expect(source.kind).toBe('oauth2');
		expect(source.supportsSessionTags).toBeUndefined();
		expect(loads).toBe(0);
		const first = await source.obtain(null);
		expect(first.accessKeyId).toBe('ASIAAMAZON');
		// The real source says it cannot renew without the player: the wrapper passes that on.
		await expect(source.obtain(first)).rejects.toMatchObject({ code: 'session-expired' });
		expect(loads).toBe(1);
	});

	it('says plainly that part of Fedplay could not be downloaded, and tries again next time', async () => {
		let online = false;
		const source = lazySource(
			{ key: oauth2SourceKey(provider), kind: 'oauth2', signInAgain },
			() => (online ? Promise.resolve(realSource()) : offline()),
		);
		const error = await source.obtain(null).catch((e: unknown) => e);
		expect(isAppError(error)).toBe(true);
		expect(error).toMatchObject({
			code: 'network-down',
			message: 'Part of Fedplay could not be downloaded, so new AWS credentials cannot be fetched.',
			details: { title: 'Fedplay could not load', hint: 'Check your connection, then try again.' },
		});
		online = true;
		expect((await source.obtain(null)).accessKeyId).toBe('ASIAAMAZON');
	});

	it('ends the credential provider’s call with that error, never a hang', async () => {
		const source = lazySource({ key: 'k', kind: 'cognito', signInAgain }, offline);
		const provider = createCredentialProvider({ source, now: () => NOW, timers: false });
		try {
			await expect(provider()).rejects.toMatchObject({ code: 'network-down' });
			expect(provider.state.status).toBe('error');
		} finally {
			provider.close();
		}
	});

	it('signs the player in again without needing its code', async () => {
		const source = lazySource({ key: 'k', kind: 'cognito', signInAgain }, offline);
		await expect(source.signInAgain()).rejects.toMatchObject({ code: 'session-expired' });
	});

	it('passes the app’s own errors through as they are', async () => {
		const own = new AppError('config-invalid', 'No pool.');
		await expect(loadPart(() => Promise.reject(own))).rejects.toBe(own);
		await expect(loadPart(offline, 'signing in cannot go on')).rejects.toMatchObject({
			message: 'Part of Fedplay could not be downloaded, so signing in cannot go on.',
		});
	});
});
