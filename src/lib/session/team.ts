import type { RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import {
	createCredentialProvider,
	type CredentialProvider,
} from '../federation/credential-provider';
import {
	createRefreshCoordinator,
	type RefreshCoordinator,
} from '../federation/refresh-coordinator';
import { loadPart } from '../federation/lazy-source';
import { activeProvider, activeSource, appClock } from '../federation/runtime';
import { tagValue } from '../federation/session-tags';
import type { GameAccess } from '../game/data';
import { gameSession } from '../game/session.svelte';
import { teamPlay } from '../game/team.svelte';

/*
 * Team play wired into the session (issue 16): the team board and the results start with the player's session
 * and its tags; an organizer (tag role=organizer) publishes the results through the tournament role, a chained
 * credential source whose parent is the player's session, with its own provider and vault key. Sign-out (here
 * or in another tab) closes the chain and forgets its credentials.
 */

let context: { config: RuntimeConfig; name: string } | null = null;
let chain: {
	provider: CredentialProvider;
	parentKey: string;
	coordinator: RefreshCoordinator;
} | null = null;

/**
 * The chain renews its parent first, inside its own renewal: it takes its own browser-wide lock, never the
 * parent's (Web Locks are not re-entrant: the same lock would wait on itself).
 */
const CHAIN_LOCK = 'fedplay-refresh-chained';

/** Whether the signed-in player may take the tournament role: tagged role=organizer, and one configured. */
export function isOrganizer(config: Pick<RuntimeConfig, 'tournamentRoleArn'>): boolean {
	const tags = activeProvider().current()?.tags;
	return config.tournamentRoleArn !== undefined && tagValue(tags, 'role') === 'organizer';
}

/** Once the session is ready: the team from its tags, the board and the results read. */
export function startTeamPlay(config: RuntimeConfig, name: string): void {
	context = { config, name };
	const cp = activeProvider();
	const held = cp.current();
	void teamPlay.start({
		supportsSessionTags: activeSource()?.supportsSessionTags === true,
		tags: held?.tags ?? null,
		name,
		organizer: isOrganizer(config),
		access: { config, credentials: cp, clock: appClock() },
	});
}

/**
 * The tournament role's session, taken from the player's (role chaining) on first use and renewed by its own
 * provider — parent first when the parent cannot cover STS's 900 s floor.
 */
export async function tournamentAccess(): Promise<GameAccess> {
	// Role chaining's code loads when an organizer first publishes: no other player needs it.
	const { createChainedRoleSource } = await loadPart(() => import('../federation/chained-source'));
	if (!context) throw new AppError('unknown', 'Nobody is signed in.');
	const { config } = context;
	const roleArn = config.tournamentRoleArn;
	if (!roleArn) {
		throw new AppError('unknown', 'This deployment has no tournament role (tournamentRoleArn).');
	}
	const parent = activeProvider();
	const parentKey = activeSource()?.key;
	if (!parentKey) throw new AppError('credentials-expired', 'Nobody is signed in.');
	if (chain?.parentKey !== parentKey) {
		closeChain();
		const clock = appClock();
		const source = createChainedRoleSource({
			parent: {
				credentials: parent,
				current: () => parent.current(),
				refreshNow: () => parent.refreshNow(),
				key: parentKey,
			},
			roleArn,
			now: clock.now,
			config,
			clock,
		});
		const coordinator = createRefreshCoordinator({ lockName: CHAIN_LOCK });
		const provider = createCredentialProvider({
			source,
			thresholdMs: config.refreshThresholdSeconds * 1000,
			coordinator,
			now: clock.now,
			// Renewed when used (publishing), not on a timer: no STS call for a role nobody is using.
			timers: false,
		});
		chain = { provider, parentKey, coordinator };
	}
	await chain.provider();
	return { config, credentials: chain.provider, clock: appClock() };
}

/** What the tournament role holds now (no secrets), for the inspector; null before it is taken. */
export function tournamentCredentials() {
	return chain?.provider.current() ?? null;
}

/** An organizer publishes the leaderboard's standings as the tournament results. */
export function publishTournamentResults(): Promise<boolean> {
	return teamPlay.publish(tournamentAccess, gameSession.leaderboard);
}

/** Sign-out: the chain is closed and its credentials forgotten; the team state is reset. */
export function endTeamPlay(): void {
	closeChain();
	context = null;
	teamPlay.reset();
}

/** Forget the chained credentials (vault and memory) and stop their provider. */
function closeChain(): void {
	const ended = chain;
	chain = null;
	if (!ended) return;
	ended.provider.close();
	void ended.provider
		.forget()
		.catch(() => undefined)
		.finally(() => ended.coordinator.close());
}
