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

/** Load the OIDC library once the screen is usable, so the sign-in click is instant. */
export function warmSignIn(): void {
	import('../auth/oidc').then((m) => m.loadOidc()).catch(() => {});
}
