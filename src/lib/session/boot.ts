import { AppError } from '../errors';
import type { RuntimeConfig } from '../config/schema';
import { readMeta } from '../vault/meta';

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
		throw new AppError(
			'network-down',
			'Part of Fedplay could not be downloaded, so signing in cannot go on.',
			{ title: 'Fedplay could not load', hint: 'Check your connection, then try again.' },
			cause,
		);
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
 * Start downloading what a signed-in page runs (the session machinery and the game's data layer, and on
 * the sign-in callback the STS client) in parallel, so no stage waits on the one before for its code
 * (issue 18). A reload restores credentials from the vault: it loads the STS client only to renew them.
 */
export function preloadSignedIn(callback: boolean): void {
	const ignore = () => undefined;
	void import('./flow').catch(ignore);
	void import('./lifecycle').catch(ignore);
	if (callback) void import('../federation/sts').then((m) => m.preloadStsClient(), ignore);
	void import('../game/data-layer').catch(ignore);
}

/** Load the OIDC library once the screen is usable, so the sign-in click is instant. */
export function warmSignIn(): void {
	import('../auth/oidc').then((m) => m.loadOidc()).catch(() => {});
}
