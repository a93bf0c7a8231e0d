/**
 * The OIDC code, both parts at once: the app's wrapper and the parts of oidc-client-ts it runs
 * (oidc-library.ts; the wrapper imports them lazily: asked for in turn they were a chain of two downloads,
 * issue 18). Tiny and static in the first bundle, so the sign-in screen's first move or click starts both
 * without a download first.
 */
export function loadOidcCode(): Promise<unknown> {
	return Promise.all([import('./oidc'), import('./oidc-library')]);
}
