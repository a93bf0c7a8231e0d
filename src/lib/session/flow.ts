import { isCallbackUrl } from '../auth/base-url';
import { toSignInError } from '../auth/errors';
import { completeOAuth2SignIn } from '../auth/oauth2';
import { beginSignIn, completeSignIn, currentUser, endSignIn } from '../auth/sign-in';
import { storedUser } from '../auth/tokens';
import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import type { IdentityPoolConfig, RuntimeConfig } from '../config/schema';
import { AppError, isAppError } from '../errors';
import { loadPart } from '../federation/lazy-source';
import { activeProvider, appClock } from '../federation/runtime';
import { showAccessKeyId } from '../federation/show';
import { callerIdentityOf, getCallerIdentity, type CallerIdentity } from '../federation/sts';
import { credentialStatus } from './credential-status.svelte';
import type { PoolMode } from './cognito';
import { poolSession } from './pool-state.svelte';
import {
	activate,
	currentMode,
	lifecycleContext,
	rememberProvider,
	restoreSession,
	sessionReady,
	signOutEverywhere,
} from './lifecycle';
import { session, type IdentityClaims } from './state.svelte';

/*
 * The sign-in → federation path as one sequence, driving the session state the views render:
 * provider login (lib/auth) → callback → AssumeRoleWithWebIdentity (the OIDC source, through the shared
 * credential provider, into the vault: lib/federation) → session ready, with GetCallerIdentity confirming the
 * identity alongside. A reload shows the session from the vault without either.
 */

// A guest's code comes with an identity pool's path, loaded when it is used (issue 18).
const guestPart = (stopped: string) => loadPart(() => import('./pool-path'), stopped);

function asAppError(err: unknown): AppError {
	return isAppError(err) ? err : toSignInError(err, 'callback');
}

/** Where the player is now, relative to the app's base: kept across a sign-in. */
function hereRelativeTo(baseUrl: string): string {
	const here = new URL(location.href);
	const base = new URL(baseUrl);
	if (here.origin !== base.origin || !here.pathname.startsWith(base.pathname)) return '';
	return here.pathname.slice(base.pathname.length) + here.search + here.hash;
}

/** Leave for the provider's login page. On failure the session shows the error. */
export async function startSignIn(
	provider: SignInProvider,
	baseUrl: string,
	returnTo = '',
): Promise<void> {
	session.signingIn(provider);
	try {
		await beginSignIn(provider, baseUrl, returnTo);
	} catch (err) {
		session.fail(asAppError(err));
	}
}

/**
 * New credentials for `provider` through the page's credential provider (one AssumeRoleWithWebIdentity,
 * stored sealed in the vault); the session is ready with them at once, and GetCallerIdentity signed with them
 * proves they work alongside. Resolves once it has answered; rejects when it refused (the session is then
 * still shown ready until the caller fails it).
 */
export async function federate(
	config: RuntimeConfig,
	provider: SignInProvider,
	claims: IdentityClaims,
	force: boolean,
	mode: PoolMode = 'player',
): Promise<void> {
	session.assumingRole(provider, claims);
	const cp = activate(provider, mode);
	// A new OAuth 2.0 sign-in starts a new session: credentials of the one before are never renewed from it.
	if (force && isOAuth2Provider(provider)) await cp.forget();
	if (force) await cp.refreshNow();
	else await cp();
	await rememberProvider(provider, mode);
	const held = cp.current();
	if (!held) throw new AppError('vault-unreadable', 'The new credentials could not be read back.');
	// The session is ready the moment credentials exist: the game becomes playable and reads its data while
	// GetCallerIdentity, signed with the same credentials, proves they work (issue 18: one STS round trip off
	// the way to a playable game). Until it answers, the card shows the principal STS's answer named, as a
	// reload does; its answer then replaces it. A refusal still ends in `session.error` (thrown to the
	// caller, as before) and in the call log.
	const confirmation = getCallerIdentity(config, cp, appClock());
	confirmation.catch(() => undefined); // awaited below, after the session is ready
	await sessionReady({
		assumedRoleArn: held.assumedRoleArn,
		callerIdentity: callerIdentityOf(held),
		accessKeyIdShown: showAccessKeyId(held.accessKeyId),
		expiration: new Date(held.expiration),
	});
	// Signed out (or signed in again) meanwhile: the answer is about a session that is gone.
	const stillCurrent = () => {
		try {
			return session.status === 'ready' && activeProvider() === cp;
		} catch {
			return false; // nobody is signed in any more
		}
	};
	let identity: CallerIdentity;
	try {
		identity = await confirmation;
	} catch (err) {
		if (stillCurrent()) throw err;
		return;
	}
	if (stillCurrent()) session.identityConfirmed(identity);
}

/** The claims the session shows, from the user oidc-client-ts signed in (its `profile`). */
function claimsOf(user: { profile: { sub: string; iss: string; name?: unknown } }): IdentityClaims {
	const { sub, iss, name } = user.profile;
	return { sub, iss, ...(typeof name === 'string' ? { name } : {}) };
}

/**
 * Run once the config is loaded and the lifecycle started: on the callback route, finish the sign-in and
 * assume the role; elsewhere restore the session from the vault (no provider or STS request when its
 * credentials are valid). Failures end up in `session.error`, never thrown. `finished`: the callback's
 * code exchange, already started by the page (boot.ts's `finishSignIn`, issue 18); its result or its error
 * is taken as `completeSignIn`'s own.
 */
export async function handleArrival(
	config: RuntimeConfig,
	baseUrl: string,
	href: string,
	finished?: ReturnType<typeof completeSignIn>,
): Promise<void> {
	try {
		if (isCallbackUrl(href, baseUrl)) {
			session.signingIn(null);
			const {
				provider,
				user: signedIn,
				returnTo,
			} = await (finished ?? completeSignIn(config, baseUrl, href));
			// OAuth 2.0: no ID token; who signed in comes from the provider's profile endpoint.
			const user = isOAuth2Provider(provider)
				? await completeOAuth2SignIn(provider, signedIn, baseUrl)
				: signedIn;
			if (!user.id_token && !isOAuth2Provider(provider)) {
				throw new AppError('login-failed', `${provider.displayName} did not return an ID token.`, {
					title: 'Sign-in failed',
					hint: 'Check that the scopes include "openid".',
				});
			}
			await federate(config, provider, claimsOf(user), true);
			if (returnTo) history.replaceState(null, '', new URL(returnTo, baseUrl));
			return;
		}
		const restored = await restoreSession();
		if (restored === 'needs-credentials' && session.provider && session.claims) {
			await federate(config, session.provider, session.claims, false, currentMode());
		}
	} catch (err) {
		if (session.status !== 'error') session.fail(asAppError(err));
	}
}

/** "Play as guest" on an identity pool that allows guests (guest.ts). */
export async function playAsGuest(config: RuntimeConfig, pool: IdentityPoolConfig): Promise<void> {
	return (await guestPart('the guest session cannot start')).playAsGuest(config, pool, federate);
}

/** A guest's "Sign in": their progress into the outbox first, then the pool's provider (guest.ts). */
export async function signInFromGuest(pool: IdentityPoolConfig, baseUrl: string): Promise<void> {
	const guest = await guestPart('signing in cannot go on').catch((error: AppError) => {
		poolSession.tell(error.message);
		return null;
	});
	await guest?.keepGuestProgressAndSignIn(pool, baseUrl, startSignIn, rememberProvider);
}

/** The signed-in home's "Sign in to keep your progress" for the guest playing now. */
export async function signInToKeepProgress(): Promise<void> {
	const { baseUrl } = lifecycleContext();
	const pool = session.provider;
	if (pool && 'identityPoolId' in pool) await signInFromGuest(pool as IdentityPoolConfig, baseUrl);
}

/**
 * "Try again": when the sign-in ended, sign in again and come back here; else re-assume the role while
 * the ID token is still valid; else back to the sign-in screen.
 */
export async function retry(config: RuntimeConfig, baseUrl: string): Promise<void> {
	const provider = session.provider;
	if (provider && session.error?.code === 'session-expired') {
		await startSignIn(provider, baseUrl, hereRelativeTo(baseUrl));
		return;
	}
	const user = provider ? await currentUser(provider, baseUrl).catch(() => null) : null;
	if (!provider || !user) {
		session.reset();
		return;
	}
	try {
		await federate(config, provider, claimsOf(user), true);
	} catch (err) {
		if (session.status !== 'error') session.fail(asAppError(err));
	}
}

/**
 * Sign out: the vault is wiped and every tab signed out here, then the session ends at the provider (its
 * end-session endpoint, which returns to the app).
 */
export async function signOut(baseUrl: string): Promise<void> {
	const provider = session.provider;
	// A guest never signed in at the provider: there is no session there to end.
	const guest = currentMode() === 'guest';
	const user = provider ? await storedUser(provider).catch(() => null) : null;
	await signOutEverywhere();
	if (!provider || guest) return;
	try {
		await endSignIn(provider, baseUrl, user?.id_token);
	} catch (err) {
		session.fail(asAppError(err));
	}
}

/** The player's "Refresh now": new credentials from STS, proven with GetCallerIdentity. */
export async function refreshCredentialsNow(): Promise<void> {
	const { config } = lifecycleContext();
	credentialStatus.tell(null);
	try {
		const cp = activeProvider();
		await cp.refreshNow();
		session.identityConfirmed(await getCallerIdentity(config, cp, appClock()));
		credentialStatus.tell('New credentials from AWS STS, confirmed with GetCallerIdentity.');
	} catch (err) {
		credentialStatus.tell(null, asAppError(err));
	}
}

/** The player's "Check with AWS": GetCallerIdentity with the credentials held now (refreshed if AWS says expired). */
export async function checkWithAws(): Promise<void> {
	const { config } = lifecycleContext();
	credentialStatus.tell(null);
	try {
		const identity = await getCallerIdentity(config, activeProvider(), appClock());
		session.identityConfirmed(identity);
		credentialStatus.tell(`AWS answered GetCallerIdentity: ${identity.arn}`);
	} catch (err) {
		credentialStatus.tell(null, asAppError(err));
	}
}

/** The player's "Forget credentials": gone from the vault and memory; the next AWS call gets new ones. */
export async function forgetCredentials(): Promise<void> {
	try {
		await activeProvider().forget();
		credentialStatus.tell(
			'Credentials forgotten. The next AWS call assumes the role again with your ID token — or asks you to sign in if it has expired.',
		);
	} catch (err) {
		credentialStatus.tell(null, asAppError(err));
	}
}

/** The corrected clock (AWS time) the credential countdown runs on. */
export function correctedClock() {
	return appClock();
}

/** Credentials are refreshed when this many seconds or fewer are left. */
export function refreshThresholdSeconds(): number {
	return lifecycleContext().config.refreshThresholdSeconds;
}

/**
 * The expiry prompt's "Sign in again" (OAuth 2.0 path): to the provider and back here. The outbox stays in
 * the vault meanwhile and drains once the new credentials are in.
 */
export async function signInAgainNow(): Promise<void> {
	const { baseUrl } = lifecycleContext();
	const provider = session.provider;
	if (provider) await startSignIn(provider, baseUrl, hereRelativeTo(baseUrl));
}
