import { accessTokens } from '../auth/oauth2';
import { idTokens, storedUser } from '../auth/tokens';
import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import type { OAuth2ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import type { CredentialProvider } from '../federation/credential-provider';
import { lazySource, loadPart } from '../federation/lazy-source';
import { createOidcWebIdentitySource } from '../federation/oidc-source';
import type { CredentialSource } from '../federation/source';
import { oauth2SourceKey, oidcSourceKey } from '../federation/source-keys';
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
	isIdentityPool,
	poolSourceKey,
	rememberedAs,
	rememberedProvider,
	type PoolMode,
} from './cognito';
import { poolSession } from './pool-state.svelte';
import { playerIdentityOf } from '../config/data-layout';
import { session, type IdentityClaims, type ReadySession } from './state.svelte';
import { endTeamPlay, startTeamPlay } from './team';

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
function askToSignInAgain(provider: SignInProvider): Promise<never> {
	if (isOAuth2Provider(provider)) return Promise.reject(oauth2SessionEnded(provider));
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

let activeMode: PoolMode = 'player';

/** An identity pool's path (its source, its guests): loaded only when the session uses a pool. */
const poolPath = () => loadPart(() => import('./pool-path'));

/** Whether the active session is a guest's (an identity pool's unauthenticated identity) or a player's. */
export function currentMode(): PoolMode {
	return activeMode;
}

/**
 * The OAuth 2.0 path's end (no refresh token): the game goes on, its writes wait in the outbox, and the expiry
 * prompt (components/SessionExpiryPrompt.svelte) offers to sign in again; no error screen.
 */
function oauth2SessionEnded(provider: SignInProvider): AppError {
	return new AppError(
		'session-expired',
		`Your AWS credentials from ${provider.displayName} have expired, and it gives no way to renew them without you.`,
		{
			title: 'Sign in again to keep saving',
			hint: 'Runs you play now wait on this device and are sent once you have signed in again.',
		},
	);
}

/** The vault key of `provider`'s credentials (its source's key) when signed in as `mode`. */
export function sourceKeyOf(provider: SignInProvider, mode: PoolMode = 'player'): string {
	if (isOAuth2Provider(provider)) return oauth2SourceKey(provider);
	return isIdentityPool(provider) ? poolSourceKey(provider, mode) : oidcSourceKey(provider);
}

/**
 * The credential source of `provider`: an ID token (OIDC), an identity pool (signed in or as a guest), or
 * an access token with `ProviderId` (OAuth 2.0). The direct OIDC path's code is here; the others' load on
 * their first use (federation/lazy-source.ts), so a session downloads only its own path.
 */
function sourceFor(provider: SignInProvider, mode: PoolMode): CredentialSource {
	const { config, baseUrl } = lifecycleContext();
	activeMode = mode;
	const clock = appClock();
	const signInAgain = () => askToSignInAgain(provider);
	if (isOAuth2Provider(provider)) {
		return lazySource({ key: oauth2SourceKey(provider), kind: 'oauth2', signInAgain }, async () => {
			const { createOAuth2Source } = await import('../federation/oauth2-source');
			return createOAuth2Source({
				provider,
				config,
				clock,
				now: clock.now,
				userId: () => session.claims?.sub ?? null,
				tokens: { ...accessTokens(provider, baseUrl, clock.now), signInAgain },
			});
		});
	}
	if (isIdentityPool(provider)) {
		const kind = mode === 'guest' ? 'cognito-guest' : 'cognito';
		return lazySource({ key: poolSourceKey(provider, mode), kind, signInAgain }, async () => {
			const { poolSource } = await poolPath();
			return poolSource(provider, mode, { config, baseUrl, clock, signInAgain });
		});
	}
	return createOidcWebIdentitySource({
		provider,
		config,
		clock,
		now: clock.now,
		tokens: { ...idTokens(provider, baseUrl, clock.now), signInAgain },
	});
}

/**
 * The page's credential provider for `provider`: its credential source, fed with tokens by lib/auth, made
 * the active one and bound to the session and the credential panel. An OAuth 2.0 source never renews, so
 * its provider does not try ahead of time: it hands the credentials out until they are too close to expiry.
 */
export function activate(provider: SignInProvider, mode: PoolMode = 'player'): CredentialProvider {
	const { config } = lifecycleContext();
	activeMode = mode;
	const thresholdMs = isOAuth2Provider(provider)
		? MIN_VALIDITY_MS
		: config.refreshThresholdSeconds * 1000;
	const cp = activateSource(sourceFor(provider, mode), { thresholdMs });
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
	provider: SignInProvider,
	mode: PoolMode = 'player',
): Promise<void> {
	const remembered = isOAuth2Provider(provider) ? provider.id : rememberedAs(provider, mode);
	return writeMeta('activeProvider', remembered).catch(() => undefined);
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
			? await (await poolPath()).guestsCarriedInto(provider, identityId)
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
	startTeamPlay(config, player.name);
}

/** The OAuth 2.0 provider a remembered `activeProvider` names (never a guest); null if none. */
function rememberedOAuth2(
	config: RuntimeConfig,
	remembered: string | null,
): { provider: OAuth2ProviderConfig; mode: PoolMode } | null {
	const provider = config.oauth2Providers?.find((p) => p.id === remembered);
	return provider ? { provider, mode: 'player' } : null;
}

type Restored = 'none' | 'from-vault' | 'needs-credentials';

/**
 * On a reload or a new tab: the signed-in home from the vault alone — no request to the provider and none
 * to STS — when the vault holds valid credentials of the player's provider. 'needs-credentials': the
 * player is known but the credentials are gone or expired (the caller gets new ones); 'none': sign in.
 */
export async function restoreSession(): Promise<Restored> {
	const { config } = lifecycleContext();
	const meta = await readMeta('activeProvider').catch(() => null);
	const remembered = rememberedProvider(config, meta) ?? rememberedOAuth2(config, meta);
	if (!remembered) return 'none';
	const { provider, mode } = remembered;
	const stored = await loadCredentials(sourceKeyOf(provider, mode)).catch(() => null);
	let claims: IdentityClaims;
	if (mode === 'guest' && isIdentityPool(provider)) {
		// A guest has no ID token: the identity id is who they are.
		const id = stored?.identityId ?? (await (await poolPath()).heldGuestIdentity(provider));
		if (!id) return 'none';
		claims = { sub: id, iss: 'cognito-identity.amazonaws.com', name: 'Guest' };
	} else {
		const user = await storedUser(provider).catch(() => null);
		const sub = user?.profile.sub ?? (isIdentityPool(provider) ? undefined : stored?.subject);
		if (!sub) return 'none';
		const name = user?.profile.name;
		const iss = isOAuth2Provider(provider) ? provider.providerId : provider.issuer;
		claims = { sub, iss: user?.profile.iss ?? iss, ...(name ? { name } : {}) };
	}
	session.assumingRole(provider, claims);
	const cp = activate(provider, mode);
	const valid = stored && stored.expiration - appClock().now() > MIN_VALIDITY_MS;
	if (!valid && isOAuth2Provider(provider)) {
		// Not renewed without the player, a reload included: the session ended with its credentials.
		session.fail(oauth2SessionEnded(provider));
		return 'none';
	}
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
	endTeamPlay();
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
