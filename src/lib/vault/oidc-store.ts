import type { StateStore } from 'oidc-client-ts';
import { unseal, seal } from './crypto';
import { vaultDb } from './db';

/**
 * oidc-client-ts storage in the vault instead of sessionStorage/localStorage: each value (the user with
 * its ID and refresh tokens, or a sign-in state with its PKCE verifier) is sealed under the vault key.
 * Use `userStore: new IndexedDbStateStore('user')` and `stateStore: new IndexedDbStateStore('state')`.
 */
export class IndexedDbStateStore implements StateStore {
	readonly #prefix: string;

	constructor(prefix: string) {
		this.#prefix = `${prefix}.`;
	}

	async set(key: string, value: string): Promise<void> {
		const id = this.#prefix + key;
		const sealed = await seal(value, aad(id));
		await (await vaultDb()).put('oidc', sealed, id);
	}

	/** The value, or null when absent or unreadable (an unreadable entry is removed). */
	async get(key: string): Promise<string | null> {
		const id = this.#prefix + key;
		const db = await vaultDb();
		const sealed = await db.get('oidc', id);
		if (sealed === undefined) return null;
		try {
			return await unseal(sealed, aad(id));
		} catch {
			await db.delete('oidc', id);
			return null;
		}
	}

	async remove(key: string): Promise<string | null> {
		const value = await this.get(key);
		await (await vaultDb()).delete('oidc', this.#prefix + key);
		return value;
	}

	/** Keys under this store's prefix, without the prefix (as WebStorageStateStore answers). */
	async getAllKeys(): Promise<string[]> {
		const keys = await (await vaultDb()).getAllKeys('oidc');
		return keys.filter((k) => k.startsWith(this.#prefix)).map((k) => k.slice(this.#prefix.length));
	}
}

function aad(id: string): string {
	return `oidc|${id}`;
}
