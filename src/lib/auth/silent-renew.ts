/*
 * The hidden-iframe half of a silent renew, for providers that give no refresh token: the authorization
 * request (`prompt=none`, built and remembered by oidc-client-ts's OidcClient) is loaded in a hidden iframe;
 * the provider answers on `silent-callback.html`, which posts its own URL to the app; the app then redeems
 * the code with OidcClient (state, nonce and PKCE checked there). Ours rather than the library's
 * UserManager, whose navigators (and everything else it holds) would ship in the sign-in click's chunk.
 * No oidc-client-ts here: the callback page's entry stays free of it too.
 */

/**
 * What `silent-callback.html` posts to the app: `{ source: SILENT_CALLBACK_MESSAGE, url }`. The entry
 * (src/silent-callback.ts) writes the same words, as an entry may not import lib/auth.
 */
export const SILENT_CALLBACK_MESSAGE = 'fedplay-silent-callback';

/** How long the provider has to answer in the iframe (10 s, oidc-client-ts's silentRequestTimeoutInSeconds). */
export const SILENT_TIMEOUT_MS = 10_000;

/** Where the provider answers a silent renew (registered at the provider beside the callback). */
export function silentCallbackUrl(baseUrl: string): string {
	return new URL('silent-callback.html', baseUrl).href;
}

/** The provider did not answer in the hidden iframe in time (its login page refused to be framed, say). */
export class SilentRenewTimeout extends Error {
	constructor(seconds: number) {
		super(`The provider did not answer the silent sign-in within ${seconds} s.`);
		this.name = 'SilentRenewTimeout';
	}
}

/** `url` without its query and fragment; null when it is not a URL. */
function pathOf(url: string): string | null {
	try {
		const { origin, pathname } = new URL(url);
		return origin + pathname;
	} catch {
		return null;
	}
}

/**
 * Load `url` in a hidden iframe and resolve with the URL `redirectUri` was opened with there (the provider's
 * answer, code or error). Only a message from this iframe's window and from this origin counts. Rejects with
 * SilentRenewTimeout after `timeoutMs`. The iframe is removed in every outcome.
 */
export function answerInHiddenIframe(
	url: string,
	redirectUri: string,
	timeoutMs: number = SILENT_TIMEOUT_MS,
): Promise<string> {
	return new Promise((resolve, reject) => {
		const frame = document.createElement('iframe');
		frame.setAttribute('aria-hidden', 'true');
		frame.tabIndex = -1;
		frame.title = 'Signing in again';
		Object.assign(frame.style, {
			visibility: 'hidden',
			position: 'fixed',
			left: '-1000px',
			top: '0',
			width: '0',
			height: '0',
			border: '0',
		});
		const expected = pathOf(redirectUri);
		const finish = () => {
			clearTimeout(timer);
			window.removeEventListener('message', onMessage);
			frame.remove();
		};
		const onMessage = (event: MessageEvent) => {
			if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
			const data = event.data as { source?: unknown; url?: unknown } | null;
			if (typeof data !== 'object' || data === null || data.source !== SILENT_CALLBACK_MESSAGE)
				return;
			if (typeof data.url !== 'string' || pathOf(data.url) !== expected) return;
			finish();
			resolve(data.url);
		};
		const timer = setTimeout(() => {
			finish();
			reject(new SilentRenewTimeout(Math.round(timeoutMs / 1000)));
		}, timeoutMs);
		window.addEventListener('message', onMessage);
		frame.src = url;
		document.body.append(frame);
	});
}
