import { loadOidcCode } from '../auth/warm';
import type { SignInProvider } from '../config/providers';
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

/**
 * Start downloading what a signed-in page runs (the session machinery, the game's data layer and the team
 * layer, and on the sign-in callback the STS client with the SDK) in parallel, so no stage waits on the one
 * before for its code (issue 18). The SDK's chunk is asked for here, not by the STS module once that has
 * arrived (a chain of two downloads). The team layer is always needed: every session reads the tournament
 * results (and a tagged player their team's board). A reload restores credentials from the vault: it loads
 * the STS client only to renew them.
 */
export function preloadSignedIn(callback: boolean): void {
	const ignore = () => undefined;
	void import('./flow').catch(ignore);
	void import('./lifecycle').catch(ignore);
	if (callback) {
		void import('../federation/sts').catch(ignore);
		void preloadStsSdk().catch(ignore);
	}
	void import('../game/data-layer').catch(ignore);
	void import('../game/team-layer').catch(ignore);
}

/**
 * Load the OIDC code once the screen is usable, so the sign-in click is instant: the app's wrapper and
 * oidc-client-ts itself at once (the wrapper imports the library lazily: asked for in turn they were a
 * chain of two downloads, issue 18).
 */
export function warmSignIn(): Promise<void> {
	const ignore = () => undefined;
	return loadOidcCode().then(ignore, ignore);
}

/**
 * The sign-in screen's provider button: leave for the provider as soon as the OIDC code and the discovery
 * document are in. Leaving needs neither the credential lifecycle nor the rest of the session machinery
 * (they serve the page after the callback), so their download is not on this path. Failures are shown,
 * never thrown.
 */
export async function signInFromScreen(provider: SignInProvider, baseUrl: string): Promise<void> {
	// Both at once (no chain); oidc.js is the smaller: it arrives first and starts the provider's discovery
	// document (beginSignIn → userManagerFor → discoveryOf) while oidc-client-ts is still arriving.
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
