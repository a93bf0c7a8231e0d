import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, pageHeaders, renderMessagePage } from './pages';

/**
 * The pages oidc-provider renders itself (logout confirmation, signed out, error), in our style and
 * under our CSP instead of its defaults, which load Google Fonts and print every error field.
 */

function respond(ctx: KoaContextWithOIDC, csp: string, html: string): void {
	for (const [name, value] of Object.entries(pageHeaders(csp))) ctx.set(name, value);
	ctx.type = 'html';
	ctx.body = html;
}

/** `features.rpInitiatedLogout.logoutSource`: `form` is oidc-provider's hidden form with its xsrf. */
export async function pageLogoutSource(
	ctx: KoaContextWithOIDC,
	form: string,
	displayName: string,
	csp: string,
): Promise<void> {
	const actions = `${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>
</div>`;
	const message = `You are signed in to ${displayName}. Sign out here too?`;
	respond(ctx, csp, renderMessagePage(`Sign out of ${displayName}?`, message, actions));
}

/** `features.rpInitiatedLogout.postLogoutSuccessSource`: shown when the app gave no redirect URI. */
export async function pagePostLogoutSource(
	ctx: KoaContextWithOIDC,
	displayName: string,
	csp: string,
): Promise<void> {
	const message = `You are signed out of ${displayName}. You can close this tab.`;
	respond(ctx, csp, renderMessagePage('Signed out', message));
}

/**
 * `renderError`: only the OAuth `error` and `error_description` are shown (never `state` or stack
 * traces); the HTTP status oidc-provider chose is kept.
 */
export async function pageErrorSource(
	ctx: KoaContextWithOIDC,
	out: Record<string, unknown>,
	displayName: string,
	csp: string,
): Promise<void> {
	const code = typeof out.error === 'string' ? out.error : 'server_error';
	const description =
		typeof out.error_description === 'string' ? out.error_description : 'Something went wrong.';
	const details = `<dl><dt>Error</dt><dd><code>${escapeHtml(code)}</code></dd></dl>`;
	const sentence = /[.!?]$/.test(description) ? description : `${description}.`;
	const message = `${sentence} Go back to the app and try signing in again.`;
	respond(ctx, csp, renderMessagePage(`${displayName} could not sign you in`, message, details));
}
