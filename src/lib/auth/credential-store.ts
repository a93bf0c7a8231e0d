import type { TemporaryCredentials } from '../federation/sts';

/** One set of temporary credentials with what they were issued for. */
export interface StoredCredentials {
	providerId: string;
	roleArn: string;
	credentials: TemporaryCredentials;
	/** AssumedRoleUser.Arn */
	assumedRoleArn: string;
	/** AssumedRoleUser.AssumedRoleId (`AROA…:SESSION`), when known. */
	assumedRoleId?: string;
	subject: string;
	issuer: string;
	obtainedAt: Date;
}

/** Where temporary credentials live. At start-up the app swaps in the vault (`vault-credential-store.ts`). */
export interface CredentialStore {
	save(entry: StoredCredentials): Promise<void>;
	load(providerId: string): Promise<StoredCredentials | null>;
	clear(): Promise<void>;
}

/** Default: memory only, gone on reload; never written to web storage. */
function memoryCredentialStore(): CredentialStore {
	const entries = new Map<string, StoredCredentials>();
	return {
		save: async (entry) => void entries.set(entry.providerId, entry),
		load: async (providerId) => entries.get(providerId) ?? null,
		clear: async () => entries.clear(),
	};
}

let current: CredentialStore = memoryCredentialStore();

/** The store in use; every read and write of credentials goes through here. */
export function credentialStore(): CredentialStore {
	return current;
}

/** Swap the credential store (the vault calls this at start-up). */
export function useCredentialStore(store: CredentialStore): void {
	current = store;
}
