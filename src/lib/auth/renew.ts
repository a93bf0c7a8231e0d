import type { OidcClient, RefreshState, SigninResponse, User } from 'oidc-client-ts';
import type { ProviderConfig } from '../config/schema';
import { loadOidc, loadUser, oidcClientFor, storeUser } from './oidc';
import { answerInHiddenIframe, SILENT_TIMEOUT_MS, silentCallbackUrl } from './silent-renew';

/*
 * A silent renew of the ID token, on oidc-client-ts's OidcClient: loaded (with the library) only when a
 * token must be renewed, so none of it is in the chunks the sign-in and a signed-in reload load (issue 18).
 */

/** What the refresh token grant starts from: the stored user, as UserManager handed it to OidcClient. */
function refreshStateOf(user: User, refreshToken: string): RefreshState {
	return {
		refresh_token: refreshToken,
		id_token: user.id_token,
		session_state: user.session_state,
		scope: user.scope,
		profile: user.profile,
		data: user.state,
	};
}

/**
 * The authorization request with `prompt=none` in a hidden iframe (silent-renew.ts), answered on
 * `silent-callback.html`; the answer's state, nonce and code checked and redeemed by the OidcClient. An
 * unanswered request's state is removed at once.
 */
async function iframeGrant(client: OidcClient, baseUrl: string): Promise<SigninResponse> {
	const redirectUri = silentCallbackUrl(baseUrl);
	const request = await client.createSigninRequest({
		request_type: 'si:s',
		redirect_uri: redirectUri,
		prompt: 'none',
	});
	let answer: string;
	try {
		answer = await answerInHiddenIframe(request.url, redirectUri);
	} catch (err) {
		await client.settings.stateStore.remove(request.state.id).catch(() => null);
		throw err;
	}
	return client.processSigninResponse(answer);
}

/**
 * A new ID token without the player: the refresh token grant at the provider's token endpoint when the
 * provider gave a refresh token, else an authorization request with `prompt=none` in a hidden iframe
 * (answered on `silent-callback.html` while the player's session at the provider lasts). Null when the
 * provider refuses (login_required, third-party cookies blocked), answers for another player, or does not
 * answer in time: the player is then asked to sign in again.
 */
export async function renewSilently(
	provider: ProviderConfig,
	baseUrl: string,
): Promise<string | null> {
	// Only a signed-in player is renewed: after sign-out the provider's session must not sign them back in.
	const user = await loadUser(provider);
	if (!user) return null;
	try {
		const [oidc, client] = await Promise.all([loadOidc(), oidcClientFor(provider, baseUrl)]);
		let renewed: User;
		if (user.refresh_token) {
			// The refresh token grant (10 s at most, as UserManager ran it); the ID token's sub checked there.
			const state = refreshStateOf(user, user.refresh_token);
			const response = await client.useRefreshToken({
				state,
				timeoutInSeconds: SILENT_TIMEOUT_MS / 1000,
			});
			renewed = new oidc.User({ ...state, ...response });
		} else {
			const response = await iframeGrant(client, baseUrl);
			// The provider's session may be another player's by now: never switch players silently.
			if (response.profile.sub !== user.profile.sub) return null;
			renewed = new oidc.User(response);
		}
		// Signed out meanwhile: the new tokens are not kept (nor handed out).
		if (!(await loadUser(provider))) return null;
		await storeUser(provider, renewed);
		return renewed.id_token ?? null;
	} catch {
		return null;
	}
}
