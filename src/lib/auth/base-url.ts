/**
 * Where the app lives, derived at run time so one build works from any path prefix (`/` or
 * `/games/fedplay/`). The entry chunk sits in `<base>assets/` in a build (and `/src/main.ts` in dev), so its
 * parent directory is the base.
 */
export function appBaseFromModuleUrl(moduleUrl: string): string {
	const base = new URL('..', moduleUrl);
	base.search = '';
	base.hash = '';
	return base.href;
}

/** The OIDC redirect URI: `<base>callback`. */
export function callbackUrl(base: string): string {
	return new URL('callback', base).href;
}

/** True when `href` is the callback route under `base` (query and hash ignored). */
export function isCallbackUrl(href: string, base: string): boolean {
	const here = new URL(href);
	const callback = new URL(callbackUrl(base));
	return here.origin === callback.origin && here.pathname === callback.pathname;
}
