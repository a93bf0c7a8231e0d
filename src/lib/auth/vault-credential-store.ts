import {
	listCredentialsMetadata,
	loadCredentials,
	saveCredentials,
	wipeVault,
} from '../vault/credentials';
import type { VaultCredentials } from '../vault/types';
import type { CredentialStore, StoredCredentials } from './credential-store';

function toVault(entry: StoredCredentials): VaultCredentials {
	const { credentials: c } = entry;
	return {
		providerId: entry.providerId,
		roleArn: entry.roleArn,
		accessKeyId: c.accessKeyId,
		secretAccessKey: c.secretAccessKey,
		sessionToken: c.sessionToken,
		expiration: c.expiration.getTime(),
		assumedRoleArn: entry.assumedRoleArn,
		assumedRoleId: entry.assumedRoleId ?? '',
		subject: entry.subject,
		issuer: entry.issuer,
		obtainedAt: entry.obtainedAt.getTime(),
	};
}

function fromVault(v: VaultCredentials): StoredCredentials {
	return {
		providerId: v.providerId,
		roleArn: v.roleArn,
		credentials: {
			accessKeyId: v.accessKeyId,
			secretAccessKey: v.secretAccessKey,
			sessionToken: v.sessionToken,
			expiration: new Date(v.expiration),
		},
		assumedRoleArn: v.assumedRoleArn,
		...(v.assumedRoleId ? { assumedRoleId: v.assumedRoleId } : {}),
		subject: v.subject,
		issuer: v.issuer,
		obtainedAt: new Date(v.obtainedAt),
	};
}

/**
 * The credential store over the encrypted vault: SecretAccessKey and SessionToken sealed in IndexedDB,
 * nothing in web storage. `load` answers the most recent credentials of a provider (one role each);
 * `clear` is sign-out and wipes the whole vault, its key included.
 */
export function vaultCredentialStore(): CredentialStore {
	return {
		save: (entry) => saveCredentials(toVault(entry)),
		async load(providerId) {
			const newest = (await listCredentialsMetadata())
				.filter((m) => m.providerId === providerId)
				.sort((a, b) => b.obtainedAt - a.obtainedAt)[0];
			if (!newest) return null;
			const opened = await loadCredentials(providerId, newest.roleArn);
			return opened ? fromVault(opened) : null;
		},
		clear: wipeVault,
	};
}
