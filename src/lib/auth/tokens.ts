import type { OidcClient, RefreshState, SigninResponse, User } from 'oidc-client-ts';
import type { SignInProvider } from '../config/providers';
import type { ProviderConfig } from '../config/schema';
import { VaultStateStore } from '../vault/oidc-store';
import { loadOidc, loadUser, oidcClientFor, storeUser, userStoreKey } from './oidc';
import { answerInHiddenIframe, SILENT_TIMEOUT_MS, silentCallbackUrl } from './silent-renew';

/**
 * An ID token is handed to STS only with more than this left: the request's transit and a few minutes of
 * clock disagreement must not make STS answer ExpiredTokenException. Below it, renew first.
 */
export const ID_TOKEN_MARGIN_MS = 5 * 60_000;

/** What the app reads of a stored oidc-client-ts user (the access token: the OAuth 2.0 path's). */
export type StoredUser = Pick<User, 'id_token' | 'profile'> &
	Partial<Pick<User, 'access_token' | 'expires_at'>>;

/**
 * The signed-in user at `provider` from the user store alone: no request to the provider, and no
 * oidc-client-ts either — a signed-in reload reads the user where the sign-in stored it (`userStoreKey`,
 * `user:<authority>:<client_id>`, as `User.toStorageString()` wrote it), and loads the library only if a
 * token must be renewed (issue 18).
 */
export async function storedUser(provider: SignInProvider): Promise<StoredUser | null> {
	const stored = await new VaultStateStore('user').get(userStoreKey(provider));
	if (stored === null) return null;
	let user: Partial<StoredUser> | null;
	try {
		user = JSON.parse(stored) as Partial<StoredUser> | null;
	} catch {
		return null;
	}
	if (typeof user !== 'object' || user === null) return null;
	if (typeof user.profile !== 'object' || user.profile === null) return null;
	if (typeof user.profile.sub !== 'string') return null;
	return {
		...(typeof user.id_token === 'string' ? { id_token: user.id_token } : {}),
		...(typeof user.access_token === 'string' ? { access_token: user.access_token } : {}),
		...(typeof user.expires_at === 'number' ? { expires_at: user.expires_at } : {}),
		profile: user.profile,
	};
}

/** The user's ID token if its `exp` is more than `marginMs` after `now` (the corrected clock), else null. */
export function idTokenIfValid(
	user: Pick<User, 'id_token' | 'profile'> | null,
	now: number,
	marginMs: number = ID_TOKEN_MARGIN_MS,
): string | null {
	const exp = user?.profile.exp;
	if (!user?.id_token || typeof exp !== 'number') return null;
	return exp * 1000 - now > marginMs ? user.id_token : null;
}

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
async function renewSilently(provider: ProviderConfig, baseUrl: string): Promise<string | null> {
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
		if (!(await storedUser(provider))) return null;
		await storeUser(provider, renewed);
		return renewed.id_token ?? null;
	} catch {
		return null;
	}
}

/**
 * The ID tokens of the player signed in at `provider`, as a credential source wants them: the stored one
 * while it is valid on the corrected clock `now`, else a silently renewed one.
 */
export function idTokens(provider: ProviderConfig, baseUrl: string, now: () => number) {
	return {
		current: async () => idTokenIfValid(await storedUser(provider), now()),
		renewSilently: () => renewSilently(provider, baseUrl),
	};
}
