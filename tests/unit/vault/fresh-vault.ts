import { IDBFactory } from 'fake-indexeddb';
import { forgetVaultChoice } from '../../../src/lib/vault/backend';
import { closeVaultDb } from '../../../src/lib/vault/db';
import type { CredentialRecord } from '../../../src/lib/vault/types';

/**
 * A brand-new, empty browser storage for each test, as for a new page: the connection to the old one closed
 * and the vault's choice between IndexedDB and memory made again.
 */
export async function freshVault(): Promise<void> {
	await closeVaultDb();
	forgetVaultChoice();
	globalThis.indexedDB = new IDBFactory();
}

export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789abcdefghijklmnopqrstuvwxyz';

/** Credentials as STS would hand them over, expiring `ttlMs` after `now`. */
export function sampleCredentials(
	now: number,
	ttlMs = 3_600_000,
	overrides: Partial<CredentialRecord> = {},
): CredentialRecord {
	const providerId = overrides.providerId ?? 'sandbox';
	const roleArn = overrides.roleArn ?? 'arn:aws:iam::123456789012:role/FedplayPlayer';
	return {
		sourceKey: `${providerId}|${roleArn}`,
		providerId,
		roleArn,
		accessKeyId: 'ASIAEXAMPLE000000001',
		secretAccessKey: SECRET,
		sessionToken: TOKEN,
		expiration: now + ttlMs,
		assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice',
		assumedRoleId: 'AROAEXAMPLE:alice',
		subject: 'alice',
		issuer: 'http://localhost:4000',
		audience: 'fedplay-web',
		obtainedAt: now,
		...overrides,
	};
}

/** A stored record as text, bytes included (one Latin-1 character per byte), to search for plaintext. */
export function serialize(value: unknown): string {
	return JSON.stringify(value, (_k, v: unknown) =>
		v instanceof Uint8Array ? String.fromCharCode(...v) : v,
	);
}
