/**
 * What the first screen uses of the session: its state, the boot of the session machinery, the config.
 * Only light modules here: this file is in the first bundle. The credential panel's words and actions are
 * in panel.ts (loaded with the signed-in home); the sign-in flow in flow.ts (loaded with the machinery).
 */
export { appBaseFromModuleUrl, isCallbackUrl } from '../auth/base-url';
export { keepConfig, keptConfig, loadConfig } from '../config/load';
export type { ConfigIssue } from '../config/issues';
export type {
	IdentityPoolConfig,
	OAuth2ProviderConfig,
	ProviderConfig,
	RuntimeConfig,
} from '../config/schema';
export type { SignInProvider } from '../config/providers';
export {
	finishSignIn,
	hasRememberedSession,
	loadSessionMachinery,
	onFirstIntent,
	preloadCallback,
	preloadGame,
	preloadSignedIn,
	signInFromScreen,
	warmSignIn,
	type FinishedSignIn,
	type SessionFlow,
} from './boot';
export { session } from './state.svelte';
