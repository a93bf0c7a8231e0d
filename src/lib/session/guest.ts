import type { IdentityPoolConfig, ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError, isAppError } from '../errors';
import { gameSession } from '../game/session.svelte';
import type { PoolMode } from './cognito';
import { heldGuestIdentity } from './pool-source';
import { poolSession } from './pool-state.svelte';
import { session, type IdentityClaims } from './state.svelte';

/*
 * Guests of an Amazon Cognito identity pool: "Play as guest" (an unauthenticated identity, the pool's guest
 * role), and the guest's sign-in, which keeps their progress (game/carry.ts) before any linking call.
 */

type Federate = (
	config: RuntimeConfig,
	provider: ProviderConfig,
	claims: IdentityClaims,
	force: boolean,
	mode: PoolMode,
) => Promise<void>;

/** Credentials for the pool's guest identity (this browser's, else a new one), then the game. */
export async function playAsGuest(
	config: RuntimeConfig,
	pool: IdentityPoolConfig,
	federate: Federate,
): Promise<void> {
	session.signingIn(pool);
	try {
		if (!pool.allowGuests) {
			throw new AppError('config-invalid', `${pool.displayName} does not allow guests.`, {
				title: 'Guests cannot play here',
				hint: 'Sign in with a provider instead.',
			});
		}
		const id = await heldGuestIdentity(pool);
		const claims = { sub: id ?? 'guest', iss: 'cognito-identity.amazonaws.com', name: 'Guest' };
		await federate(config, pool, claims, false, 'guest');
	} catch (error) {
		if (session.status !== 'error') {
			session.fail(
				isAppError(error)
					? error
					: new AppError('unknown', 'Could not start a guest session.', {}, error),
			);
		}
	}
}

/**
 * A guest signs in through the pool's provider: first their best run and saves go into the outbox (the
 * vault), read with the guest's credentials; only then does the browser leave for the provider. If they
 * can't be read, the guest stays a guest and is told why: signing in now could lose them in a merge.
 */
export async function keepGuestProgressAndSignIn(
	pool: IdentityPoolConfig,
	baseUrl: string,
	startSignIn: (provider: ProviderConfig, baseUrl: string) => Promise<void>,
	// lifecycle.ts's, passed in: lifecycle loads this file's chunk (pool-path.ts), so no import back.
	rememberProvider: (provider: ProviderConfig, mode: PoolMode) => Promise<void>,
): Promise<void> {
	poolSession.tell('Keeping your guest progress…');
	try {
		const kept = await gameSession.keepGuestProgress();
		const saves = kept.saves.length;
		poolSession.tell(
			`Kept ${kept.bestRun ? `your best run (${kept.bestRun.score})` : 'no run yet'} and ${saves} save${saves === 1 ? '' : 's'}; signing in…`,
		);
	} catch (error) {
		poolSession.tell(
			`Your guest progress could not be read, so you stay a guest for now (nothing was lost): ${error instanceof Error ? error.message : String(error)}`,
		);
		return;
	}
	// From now on this browser is signing in, not a guest: a tab closed at any point (even just after
	// Cognito merged the guest away) comes back as the player, whose sign-in carries the snapshot; never as
	// the guest, whose session would take the snapshot for its own. "Play as guest" again finds the same
	// guest identity in the vault.
	await rememberProvider(pool, 'player');
	await startSignIn(pool, baseUrl);
}
