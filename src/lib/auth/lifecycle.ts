import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import { credentialStatus } from '../federation/credential-status.svelte';
import type { CredentialProvider } from '../federation/credential-provider';
import {
	activateCredentialProvider,
	appClock,
	deactivateCredentialProvider,
	refreshCoordinator,
} from '../federation/runtime';
import { roleSessionName } from '../federation/session-name';
import { session, type IdentityClaims } from '../federation/session.svelte';
import { assumeRoleWithWebIdentity } from '../federation/sts';
import { startPurgeTimer } from '../vault/credentials';
import { vaultDb } from '../vault/db';
import { readMeta, writeMeta } from '../vault/meta';
import { IndexedDbStateStore } from '../vault/oidc-store';
import { credentialStore, useCredentialStore, type StoredCredentials } from './credential-store';
import { useStateStore, useUserStore } from './oidc';
import { idTokenIfValid, renewSilently, storedUser, unverifiedClaims } from './tokens';
import { vaultCredentialStore } from './vault-credential-store';

/*
 * The credential lifecycle wired into the app: the vault behind oidc-client-ts and the credential store,
 * the corrected clock, expired-credential purging, the one credential provider of the signed-in player,
 * and sign-out across tabs. Nothing here talks to the provider or to STS at start-up.
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
 * Once per page, before anything signs in or restores: OIDC users and sign-in states go to the sealed
 * IndexedDB stores, credentials to the vault; the clock starts from the last skew seen; expired credentials
 * are purged now and every minute; a sign-out in another tab ends the session here. Without IndexedDB (a
 * browser that refuses it) the memory stores stay: the app works, a reload signs the player out.
 */
export async function startLifecycle(config: RuntimeConfig, baseUrl: string): Promise<void> {
	app = { config, baseUrl };
	try {
		await vaultDb();
	} catch {
		return;
	}
	useUserStore(() => new IndexedDbStateStore('user'));
	useStateStore(() => new IndexedDbStateStore('state'));
	useCredentialStore(vaultCredentialStore());
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

/** The page's credential provider for `provider`, bound to the session and the credential panel. */
export function activate(provider: ProviderConfig): CredentialProvider {
	const { config, baseUrl } = lifecycleContext();
	const clock = appClock();
	const cp = activateCredentialProvider({
		providerId: provider.id,
		roleArn: provider.roleArn,
		thresholdMs: config.refreshThresholdSeconds * 1000,
		assume: (idToken) =>
			assumeRoleWithWebIdentity({
				config,
				provider,
				idToken,
				sessionName: roleSessionName(unverifiedClaims(idToken)),
				clock,
			}),
		getIdToken: async () => idTokenIfValid(await storedUser(provider, baseUrl), clock.now()),
		silentRenew: () => renewSilently(provider, baseUrl),
		requestInteractiveSignIn: () => askToSignInAgain(provider),
	});
	if (bound?.provider !== cp) {
		bound?.unbind();
		bound = { provider: cp, unbind: cp.onChange(follow) };
	}
	return cp;
}

function follow(state: CredentialProvider['state']): void {
	credentialStatus.update(state);
	if (state.accessKeyId !== null && state.expiration !== null) {
		session.credentialsChanged(state.accessKeyId, new Date(state.expiration));
	}
}

/** Remember who is signed in, so a reload can show them without asking anyone. */
export function rememberProvider(provider: ProviderConfig): Promise<void> {
	return writeMeta('activeProvider', provider.id).catch(() => undefined);
}

/** The identity a restored session shows, from the stored user (if any) and the vault record. */
function restoredClaims(
	provider: ProviderConfig,
	user: Awaited<ReturnType<typeof storedUser>>,
	stored: StoredCredentials | null,
): IdentityClaims | null {
	const sub = user?.profile.sub ?? stored?.subject;
	if (!sub) return null;
	const name = user?.profile.name;
	return { sub, iss: user?.profile.iss ?? provider.issuer, ...(name ? { name } : {}) };
}

/** GetCallerIdentity's answer for an assumed role, read from the vault record instead of asking STS. */
export function callerIdentityOf(stored: StoredCredentials) {
	const account = /^arn:aws[\w-]*:sts::(\d{12}):/.exec(stored.assumedRoleArn)?.[1] ?? '';
	return { account, arn: stored.assumedRoleArn, userId: stored.assumedRoleId ?? '' };
}

export type Restored = 'none' | 'from-vault' | 'needs-credentials';

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
	const loaded = await credentialStore()
		.load(provider.id)
		.catch(() => null);
	const stored = loaded?.roleArn === provider.roleArn ? loaded : null;
	const user = await storedUser(provider, baseUrl).catch(() => null);
	const claims = restoredClaims(provider, user, stored);
	if (!claims) return 'none';
	session.assumingRole(provider, claims);
	const cp = activate(provider);
	const valid =
		stored && stored.credentials.expiration.getTime() - appClock().now() > MIN_VALIDITY_MS;
	if (!valid) return 'needs-credentials';
	credentialStatus.restored(stored.obtainedAt.getTime());
	// From memory and the vault only (they are fresh): this also arms the refresh-ahead timer.
	await cp();
	session.ready({
		assumedRoleArn: stored.assumedRoleArn,
		callerIdentity: callerIdentityOf(stored),
		accessKeyId: stored.credentials.accessKeyId,
		expiration: stored.credentials.expiration,
	});
	return 'from-vault';
}

/** Sign-out here or in another tab: drop the provider and what the screens show. */
export function endSessionHere(): void {
	bound?.unbind();
	bound = null;
	deactivateCredentialProvider();
	credentialStatus.reset();
	session.reset();
}

/** Sign-out in this tab: the vault is wiped (its key too: the next sign-in makes a new one), every tab told. */
export async function signOutEverywhere(): Promise<void> {
	endSessionHere();
	await credentialStore()
		.clear()
		.catch(() => undefined);
	refreshCoordinator().announce({ type: 'signed-out' });
}
