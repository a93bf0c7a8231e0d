/**
 * The provider's own HTML pages: login, logout confirmation, signed out and errors. Plain HTML with one
 * same-origin stylesheet; no script, no inline style, no outside request, so a strict CSP holds.
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

export const stylesheetPath = '/__sandbox/login.css';

/**
 * The Content-Security-Policy of every page the provider serves. `form-action` lists the issuer and the
 * app origins because Chromium applies it to the whole redirect chain after a form is sent: POST
 * /interaction → 303 /auth/:uid → 303 to the app's callback (and the logout form → the app's
 * post-logout URI). The issuer origin is listed besides 'self' for a page opened as 127.0.0.1 whose
 * redirects go to localhost. The empty `script-src` means 'none'; it is there so that oidc-provider's
 * one self-submitting page (sign-out without a session) can add the hash of its inline script to it.
 */
export function pageSecurityPolicy(issuer: string, appOrigins: readonly string[]): string {
	const formTargets = ["'self'", new URL(issuer).origin, ...appOrigins].join(' ');
	return [
		"default-src 'none'",
		'script-src',
		"style-src 'self'",
		`form-action ${formTargets}`,
		"frame-ancestors 'none'",
		"base-uri 'none'",
	].join('; ');
}

/** Headers sent with every page: the CSP above, no caching (pages embed one-time ids), no sniffing. */
export function pageHeaders(csp: string): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': csp,
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
	};
}

/** The common page frame. `body` must already be escaped HTML. */
export function renderPage(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${stylesheetPath}">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`;
}

/** A page with a heading, one paragraph and optional extra (already escaped) HTML. */
export function renderMessagePage(heading: string, message: string, extraHtml = ''): string {
	const body = `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(message)}</p>\n${extraHtml}`;
	return renderPage(heading, body);
}
