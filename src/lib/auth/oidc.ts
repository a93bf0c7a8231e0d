import type { StateStore, UserManager } from 'oidc-client-ts';
import type { ProviderConfig } from '../config/schema';
import { callbackUrl } from './base-url';

type Oidc = typeof import('oidc-client-ts');

let oidcModule: Promise<Oidc> | undefined;

/** oidc-client-ts, loaded on first use so the sign-in screen stays within its byte budget. */
export function loadOidc(): Promise<Oidc> {
	return (oidcModule ??= import('oidc-client-ts'));
}

/**
 * Where signed-in users (ID and refresh tokens) are kept. Default: memory only, so tokens never land in
 * localStorage or sessionStorage. At start-up the app swaps in the vault's sealed IndexedDB store.
 */
let userStoreFactory: (oidc: Oidc) => StateStore = (oidc) =>
	new oidc.WebStorageStateStore({ store: new oidc.InMemoryWebStorage(), prefix: 'fedplay.user.' });

/**
 * The in-flight sign-in requests (state, nonce, PKCE code_verifier). They must survive the redirect to the
 * provider and back; removed when the callback is processed. Default: this tab's sessionStorage; at
 * start-up the app swaps in the vault's sealed IndexedDB store, so nothing of OIDC is in web storage.
 */
let stateStoreFactory: (oidc: Oidc) => StateStore = (oidc) =>
	new oidc.WebStorageStateStore({ store: window.sessionStorage, prefix: 'fedplay.oidc.' });

let userStore: StateStore | undefined;
let stateStore: StateStore | undefined;
const managers = new Map<string, UserManager>();

/** Replace the user store for every provider (drops the managers built so far). */
export function useUserStore(factory: (oidc: Oidc) => StateStore): void {
	userStoreFactory = factory;
	userStore = undefined;
	managers.clear();
}

/** Replace the sign-in state store for every provider (drops the managers built so far). */
export function useStateStore(factory: (oidc: Oidc) => StateStore): void {
	stateStoreFactory = factory;
	stateStore = undefined;
	managers.clear();
}

/** The store of in-flight sign-in requests (see `stateStoreFactory`). */
export async function signinStateStore(): Promise<StateStore> {
	const oidc = await loadOidc();
	return (stateStore ??= stateStoreFactory(oidc));
}

/** One UserManager per provider, built once. */
export async function userManagerFor(
	provider: ProviderConfig,
	baseUrl: string,
): Promise<UserManager> {
	const key = `${provider.id}|${baseUrl}`;
	const existing = managers.get(key);
	if (existing) return existing;
	const oidc = await loadOidc();
	userStore ??= userStoreFactory(oidc);
	const manager = new oidc.UserManager({
		authority: provider.issuer,
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
		userStore,
		stateStore: await signinStateStore(),
	});
	managers.set(key, manager);
	return manager;
}
