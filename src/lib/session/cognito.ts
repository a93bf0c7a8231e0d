import type { SignInProvider } from '../config/providers';
import type { IdentityPoolConfig, ProviderConfig, RuntimeConfig } from '../config/schema';
import { cognitoSourceKey } from '../federation/source-keys';

/*
 * Amazon Cognito identity pools in the session: which provider entries are pools and how a guest session is
 * remembered. The rest of a pool's path (its credential source, its guests) is pool-path.ts, loaded only when
 * a pool is used.
 */

export type PoolMode = 'player' | 'guest';

/** `activeProvider` in the vault for a guest session: the pool entry's id and this. */
const GUEST_MARK = '#guest';

export function isIdentityPool(provider: SignInProvider | null): provider is IdentityPoolConfig {
	return typeof (provider as Partial<IdentityPoolConfig> | null)?.identityPoolId === 'string';
}

/** What `activeProvider` says in the vault for `provider` signed in as `mode`. */
export function rememberedAs(provider: ProviderConfig, mode: PoolMode): string {
	return mode === 'guest' ? `${provider.id}${GUEST_MARK}` : provider.id;
}

/** The provider (direct or pool) and mode a remembered `activeProvider` names; null if none of the config's. */
export function rememberedProvider(
	config: RuntimeConfig,
	remembered: string | null,
): { provider: ProviderConfig; mode: PoolMode } | null {
	if (remembered === null) return null;
	const guest = remembered.endsWith(GUEST_MARK);
	const id = guest ? remembered.slice(0, -GUEST_MARK.length) : remembered;
	const pool = (config.identityPools ?? []).find((p) => p.id === id);
	if (pool)
		return guest && !pool.allowGuests ? null : { provider: pool, mode: guest ? 'guest' : 'player' };
	const provider = config.providers.find((p) => p.id === id);
	return provider && !guest ? { provider, mode: 'player' } : null;
}

/** Every provider entry the app signs in with: the direct ones, then the identity pools. */
export function signInProviders(config: RuntimeConfig): ProviderConfig[] {
	return [...config.providers, ...(config.identityPools ?? [])];
}

/** The vault key of a pool session's credentials. */
export function poolSourceKey(pool: IdentityPoolConfig, mode: PoolMode): string {
	return cognitoSourceKey(pool, mode);
}
