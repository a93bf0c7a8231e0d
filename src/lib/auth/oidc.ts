import type { OidcClient, StateStore, User } from 'oidc-client-ts';
import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import { vaultMode } from '../vault/backend';
import { VaultStateStore } from '../vault/oidc-store';
import { callbackUrl } from './base-url';
import { cachedDiscovery, discoveryOf, rememberDiscovery } from './discovery-cache';
import { toSignInError } from './errors';

type Oidc = typeof import('./oidc-library');

let oidcModule: Promise<Oidc> | undefined;

/**
 * oidc-client-ts (the parts the app runs: oidc-library.ts), loaded on first use so the sign-in screen stays
 * within its byte budget.
 */
export function loadOidc(): Promise<Oidc> {
	return (oidcModule ??= import('./oidc-library'));
}

let stores: Promise<{ user: StateStore; state: StateStore }> | undefined;

/**
 * Where the sign-in keeps things, sealed in the vault: signed-in users (ID and refresh tokens; the app's
 * user store) and oidc-client-ts's in-flight sign-in requests (state, nonce, PKCE code_verifier), which must survive the redirect to the
 * provider and back. When the browser refuses IndexedDB the vault lives in memory, which a redirect wipes:
 * then, and only then, the sign-in requests go to this tab's sessionStorage (removed when the callback is
 * processed); the user stays in memory, so a reload signs the player out.
 */
function oidcStores(): Promise<{ user: StateStore; state: StateStore }> {
	stores ??= (async () => {
		const user = new VaultStateStore('user');
		if ((await vaultMode()) === 'indexeddb') return { user, state: new VaultStateStore('state') };
		const oidc = await loadOidc();
		const state = new oidc.WebStorageStateStore({
			store: window.sessionStorage,
			prefix: 'fedplay.oidc.',
		});
		return { user, state };
	})();
	return stores;
}

/** The store of in-flight sign-in requests (see `oidcStores`). */
export async function signinStateStore(): Promise<StateStore> {
	return (await oidcStores()).state;
}

const clients = new Map<string, Promise<OidcClient>>();

/**
 * The `authority` oidc-client-ts knows `provider` by (and keys its stored user with): the issuer of an
 * OpenID provider, the authorization endpoint's origin of an OAuth 2.0 provider.
 */
export function authorityOf(provider: SignInProvider): string {
	return isOAuth2Provider(provider)
		? new URL(provider.authorizationEndpoint).origin
		: provider.issuer;
}

/**
 * Where the signed-in user of `provider` is kept in the user store: `user:<authority>:<client_id>`, the key
 * oidc-client-ts's UserManager used (users stored before this change are read as they are). tokens.ts reads
 * it on a reload without the library.
 */
export function userStoreKey(provider: SignInProvider): string {
	return `user:${authorityOf(provider)}:${provider.clientId}`;
}

/**
 * Where the OidcClient finds the provider's endpoints. An OpenID provider: its issuer (discovery). An OAuth
 * 2.0 provider (Login with Amazon) has no discovery document and no ID token: its endpoints are given as
 * metadata, and its scopes hold no `openid`, so oidc-client-ts runs a plain authorization code + PKCE flow
 * and expects no ID token (its `isOpenId` is false).
 */
function endpointSettings(provider: SignInProvider) {
	if (!isOAuth2Provider(provider)) return { authority: provider.issuer };
	const authority = authorityOf(provider);
	return {
		authority,
		metadata: {
			issuer: authority,
			authorization_endpoint: provider.authorizationEndpoint,
			token_endpoint: provider.tokenEndpoint,
		},
	};
}

/**
 * One OidcClient per provider, built once: oidc-client-ts's protocol half (authorization request with PKCE,
 * state and nonce; the callback's checks and code exchange; the refresh token grant; the end-session
 * request), without its UserManager. What UserManager added, the app does itself: the redirects
 * (`location.assign`), the user store (`loadUser` / `storeUser` / `removeUser` below) and the silent renew's
 * iframe (silent-renew.ts). oidc-client-ts is one ES module, so this only keeps UserManager out of the
 * bundle while nothing in the build names it.
 */
export function oidcClientFor(provider: SignInProvider, baseUrl: string): Promise<OidcClient> {
	const key = `${provider.id}|${baseUrl}`;
	const existing = clients.get(key);
	if (existing) return existing;
	const built = (async () => {
		const [oidc, { state }, metadata] = await Promise.all([
			loadOidc(),
			oidcStores(),
			// An OAuth 2.0 provider has no discovery document: its endpoints are in the config.
			isOAuth2Provider(provider) ? null : discoveryOf(provider),
		]);
		return oidc.createClient({
			...endpointSettings(provider),
			// An OpenID provider's discovery document, fetched alongside the library (or kept from before the
			// redirect, on the callback): the library does not fetch it again.
			...(metadata ? { metadata } : {}),
			client_id: provider.clientId,
			redirect_uri: callbackUrl(baseUrl),
			post_logout_redirect_uri: baseUrl,
			response_type: 'code',
			scope: provider.scopes,
			loadUserInfo: false,
			stateStore: state,
		});
	})();
	built.catch(() => clients.delete(key));
	clients.set(key, built);
	return built;
}

/** The stored user of `provider` (null when none, or when what is stored is not a user). */
export async function loadUser(provider: SignInProvider): Promise<User | null> {
	const [oidc, { user }] = await Promise.all([loadOidc(), oidcStores()]);
	const stored = await user.get(userStoreKey(provider));
	if (!stored) return null;
	try {
		const loaded = oidc.User.fromStorageString(stored);
		return typeof loaded.profile === 'object' && loaded.profile !== null ? loaded : null;
	} catch {
		return null;
	}
}

/** Keep `user` as the signed-in user of `provider` (as `User.toStorageString()` writes it). */
export async function storeUser(provider: SignInProvider, user: User): Promise<void> {
	await (await oidcStores()).user.set(userStoreKey(provider), user.toStorageString());
}

/** Forget the signed-in user of `provider`. */
export async function removeUser(provider: SignInProvider): Promise<void> {
	await (await oidcStores()).user.remove(userStoreKey(provider));
}

/** What the app keeps in the oidc state across the redirect. */
export interface SignInState {
	providerId: string;
	returnTo: string;
}

/**
 * Start the authorization code + PKCE flow at `provider`: the browser leaves for the provider's login page
 * (the request's state, nonce and PKCE verifier are in the state store first). Here, beside the OidcClient,
 * so the sign-in screen's button loads this chunk and oidc-client-ts only. Rejects with an AppError when
 * the provider cannot be reached (discovery failed).
 */
export async function beginSignIn(
	provider: SignInProvider,
	baseUrl: string,
	returnTo = '',
): Promise<void> {
	try {
		const client = await oidcClientFor(provider, baseUrl);
		const state: SignInState = { providerId: provider.id, returnTo };
		// An OpenID provider's discovery document is kept before the page leaves (discoveryOf, when the
		// OidcClient was built), so the callback need not fetch it again. Fetched by the library itself
		// instead (ours could not be had): kept now.
		if (!isOAuth2Provider(provider) && !(await cachedDiscovery(provider))) {
			await rememberDiscovery(provider, await client.metadataService.getMetadata());
		}
		const request = await client.createSigninRequest({ state, request_type: 'si:r' });
		location.assign(request.url);
	} catch (err) {
		throw toSignInError(err, 'redirect', provider.displayName);
	}
}
