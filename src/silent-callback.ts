/*
 * The page a silent renew lands on, inside the app's hidden iframe (src/lib/auth/silent-renew.ts): the
 * provider answered the `prompt=none` authorization request with a code (or an error such as
 * login_required). This page only posts its URL to the app that framed it, on this origin only; the app
 * checks the message's origin and source, then its OidcClient checks the state and redeems the code. No
 * oidc-client-ts here, and nothing is stored. `source`: the words of silent-renew.ts's SILENT_CALLBACK_MESSAGE
 * (an entry may not import lib/auth).
 */
if (window.parent !== window) {
	window.parent.postMessage(
		{ source: 'fedplay-silent-callback', url: location.href },
		location.origin,
	);
}
