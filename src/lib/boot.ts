import { AppError } from './errors';
import type { RuntimeConfig } from './config/schema';
import { readMeta } from './vault/meta';

/*
 * What the first screen needs is small: the config, the views and one look into the vault. The machinery of a
 * signed-in session (the credential lifecycle, the sign-in flow, the inspector's hook on STS clients) loads
 * behind the sign-in screen on a first visit, and before anything else when there is a session to restore.
 */

export interface SessionMachinery {
	flow: typeof import('./auth/flow');
	resetInspector: () => void;
}

let machinery: Promise<SessionMachinery> | undefined;

/** Load and start the session machinery once per page (a failed load may be retried). */
export function loadSessionMachinery(
	config: RuntimeConfig,
	baseUrl: string,
): Promise<SessionMachinery> {
	machinery ??= (async () => {
		const [flow, lifecycle, inspector] = await Promise.all([
			import('./auth/flow'),
			import('./auth/lifecycle'),
			import('./inspector/connect'),
		]);
		// The call log must be attached before the first STS call.
		await inspector.connectInspector();
		await lifecycle.startLifecycle(config, baseUrl);
		return { flow, resetInspector: inspector.resetInspector };
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
