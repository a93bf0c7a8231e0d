/*
 * The page a silent renew lands on, inside the app's hidden iframe: the provider answered the `prompt=none`
 * authorization request with a code (or an error such as login_required). This page only posts its URL to
 * the app (same origin); the app's UserManager checks the state and redeems the code. Nothing is stored here.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

const memory = () => new WebStorageStateStore({ store: new InMemoryWebStorage() });

// The settings are never used to talk to the provider: signinSilentCallback only notifies the parent.
const manager = new UserManager({
	authority: location.origin,
	client_id: 'silent-callback',
	redirect_uri: location.href,
	automaticSilentRenew: false,
	userStore: memory(),
	stateStore: memory(),
});

void manager.signinSilentCallback();
