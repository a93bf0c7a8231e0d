import type { User } from 'oidc-client-ts';
import { AppError } from '../errors';
import { findSignInProvider, type SignInProvider } from '../config/providers';
import type { RuntimeConfig } from '../config/schema';
import { toSignInError } from './errors';
import {
	loadOidc,
	loadUser,
	oidcClientFor,
	removeUser,
	signinStateStore,
	storeUser,
	type SignInState,
} from './oidc';

export { beginSignIn } from './oidc';

const noMatch = (message: string) => toSignInError(new Error(message), 'callback');

/** Which provider started the sign-in this callback answers, from the stored oidc state. */
async function providerForCallback(config: RuntimeConfig, href: string): Promise<SignInProvider> {
	const stateId = new URL(href).searchParams.get('state');
	if (!stateId) throw noMatch('No state in response');
	const stored = await (await signinStateStore()).get(stateId);
	if (!stored) throw noMatch('No matching state found in storage');
	const data = (JSON.parse(stored) as { data?: Partial<SignInState> }).data;
	// The direct providers, the identity pools' (a pool signs in through its OpenID provider first) and the
	// OAuth 2.0 providers.
	const provider = findSignInProvider(config, data?.providerId);
	if (!provider) throw noMatch('No matching state found in storage');
	return provider;
}

/**
 * Finish the sign-in on the callback route: match the state, exchange the code (PKCE) and check the ID
 * token's claims (oidc-client-ts's OidcClient), keep the user in the user store, then strip `code` and
 * `state` from the address bar. Rejects with an AppError (cancelled, state mismatch, …).
 */
export async function completeSignIn(
	config: RuntimeConfig,
	baseUrl: string,
	href: string,
): Promise<{ provider: SignInProvider; user: User; returnTo: string }> {
	// The code is single-use: take it out of the address bar and history whatever happens next.
	history.replaceState(null, '', baseUrl);
	const provider = await providerForCallback(config, href);
	try {
		const [oidc, client] = await Promise.all([loadOidc(), oidcClientFor(provider, baseUrl)]);
		const user = new oidc.User(await client.processSigninResponse(href));
		await storeUser(provider, user);
		const returnTo = (user.state as Partial<SignInState> | undefined)?.returnTo;
		return { provider, user, returnTo: typeof returnTo === 'string' ? safeReturnTo(returnTo) : '' };
	} catch (err) {
		throw toSignInError(err, 'callback', provider.displayName);
	}
}

/** A path relative to the app's base, never another origin or a scheme (`//evil`, `javascript:`). */
function safeReturnTo(value: string): string {
	return /^[\w\-./?=&#%~]*$/.test(value) && !value.startsWith('/') && !value.includes('//')
		? value
		: '';
}

/**
 * The signed-in user at `provider`, if the user store still has one whose access token has not expired
 * (oidc-client-ts's `User.expired`). `_baseUrl`: kept for the callers; the store needs no provider request.
 */
export async function currentUser(
	provider: SignInProvider,
	_baseUrl: string,
): Promise<User | null> {
	const user = await loadUser(provider);
	return user && !user.expired ? user : null;
}

/**
 * Forget the user locally, then end the session at the provider (its end_session_endpoint), which comes back
 * to the app's base. Providers without an end-session endpoint: stay, already signed out locally.
 * `idTokenHint`: the ID token read before the vault was wiped.
 */
export async function endSignIn(
	provider: SignInProvider,
	baseUrl: string,
	idTokenHint?: string,
): Promise<void> {
	const client = await oidcClientFor(provider, baseUrl);
	await removeUser(provider);
	try {
		// No end_session_endpoint in the provider's metadata: oidc-client-ts throws "No end session endpoint".
		const request = await client.createSignoutRequest({
			id_token_hint: idTokenHint,
			request_type: 'so:r',
		});
		location.assign(request.url);
	} catch (err) {
		// Local sign-out already happened; a provider without end_session_endpoint is not an error for the player.
		if (!(err instanceof Error) || !/end.?session/i.test(err.message)) {
			throw new AppError(
				'provider-unreachable',
				'Signed out here, but the provider could not be reached.',
				{
					upstreamMessage: err instanceof Error ? err.message : String(err),
					title: 'Signed out on this device',
					hint: 'You are signed out of Fedplay. The provider may still remember you.',
				},
				err,
			);
		}
	}
}
