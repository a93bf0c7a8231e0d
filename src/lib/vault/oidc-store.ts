import { unseal, seal } from './crypto';
import { vault } from './backend';

/**
 * oidc-client-ts storage in the vault instead of sessionStorage/localStorage: each value (the user with
 * its ID and refresh tokens, or a sign-in state with its PKCE verifier) is sealed under the vault key.
 * Use `userStore: new VaultStateStore('user')` and `stateStore: new VaultStateStore('state')`.
 */
export class VaultStateStore {
	readonly #prefix: string;

	constructor(prefix: string) {
		this.#prefix = `${prefix}.`;
	}

	async set(key: string, value: string): Promise<void> {
		const id = this.#prefix + key;
		const sealed = await seal(value, aad(id));
		await (await vault()).oidc.put(id, sealed);
	}

	/** The value, or null when absent or unreadable (an unreadable entry is removed). */
	async get(key: string): Promise<string | null> {
		const id = this.#prefix + key;
		const { oidc } = await vault();
		const sealed = await oidc.get(id);
		if (sealed === undefined) return null;
		try {
			return await unseal(sealed, aad(id));
		} catch {
			await oidc.delete(id);
			return null;
		}
	}

	async remove(key: string): Promise<string | null> {
		const value = await this.get(key);
		await (await vault()).oidc.delete(this.#prefix + key);
		return value;
	}

	/** Keys under this store's prefix, without the prefix (as WebStorageStateStore answers). */
	async getAllKeys(): Promise<string[]> {
		const keys = (await (await vault()).oidc.entries()).map(([key]) => key);
		return keys.filter((k) => k.startsWith(this.#prefix)).map((k) => k.slice(this.#prefix.length));
	}
}

function aad(id: string): string {
	return `oidc|${id}`;
}
