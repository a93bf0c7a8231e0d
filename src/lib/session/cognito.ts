import { idTokens } from '../auth/tokens';
import type { SignInProvider } from '../config/providers';
import type { IdentityPoolConfig, ProviderConfig, RuntimeConfig } from '../config/schema';
import { createCognitoSource, cognitoSourceKey } from '../federation/cognito-source';
import type { appClock } from '../federation/runtime';
import type { CredentialSource } from '../federation/source';
import { deleteCredentials } from '../vault/credentials';
import {
	carriedGuests,
	deleteGuestIdentity,
	loadGuestIdentity,
	recordCarriedGuest,
	saveGuestIdentity,
} from '../vault/cognito-identity';

/*
 * Amazon Cognito identity pools in the session: which provider entries are pools, how a guest session is
 * remembered, and the credential source of a pool (signed in through its OpenID provider, or as a guest).
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

/** The guest identity this browser holds for `pool`, if any (sealed in the vault). */
export function heldGuestIdentity(pool: IdentityPoolConfig): Promise<string | null> {
	return loadGuestIdentity(pool.identityPoolId).catch(() => null);
}

/** The guest identities carried into `identityId` in this browser (their writes are sent as it). */
export function guestsCarriedInto(pool: IdentityPoolConfig, identityId: string): Promise<string[]> {
	return carriedGuests(pool.identityPoolId, identityId).catch(() => []);
}

/** A pool's credential source for `mode`, wired to the vault, lib/auth's ID tokens and the clock. */
export function poolSource(
	pool: IdentityPoolConfig,
	mode: PoolMode,
	deps: {
		config: RuntimeConfig;
		baseUrl: string;
		clock: ReturnType<typeof appClock>;
		signInAgain: () => Promise<never>;
	},
): CredentialSource {
	const { config, baseUrl, clock } = deps;
	const poolId = pool.identityPoolId;
	const common = { pool, config, clock, now: clock.now, signInAgain: deps.signInAgain };
	if (mode === 'guest') {
		return createCognitoSource({
			...common,
			mode,
			identities: {
				load: () => loadGuestIdentity(poolId),
				save: (id) => saveGuestIdentity(poolId, id),
			},
		});
	}
	return createCognitoSource({
		...common,
		mode,
		tokens: { ...idTokens(pool, baseUrl, clock.now), signInAgain: deps.signInAgain },
		guest: {
			load: () => loadGuestIdentity(poolId),
			save: (id) => saveGuestIdentity(poolId, id),
		},
		// First the carry is recorded, then the guest is forgotten: a tab closed in between links again.
		async onCarried({ from, into }) {
			await recordCarriedGuest(poolId, from, into);
			await deleteGuestIdentity(poolId);
			await deleteCredentials(cognitoSourceKey(pool, 'guest')).catch(() => undefined);
		},
	});
}
