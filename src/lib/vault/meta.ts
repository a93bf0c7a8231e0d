import { vault } from './backend';

/**
 * Small non-secret facts the vault keeps between page loads (the `meta` store): which provider the player
 * is signed in with, the last clock skew seen. Wiped with the rest on sign-out.
 */
interface VaultMeta {
	/** The provider of the signed-in player (`ProviderConfig.id`). */
	activeProvider: string;
	/** Last skew between AWS and this device, ms (AWS minus device). */
	clockSkewMs: number;
	/** OpenID providers' discovery documents by issuer, with when they were fetched (lib/auth). */
	oidcDiscovery: Record<string, { fetchedAt: number; metadata: unknown }>;
}

const CHECKS: { [K in keyof VaultMeta]: (value: unknown) => value is VaultMeta[K] } = {
	activeProvider: (value): value is string => typeof value === 'string' && value !== '',
	clockSkewMs: (value): value is number => typeof value === 'number' && Number.isFinite(value),
	oidcDiscovery: (value): value is VaultMeta['oidcDiscovery'] =>
		typeof value === 'object' &&
		value !== null &&
		Object.values(value).every(
			(entry: unknown) =>
				typeof entry === 'object' &&
				entry !== null &&
				typeof (entry as { fetchedAt?: unknown }).fetchedAt === 'number',
		),
};

/** The stored value, or null when absent or not of the expected type. */
export async function readMeta<K extends keyof VaultMeta>(key: K): Promise<VaultMeta[K] | null> {
	const value = await (await vault()).meta.get(key);
	return CHECKS[key](value) ? value : null;
}

export async function writeMeta<K extends keyof VaultMeta>(
	key: K,
	value: VaultMeta[K],
): Promise<void> {
	await (await vault()).meta.put(key, value);
}

export async function deleteMeta(key: keyof VaultMeta): Promise<void> {
	await (await vault()).meta.delete(key);
}
