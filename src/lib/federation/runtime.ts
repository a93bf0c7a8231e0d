import { AppError } from '../errors';
import { createClock, type Clock } from './clock-skew';
import {
	createCredentialProvider,
	type CredentialProvider,
	type CredentialProviderDeps,
} from './credential-provider';
import { createRefreshCoordinator, type RefreshCoordinator } from './refresh-coordinator';

/*
 * The page's credential machinery, one of each: the corrected clock, the cross-tab refresh coordinator,
 * and the credential provider of the signed-in provider and role, which every AWS SDK client uses.
 */

const clock = createClock();
let coordinator: RefreshCoordinator | undefined;
let active: { key: string; provider: CredentialProvider } | null = null;

/** The app's corrected clock (AWS time): the credential provider, the countdown and every client share it. */
export function appClock(): Clock {
	return clock;
}

/** This tab's coordinator: Web Locks `fedplay-refresh` and the `fedplay` BroadcastChannel. */
export function refreshCoordinator(): RefreshCoordinator {
	return (coordinator ??= createRefreshCoordinator());
}

/**
 * The credential provider of the signed-in player, for every AWS SDK client:
 * `new S3Client({ credentials: credentialProvider(), … })` then `applyFedplayMiddleware(client,
 * credentialProvider(), appClock())`. Throws when nobody is signed in.
 */
export function credentialProvider(): CredentialProvider {
	if (!active) {
		throw new AppError(
			'credentials-expired',
			'Nobody is signed in, so there are no AWS credentials.',
			{
				title: 'Not signed in',
				hint: 'Sign in to play.',
			},
		);
	}
	return active.provider;
}

/** True when a player is signed in and `credentialProvider()` answers. */
export function hasCredentialProvider(): boolean {
	return active !== null;
}

/** What `activateCredentialProvider` needs beyond the clock and the coordinator it brings itself. */
export type ActivateDeps = Omit<CredentialProviderDeps, 'coordinator' | 'now' | 'vault'>;

/**
 * Make the provider for `deps.providerId`/`deps.roleArn` the page's one (the previous one, if another, is
 * closed). Activating the same pair again keeps the existing provider and its memory.
 */
export function activateCredentialProvider(deps: ActivateDeps): CredentialProvider {
	const key = `${deps.providerId}|${deps.roleArn}`;
	if (active?.key === key) return active.provider;
	deactivateCredentialProvider();
	const provider = createCredentialProvider({
		...deps,
		coordinator: refreshCoordinator(),
		now: clock.now,
	});
	active = { key, provider };
	return provider;
}

/** Sign-out (here or in another tab): stop the provider's timers and forget it. */
export function deactivateCredentialProvider(): void {
	active?.provider.close();
	active = null;
}
