import { discoveryOf } from '../auth/discovery-cache';
import { loadOidcCode } from '../auth/warm';
import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import { isAppError, partNotDownloaded, type AppError } from '../errors';
import { preloadStsSdk } from '../federation/sts-preload';
import type { RuntimeConfig } from '../config/schema';
import { readMeta } from '../vault/meta';
import { session } from './state.svelte';

/*
 * What the first screen needs is small: the config, the views and one look into the vault. The machinery of a
 * signed-in session (the credential lifecycle, the sign-in flow) loads behind the sign-in screen on a first
 * visit, and before anything else when there is a session to restore.
 */

export type SessionFlow = typeof import('./flow');

let machinery: Promise<SessionFlow> | undefined;

/** Load and start the session machinery once per page (a failed load may be retried). */
export function loadSessionMachinery(config: RuntimeConfig, baseUrl: string): Promise<SessionFlow> {
	machinery ??= (async () => {
		const [flow, lifecycle] = await Promise.all([import('./flow'), import('./lifecycle')]);
		await lifecycle.startLifecycle(config, baseUrl);
		return flow;
	})().catch((cause: unknown) => {
		machinery = undefined;
		throw downloadFailed(cause);
	});
	return machinery;
}

/** Whether this browser remembers a signed-in player (a cheap look at the vault: no key, no secret). */
export async function hasRememberedSession(): Promise<boolean> {
	try {
		return (await readMeta('activeProvider')) !== null;
	} catch {
		return false;
	}
}

/** What a player does before choosing a provider: a pointer over the page, a touch, a key, a focus. */
const INTENT_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'] as const;

/**
 * Run `action` once, at the first sign that the player is about to act. The sign-in screen's own code is all
 * a first visit downloads until then (its byte budget, issue 18); the sign-in code arrives while the
 * pointer travels to a button.
 */
export function onFirstIntent(action: () => void): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		for (const type of INTENT_EVENTS) removeEventListener(type, run, true);
		action();
	};
	for (const type of INTENT_EVENTS) {
		addEventListener(type, run, { capture: true, passive: true });
	}
}

/** What a sign-in callback finishes with: the provider's answer exchanged for the signed-in user. */
export type FinishedSignIn = Awaited<ReturnType<typeof import('../auth/sign-in').completeSignIn>>;

const ignore = () => undefined;

/**
 * Start downloading what a signed-in page runs on a reload (the session machinery, the game's data layer and
 * the team layer) in parallel, so no stage waits on the one before for its code (issue 18). The team layer is
 * always needed: every session reads the tournament results (and a tagged player their team's board). A
 * reload restores credentials from the vault: it loads the STS client only to renew them.
 */
export function preloadSignedIn(): void {
	preloadMachinery();
	preloadGame();
}

/**
 * On the sign-in callback, first what the way to credentials runs: the session machinery, the STS client
 * and the SDK's chunk (asked for here beside the STS module, not by it once it has arrived: a chain of two
 * downloads). The game's side (`preloadGame`, the Home view) is asked for once the code is exchanged: on a
 * slow link every download shares the bandwidth, and these are what AssumeRoleWithWebIdentity waits for
 * (issue 18). The code exchange itself runs from `finishSignIn`, without waiting for any of them.
 */
export function preloadCallback(): void {
	preloadMachinery();
	void import('../federation/sts').catch(ignore);
	void preloadStsSdk().catch(ignore);
}

/** The game's data layer and the team layer: what a ready session reads its data with. */
export function preloadGame(): void {
	void import('../game/data-layer').catch(ignore);
	void import('../game/team-layer').catch(ignore);
}

function preloadMachinery(): void {
	void import('./flow').catch(ignore);
	void import('./lifecycle').catch(ignore);
}

/**
 * On the sign-in callback: exchange the code at once (lib/auth's `completeSignIn`), from the OIDC code the
 * sign-in click left in the browser's cache and the config the sign-in started with — not after the
 * session machinery has arrived (issue 18: its download took as long as the exchange). `href` is the
 * callback's address as the page opened (completeSignIn takes the code out of the address bar). The flow
 * (`handleArrival`) takes the result or its error unchanged; a failed download of this code is the same
 * "could not load" error as the machinery's.
 */
export function finishSignIn(
	config: RuntimeConfig,
	baseUrl: string,
	href: string,
): Promise<FinishedSignIn> {
	const finished = import('../auth/sign-in').then(
		({ completeSignIn }) => completeSignIn(config, baseUrl, href),
		(cause: unknown) => {
			throw downloadFailed(cause);
		},
	);
	// Shown by the flow once it has loaded; should it never load, its own error is the one shown.
	finished.catch(ignore);
	return finished;
}

/**
 * Load the OIDC code once the screen is usable, so the sign-in click is instant: the app's wrapper and
 * oidc-client-ts itself at once (the wrapper imports the library lazily: asked for in turn they were a
 * chain of two downloads, issue 18).
 */
export function warmSignIn(): Promise<void> {
	return loadOidcCode().then(ignore, ignore);
}

/**
 * The sign-in screen's provider button: leave for the provider as soon as the OIDC code and the discovery
 * document are in. Leaving needs neither the credential lifecycle nor the rest of the session machinery
 * (they serve the page after the callback), so their download is not on this path. Failures are shown,
 * never thrown.
 */
export async function signInFromScreen(provider: SignInProvider, baseUrl: string): Promise<void> {
	// The provider's discovery document at once, from this (first) bundle, beside the OIDC code (its two
	// chunks at once, no chain): it no longer waits for the OIDC wrapper's chunk to arrive and ask for it
	// (issue 18). The OidcClient built meanwhile takes the same request (discoveryOf shares it). An OAuth
	// 2.0 provider has no discovery document.
	if (!isOAuth2Provider(provider)) void discoveryOf(provider);
	void warmSignIn();
	session.signingIn(provider);
	try {
		const { beginSignIn } = await import('../auth/oidc');
		await beginSignIn(provider, baseUrl);
	} catch (err) {
		session.fail(isAppError(err) ? err : downloadFailed(err));
	}
}

function downloadFailed(cause: unknown): AppError {
	return partNotDownloaded(cause, 'signing in cannot go on');
}
