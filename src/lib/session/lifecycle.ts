import { idTokens, storedUser } from '../auth/tokens';
import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import type { CredentialProvider } from '../federation/credential-provider';
import { createOidcWebIdentitySource, oidcSourceKey } from '../federation/oidc-source';
import {
	activateSource,
	activeProvider,
	appClock,
	deactivateSource,
	refreshCoordinator,
} from '../federation/runtime';
import { showAccessKeyId } from '../federation/show';
import { callerIdentityOf } from '../federation/sts';
import { gameSession } from '../game/session.svelte';
import { vaultMode } from '../vault/backend';
import { loadCredentials, startPurgeTimer, wipeVault } from '../vault/credentials';
import { readMeta, writeMeta } from '../vault/meta';
import { credentialPath } from './credential-path.svelte';
import { credentialStatus } from './credential-status.svelte';
import {
	guestsCarriedInto,
	heldGuestIdentity,
	isIdentityPool,
	poolSource,
	poolSourceKey,
	rememberedAs,
	rememberedProvider,
	type PoolMode,
} from './cognito';
import { poolSession } from './pool-state.svelte';
import { playerIdentityOf } from '../config/data-layout';
import { session, type IdentityClaims, type ReadySession } from './state.svelte';

/*
 * The credential lifecycle wired into the app: the vault (IndexedDB, or memory in a browser that refuses
 * it), the corrected clock, expired-credential purging, the credential source of the signed-in player and
 * its provider, the game session that uses them, and sign-out across tabs. Nothing here talks to the
 * provider or to STS at start-up.
 */

const PURGE_EVERY_MS = 60_000;
/** Credentials with less than this left are not shown as a restored session (the provider's own floor). */
const MIN_VALIDITY_MS = 60_000;

let app: { config: RuntimeConfig; baseUrl: string } | null = null;
let bound: { provider: CredentialProvider; unbind: () => void } | null = null;

/** What the lifecycle was started with; the UI's actions use it. */
export function lifecycleContext(): { config: RuntimeConfig; baseUrl: string } {
	if (!app) throw new AppError('unknown', 'The credential lifecycle has not been started.');
	return app;
}

/**
 * Once per page, before anything signs in or restores: the vault is opened (or, refused, kept in memory and
 * the player told), the clock starts from the last skew seen, expired credentials are purged now and every
 * minute, and a sign-out in another tab ends the session here.
 */
export async function startLifecycle(config: RuntimeConfig, baseUrl: string): Promise<void> {
	app = { config, baseUrl };
	session.storage(await vaultMode());
	const clock = appClock();
	const savedSkew = await readMeta('clockSkewMs').catch(() => null);
	if (savedSkew !== null) clock.observe(savedSkew);
	credentialStatus.observeSkew(clock.skewMs);
	clock.onChange((skew) => {
		credentialStatus.observeSkew(skew);
		void writeMeta('clockSkewMs', skew).catch(() => undefined);
	});
	startPurgeTimer(PURGE_EVERY_MS, clock.now);
	refreshCoordinator().subscribe((message) => {
		if (message.type === 'signed-out') endSessionHere();
	});
}

/** Ask the player to sign in again (the last resort), keeping where they were: see `retry` in flow.ts. */
function askToSignInAgain(provider: ProviderConfig): Promise<never> {
	const error = new AppError(
		'session-expired',
		`Your sign-in with ${provider.displayName} has ended and it gave no way to renew it quietly, so Fedplay needs you to sign in again to get new AWS credentials.`,
		{
			title: 'Sign in again to keep playing',
			hint: 'Your unsent game data stays on this device; after signing in you come back here.',
		},
	);
	session.fail(error);
	return Promise.reject(error);
}

/**
 * The page's credential provider for `provider`: its OIDC web identity source, fed with ID tokens by
 * lib/auth, made the active one and bound to the session and the credential panel.
 */
let activeMode: PoolMode = 'player';

/** Whether the active session is a guest's (an identity pool's unauthenticated identity) or a player's. */
export function currentMode(): PoolMode {
	return activeMode;
}

export function activate(provider: ProviderConfig, mode: PoolMode = 'player'): CredentialProvider {
	const { config, baseUrl } = lifecycleContext();
	activeMode = mode;
	const clock = appClock();
	const signInAgain = () => askToSignInAgain(provider);
	const source = isIdentityPool(provider)
		? poolSource(provider, mode, { config, baseUrl, clock, signInAgain })
		: createOidcWebIdentitySource({
				provider,
				config,
				clock,
				now: clock.now,
				tokens: { ...idTokens(provider, baseUrl, clock.now), signInAgain },
			});
	const cp = activateSource(source, { thresholdMs: config.refreshThresholdSeconds * 1000 });
	if (bound?.provider !== cp) {
		bound?.unbind();
		bound = { provider: cp, unbind: cp.onChange(follow) };
	}
	return cp;
}

function follow(state: CredentialProvider['state']): void {
	credentialStatus.update(state);
	if (state.accessKeyId !== null && state.expiration !== null) {
		session.credentialsChanged(showAccessKeyId(state.accessKeyId), new Date(state.expiration));
	}
}

/** Remember who is signed in, so a reload can show them without asking anyone. */
export function rememberProvider(
	provider: ProviderConfig,
	mode: PoolMode = 'player',
): Promise<void> {
	return writeMeta('activeProvider', rememberedAs(provider, mode)).catch(() => undefined);
}

/**
 * The session is ready: the screens show it, and the game starts with the player's identity (their
 * provider's data segment and `sub`) and the active credentials.
 */
export async function sessionReady(ready: ReadySession): Promise<void> {
	const { provider, claims } = session;
	const { config } = lifecycleContext();
	const held = activeProvider().current();
	// An identity pool session's data is keyed by its identity id, not by the ID token's sub.
	const identityId = isIdentityPool(provider) ? held?.identityId : undefined;
	const guest = held?.amr?.includes('unauthenticated') ?? false;
	const carried =
		identityId && isIdentityPool(provider) && !guest
			? await guestsCarriedInto(provider, identityId)
			: [];
	poolSession.set({
		guest,
		identityId: identityId ?? null,
		flow: identityId ? (held?.flow ?? null) : null,
		amr: held?.amr ?? [],
		carried,
	});
	// A guest is known by the identity id Cognito gave (a new guest learns it only now).
	if (guest && identityId && provider && claims && claims.sub !== identityId) {
		session.assumingRole(provider, { ...claims, sub: identityId });
	}
	session.ready(ready);
	if (!provider || !session.claims) return;
	const identity = playerIdentityOf(
		provider.dataSegment,
		{ sub: session.claims.sub, identityId, guest },
		carried,
	);
	const name = session.claims.name ?? (guest ? 'Guest' : session.claims.sub);
	const player = { ...identity, name };
	void gameSession.start(player, { config, credentials: activeProvider(), clock: appClock() });
}

type Restored = 'none' | 'from-vault' | 'needs-credentials';

/**
 * On a reload or a new tab: the signed-in home from the vault alone — no request to the provider and none
 * to STS — when the vault holds valid credentials of the player's provider. 'needs-credentials': the
 * player is known but the credentials are gone or expired (the caller gets new ones); 'none': sign in.
 */
export async function restoreSession(): Promise<Restored> {
	const { config, baseUrl } = lifecycleContext();
	const remembered = rememberedProvider(config, await readMeta('activeProvider').catch(() => null));
	if (!remembered) return 'none';
	const { provider, mode } = remembered;
	const key = isIdentityPool(provider) ? poolSourceKey(provider, mode) : oidcSourceKey(provider);
	const stored = await loadCredentials(key).catch(() => null);
	let claims: IdentityClaims;
	if (mode === 'guest' && isIdentityPool(provider)) {
		// A guest has no ID token: the identity id is who they are.
		const id = stored?.identityId ?? (await heldGuestIdentity(provider));
		if (!id) return 'none';
		claims = { sub: id, iss: 'cognito-identity.amazonaws.com', name: 'Guest' };
	} else {
		const user = await storedUser(provider, baseUrl).catch(() => null);
		const sub = user?.profile.sub ?? (isIdentityPool(provider) ? undefined : stored?.subject);
		if (!sub) return 'none';
		const name = user?.profile.name;
		claims = { sub, iss: user?.profile.iss ?? provider.issuer, ...(name ? { name } : {}) };
	}
	session.assumingRole(provider, claims);
	const cp = activate(provider, mode);
	const valid = stored && stored.expiration - appClock().now() > MIN_VALIDITY_MS;
	if (!valid) return 'needs-credentials';
	credentialStatus.restored(stored.obtainedAt);
	// From memory and the vault only (they are fresh): this also arms the refresh-ahead timer.
	await cp();
	await sessionReady({
		assumedRoleArn: stored.assumedRoleArn,
		callerIdentity: callerIdentityOf(stored),
		accessKeyIdShown: showAccessKeyId(stored.accessKeyId),
		expiration: new Date(stored.expiration),
	});
	return 'from-vault';
}

/** Sign-out here or in another tab: drop the credentials, the game and what the screens show. */
function endSessionHere(): void {
	activeMode = 'player';
	bound?.unbind();
	bound = null;
	deactivateSource();
	gameSession.reset();
	poolSession.reset();
	credentialStatus.reset();
	credentialPath.reset();
	session.reset();
}

/** Sign-out in this tab: the vault is wiped (its key too: the next sign-in makes a new one), every tab told. */
export async function signOutEverywhere(): Promise<void> {
	endSessionHere();
	await wipeVault().catch(() => undefined);
	refreshCoordinator().announce({ type: 'signed-out' });
}
