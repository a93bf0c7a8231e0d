import { createClock, type Clock } from '../aws/clock';
import { AppError } from '../errors';
import { createCredentialProvider, type CredentialProvider } from './credential-provider';
import { createRefreshCoordinator, type RefreshCoordinator } from './refresh-coordinator';
import type { CredentialSource } from './source';

/*
 * The page's credential machinery, one of each: the corrected clock, the cross-tab refresh coordinator, and
 * the active credential source with its provider, which every AWS call of the signed-in player uses (the
 * game through lib/session, the inspector directly).
 */

const clock = createClock();
let coordinator: RefreshCoordinator | undefined;
let active: { source: CredentialSource; provider: CredentialProvider } | null = null;

/** The app's corrected clock (AWS time): credentials, the countdown and every AWS call share it. */
export function appClock(): Clock {
	return clock;
}

/** This tab's coordinator: Web Locks `fedplay-refresh` and the `fedplay` BroadcastChannel. */
export function refreshCoordinator(): RefreshCoordinator {
	return (coordinator ??= createRefreshCoordinator());
}

/** The credential provider of the signed-in player. Throws when nobody is signed in. */
export function activeProvider(): CredentialProvider {
	if (!active) {
		throw new AppError(
			'credentials-expired',
			'Nobody is signed in, so there are no AWS credentials.',
			{ title: 'Not signed in', hint: 'Sign in to play.' },
		);
	}
	return active.provider;
}

/** The source the signed-in player's credentials come from; null when nobody is signed in. */
export function activeSource(): CredentialSource | null {
	return active?.source ?? null;
}

/**
 * Make `source` the page's one (the previous one, if another, is closed) and answer its provider.
 * Activating a source with the same key again keeps the existing provider and its memory.
 */
export function activateSource(
	source: CredentialSource,
	options: { thresholdMs: number },
): CredentialProvider {
	if (active?.source.key === source.key) return active.provider;
	deactivateSource();
	const provider = createCredentialProvider({
		source,
		thresholdMs: options.thresholdMs,
		coordinator: refreshCoordinator(),
		now: clock.now,
	});
	active = { source, provider };
	return provider;
}

/** Sign-out (here or in another tab): stop the provider's timers and forget the source. */
export function deactivateSource(): void {
	active?.provider.close();
	active = null;
}
