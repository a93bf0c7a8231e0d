import type { Provider } from 'oidc-provider';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Throws unless every origin is a bare http(s) loopback origin: the origin rule below is dev-only. */
export function assertLoopbackOrigins(origins: readonly string[]): void {
	for (const origin of origins) {
		const url = URL.parse(origin);
		const bare = url !== null && url.origin === origin;
		if (!bare || !['http:', 'https:'].includes(url.protocol) || !loopbackHosts.has(url.hostname)) {
			throw new Error(
				`app origin "${origin}" must be a loopback origin like http://localhost:5173`,
			);
		}
	}
}

/**
 * True when `uri` may receive a code or a logout redirect: its origin is one of the app's origins, and
 * it carries no credentials or fragment. Any path is allowed so the app also works deployed under a
 * path prefix (`http://localhost:4173/fedplay/callback`).
 */
export function isAppUri(uri: string, appOrigins: readonly string[]): boolean {
	const url = URL.parse(uri);
	if (url === null || url.username !== '' || url.password !== '' || uri.includes('#')) return false;
	return appOrigins.includes(url.origin);
}

/**
 * Replaces oidc-provider's exact-match redirect URI checks with the origin rule above, the way its
 * "redirect URI wildcards" recipe does. Real providers match exactly; this sandbox only ever serves
 * loopback origins (checked by `assertLoopbackOrigins`), so an open redirect cannot leave the machine.
 */
export function allowAnyPathOnAppOrigins(provider: Provider, appOrigins: readonly string[]): void {
	const client = provider.Client.prototype;
	client.redirectUriAllowed = (uri) => isAppUri(uri, appOrigins);
	client.postLogoutRedirectUriAllowed = (uri) => isAppUri(uri, appOrigins);
}
