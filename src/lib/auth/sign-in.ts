import type { User } from 'oidc-client-ts';
import { AppError } from '../errors';
import { findSignInProvider, type SignInProvider } from '../config/providers';
import type { RuntimeConfig } from '../config/schema';
import { toSignInError } from './errors';
import { signinStateStore, userManagerFor, type SignInState } from './oidc';

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
 * Finish the sign-in on the callback route: exchange the code (PKCE), validate the ID token, then strip
 * `code` and `state` from the address bar. Rejects with an AppError (cancelled, state mismatch, …).
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
		const manager = await userManagerFor(provider, baseUrl);
		const user = await manager.signinRedirectCallback(href);
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

/** The signed-in user at `provider`, if the user store still has one whose ID token has not expired. */
export async function currentUser(provider: SignInProvider, baseUrl: string): Promise<User | null> {
	const user = await (await userManagerFor(provider, baseUrl)).getUser();
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
	const manager = await userManagerFor(provider, baseUrl);
	await manager.removeUser();
	try {
		await manager.signoutRedirect({ id_token_hint: idTokenHint });
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
