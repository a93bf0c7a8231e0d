import { isAppError, partNotDownloaded } from '../errors';
import type { CredentialSource } from './source';

/*
 * Each federation path's code (Cognito identity pools, OAuth 2.0 with ProviderId, role chaining) is a chunk
 * of its own, downloaded the first time the session's path uses it: the direct OpenID Connect path never
 * loads the others (issue 18). Behind the credential-source seam, so the provider, the vault and the
 * screens see an ordinary source whose key and kind are known before its code arrives.
 */

/**
 * `load()`, with a download that fails (offline, a new deployment) said as an AppError: never a hang.
 * `stopped`: what cannot go on without it.
 */
export async function loadPart<T>(
	load: () => Promise<T>,
	stopped = 'new AWS credentials cannot be fetched',
): Promise<T> {
	try {
		return await load();
	} catch (cause) {
		if (isAppError(cause)) throw cause;
		throw partNotDownloaded(cause, stopped);
	}
}

/**
 * A source whose code loads on its first `obtain` (once; a failed download is tried again on the next).
 * `signInAgain` is the session's own, so the last resort works even when the code could not be loaded.
 */
export function lazySource(
	known: Pick<CredentialSource, 'key' | 'kind' | 'supportsSessionTags' | 'signInAgain'>,
	load: () => Promise<CredentialSource>,
): CredentialSource {
	let loaded: Promise<CredentialSource> | undefined;
	const source = () =>
		(loaded ??= loadPart(load).catch((error: unknown) => {
			loaded = undefined;
			throw error;
		}));
	return {
		key: known.key,
		kind: known.kind,
		...(known.supportsSessionTags === undefined
			? {}
			: { supportsSessionTags: known.supportsSessionTags }),
		obtain: async (previous, options) => (await source()).obtain(previous, options),
		signInAgain: known.signInAgain,
	};
}
