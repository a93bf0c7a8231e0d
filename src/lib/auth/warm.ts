/**
 * The OIDC code, all parts at once: the app's wrapper, the parts of oidc-client-ts it runs (oidc-library.ts,
 * never the package itself: its whole namespace would bring UserManager back; the wrapper imports them
 * lazily: asked for in turn they were a chain of two downloads, issue 18), and the callback's own small
 * module (sign-in.ts), so the callback page finds all of it in the browser's cache and exchanges its code
 * without downloading anything first. Tiny and static in the first bundle, so the sign-in screen's first
 * move or click starts them without a download first.
 */
export function loadOidcCode(): Promise<unknown> {
	return Promise.all([import('./oidc'), import('./oidc-library'), import('./sign-in')]);
}
