/**
 * The OIDC code, all parts at once: the app's wrapper and oidc-client-ts itself (the wrapper imports the
 * library lazily: asked for in turn they were a chain of two downloads, issue 18), and the callback's own
 * small module (sign-in.ts), so the callback page finds all of it in the browser's cache and exchanges its
 * code without downloading anything first. Tiny and static in the first bundle, so the sign-in screen's
 * first move or click starts them without a download first.
 */
export function loadOidcCode(): Promise<unknown> {
	return Promise.all([import('./oidc'), import('oidc-client-ts'), import('./sign-in')]);
}
