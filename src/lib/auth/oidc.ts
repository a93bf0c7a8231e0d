import type { StateStore, UserManager } from 'oidc-client-ts';
import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import { vaultMode } from '../vault/backend';
import { VaultStateStore } from '../vault/oidc-store';
import { callbackUrl } from './base-url';
import { cachedDiscovery, discoveryOf, rememberDiscovery } from './discovery-cache';
import { toSignInError } from './errors';

type Oidc = typeof import('oidc-client-ts');

let oidcModule: Promise<Oidc> | undefined;

/** oidc-client-ts, loaded on first use so the sign-in screen stays within its byte budget. */
export function loadOidc(): Promise<Oidc> {
	return (oidcModule ??= import('oidc-client-ts'));
}

let stores: Promise<{ user: StateStore; state: StateStore }> | undefined;

/**
 * Where oidc-client-ts keeps things, sealed in the vault: signed-in users (ID and refresh tokens) and the
 * in-flight sign-in requests (state, nonce, PKCE code_verifier), which must survive the redirect to the
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

const managers = new Map<string, Promise<UserManager>>();

/**
 * Where the UserManager finds the provider's endpoints. An OpenID provider: its issuer (discovery). An OAuth
 * 2.0 provider (Login with Amazon) has no discovery document and no ID token: its endpoints are given as
 * metadata, and its scopes hold no `openid`, so oidc-client-ts runs a plain authorization code + PKCE flow
 * and expects no ID token (its `isOpenId` is false).
 */
/**
 * The `authority` oidc-client-ts knows `provider` by (and keys its stored user with): the issuer of an
 * OpenID provider, the authorization endpoint's origin of an OAuth 2.0 provider.
 */
export function authorityOf(provider: SignInProvider): string {
	return isOAuth2Provider(provider)
		? new URL(provider.authorizationEndpoint).origin
		: provider.issuer;
}

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

/** One UserManager per provider, built once. */
export function userManagerFor(provider: SignInProvider, baseUrl: string): Promise<UserManager> {
	const key = `${provider.id}|${baseUrl}`;
	const existing = managers.get(key);
	if (existing) return existing;
	const built = (async () => {
		const [oidc, { user, state }, metadata] = await Promise.all([
			loadOidc(),
			oidcStores(),
			// An OAuth 2.0 provider has no discovery document: its endpoints are in the config.
			isOAuth2Provider(provider) ? null : discoveryOf(provider),
		]);
		return new oidc.UserManager({
			...endpointSettings(provider),
			// An OpenID provider's discovery document, fetched alongside the library (or kept from before the
			// redirect, on the callback): the library does not fetch it again.
			...(metadata ? { metadata } : {}),
			client_id: provider.clientId,
			redirect_uri: callbackUrl(baseUrl),
			// The iframe fallback of a silent renew, for providers that give no refresh token.
			silent_redirect_uri: new URL('silent-callback.html', baseUrl).href,
			silentRequestTimeoutInSeconds: 10,
			post_logout_redirect_uri: baseUrl,
			response_type: 'code',
			scope: provider.scopes,
			loadUserInfo: false,
			// Renewal belongs to the credential provider, which knows when the AWS credentials need a fresh token.
			automaticSilentRenew: false,
			monitorSession: false,
			userStore: user,
			stateStore: state,
		});
	})();
	built.catch(() => managers.delete(key));
	managers.set(key, built);
	return built;
}

/** What the app keeps in the oidc state across the redirect. */
export interface SignInState {
	providerId: string;
	returnTo: string;
}

/**
 * Start the authorization code + PKCE flow at `provider`: the browser leaves for the provider's login page.
 * Here, beside the UserManager, so the sign-in screen's button loads this chunk and oidc-client-ts only.
 * Rejects with an AppError when the provider cannot be reached (discovery failed).
 */
export async function beginSignIn(
	provider: SignInProvider,
	baseUrl: string,
	returnTo = '',
): Promise<void> {
	try {
		const manager = await userManagerFor(provider, baseUrl);
		const state: SignInState = { providerId: provider.id, returnTo };
		// An OpenID provider's discovery document is kept before the page leaves (discoveryOf, when the
		// UserManager was built), so the callback need not fetch it again. Fetched by the library itself
		// instead (ours could not be had): kept now.
		if (!isOAuth2Provider(provider) && !(await cachedDiscovery(provider))) {
			await rememberDiscovery(provider, await manager.metadataService.getMetadata());
		}
		await manager.signinRedirect({ state });
	} catch (err) {
		throw toSignInError(err, 'redirect', provider.displayName);
	}
}
