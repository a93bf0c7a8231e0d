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
export function activate(provider: ProviderConfig): CredentialProvider {
	const { config, baseUrl } = lifecycleContext();
	const clock = appClock();
	const source = createOidcWebIdentitySource({
		provider,
		config,
		clock,
		now: clock.now,
		tokens: {
			...idTokens(provider, baseUrl, clock.now),
			signInAgain: () => askToSignInAgain(provider),
		},
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
export function rememberProvider(provider: ProviderConfig): Promise<void> {
	return writeMeta('activeProvider', provider.id).catch(() => undefined);
}

/**
 * The session is ready: the screens show it, and the game starts with the player's identity (their
 * provider's data segment and `sub`) and the active credentials.
 */
export function sessionReady(ready: ReadySession): void {
	session.ready(ready);
	const { provider, claims } = session;
	const { config } = lifecycleContext();
	if (!provider || !claims) return;
	const player = { segment: provider.dataSegment, id: claims.sub, name: claims.name ?? claims.sub };
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
	const providerId = await readMeta('activeProvider').catch(() => null);
	const provider = config.providers.find((p) => p.id === providerId);
	if (!provider) return 'none';
	const stored = await loadCredentials(oidcSourceKey(provider)).catch(() => null);
	const user = await storedUser(provider, baseUrl).catch(() => null);
	const sub = user?.profile.sub ?? stored?.subject;
	if (!sub) return 'none';
	const name = user?.profile.name;
	const claims: IdentityClaims = {
		sub,
		iss: user?.profile.iss ?? provider.issuer,
		...(name ? { name } : {}),
	};
	session.assumingRole(provider, claims);
	const cp = activate(provider);
	const valid = stored && stored.expiration - appClock().now() > MIN_VALIDITY_MS;
	if (!valid) return 'needs-credentials';
	credentialStatus.restored(stored.obtainedAt);
	// From memory and the vault only (they are fresh): this also arms the refresh-ahead timer.
	await cp();
	sessionReady({
		assumedRoleArn: stored.assumedRoleArn,
		callerIdentity: callerIdentityOf(stored),
		accessKeyIdShown: showAccessKeyId(stored.accessKeyId),
		expiration: new Date(stored.expiration),
	});
	return 'from-vault';
}

/** Sign-out here or in another tab: drop the credentials, the game and what the screens show. */
function endSessionHere(): void {
	bound?.unbind();
	bound = null;
	deactivateSource();
	gameSession.reset();
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
