import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { AppError } from '../errors';
import type { OutboxState, Sealed, SealedCredentials, StoredOutboxWrite } from './types';

export const DB_NAME = 'fedplay';
/** v1 (first release): keys + credentials. v2: oidc, outbox, meta, and an expiry index on credentials. */
export const DB_VERSION = 2;

export interface FedplayDB extends DBSchema {
	/** The non-extractable AES-GCM vault key, stored as a CryptoKey (structured clone keeps it opaque). */
	keys: { key: string; value: CryptoKey };
	/** Key `${providerId}|${roleArn}`. */
	credentials: { key: string; value: SealedCredentials; indexes: { 'by-expiration': number } };
	/** oidc-client-ts StateStore entries (they hold ID and refresh tokens), sealed. */
	oidc: { key: string; value: Sealed };
	outbox: {
		key: number;
		value: StoredOutboxWrite;
		indexes: { 'by-state': OutboxState; 'by-id': string };
	};
	meta: { key: string; value: unknown };
}

type VaultDB = IDBPDatabase<FedplayDB>;

let connection: Promise<VaultDB> | undefined;

/** The vault database, opened once per page and upgraded in place. */
export function vaultDb(): Promise<VaultDB> {
	connection ??= open().catch((error: unknown) => {
		connection = undefined;
		throw new AppError('storage-unavailable', 'The browser refused to open IndexedDB.', {}, error);
	});
	return connection;
}

// Async, so a browser without IndexedDB (or one whose `indexedDB.open` throws) rejects instead of throwing.
async function open(): Promise<VaultDB> {
	return openDB<FedplayDB>(DB_NAME, DB_VERSION, {
		upgrade(db, oldVersion, _newVersion, tx) {
			if (oldVersion < 1) {
				db.createObjectStore('keys');
				db.createObjectStore('credentials');
			}
			if (oldVersion < 2) {
				// Existing v1 credentials stay where they are; the index is built over them.
				tx.objectStore('credentials').createIndex('by-expiration', 'expiration');
				db.createObjectStore('oidc');
				const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
				outbox.createIndex('by-state', 'state');
				outbox.createIndex('by-id', 'id', { unique: true });
				db.createObjectStore('meta');
			}
		},
		// Another tab wants a newer schema: step aside so its upgrade is not blocked forever.
		blocking() {
			void closeVaultDb();
		},
		terminated() {
			connection = undefined;
		},
	});
}

/** Close the connection (the next call reopens it). Used on version change and to simulate a tab close. */
export async function closeVaultDb(): Promise<void> {
	const current = connection;
	connection = undefined;
	if (current) (await current.catch(() => undefined))?.close();
}
