import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredCredentials } from '../../../src/lib/auth/credential-store';
import { vaultCredentialStore } from '../../../src/lib/auth/vault-credential-store';
import { vaultDb } from '../../../src/lib/vault/db';
import { freshVault, SECRET, serialize, TOKEN } from './fresh-vault';

beforeEach(freshVault);

const NOW = Date.UTC(2026, 0, 1, 12);

function entry(overrides: Partial<StoredCredentials> = {}): StoredCredentials {
	return {
		providerId: 'fedplay-id',
		roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
		credentials: {
			accessKeyId: 'ASIAEXAMPLE000000001',
			secretAccessKey: SECRET,
			sessionToken: TOKEN,
			expiration: new Date(NOW + 900_000),
		},
		assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
		assumedRoleId: 'AROAEXAMPLE:fedplay-alice',
		subject: 'alice',
		issuer: 'http://localhost:4000',
		obtainedAt: new Date(NOW),
		...overrides,
	};
}

describe('the credential store over the vault', () => {
	it('gives back what was saved, with the secrets sealed at rest', async () => {
		const store = vaultCredentialStore();
		await store.save(entry());
		expect(await store.load('fedplay-id')).toEqual(entry());
		const raw = serialize(await (await vaultDb()).getAll('credentials'));
		expect(raw).not.toContain(SECRET);
		expect(raw).not.toContain(TOKEN);
	});

	it('answers a provider’s newest credentials, and null for a provider without any', async () => {
		const store = vaultCredentialStore();
		await store.save(entry());
		await store.save(
			entry({ roleArn: 'arn:aws:iam::123456789012:role/other', obtainedAt: new Date(NOW + 1) }),
		);
		expect((await store.load('fedplay-id'))?.roleArn).toBe('arn:aws:iam::123456789012:role/other');
		expect(await store.load('arcade-id')).toBeNull();
	});

	it('clears everything, the vault key included', async () => {
		const store = vaultCredentialStore();
		await store.save(entry());
		await store.clear();
		expect(await store.load('fedplay-id')).toBeNull();
		expect(await (await vaultDb()).count('keys')).toBe(0);
	});
});
