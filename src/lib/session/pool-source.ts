import { idTokens } from '../auth/tokens';
import type { IdentityPoolConfig, RuntimeConfig } from '../config/schema';
import { createCognitoSource } from '../federation/cognito-source';
import type { appClock } from '../federation/runtime';
import type { CredentialSource } from '../federation/source';
import { cognitoSourceKey } from '../federation/source-keys';
import { deleteCredentials } from '../vault/credentials';
import {
	carriedGuests,
	deleteGuestIdentity,
	loadGuestIdentity,
	recordCarriedGuest,
	saveGuestIdentity,
} from '../vault/cognito-identity';
import type { PoolMode } from './cognito';

/*
 * The credential source of an Amazon Cognito identity pool (signed in through its OpenID provider, or as a
 * guest), wired to the vault and lib/auth's ID tokens, and the guests it holds. Loaded with pool-path.ts.
 */

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
