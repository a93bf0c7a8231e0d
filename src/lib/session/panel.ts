/**
 * What the signed-in home's credential panel uses of the session: the credentials' status, the words for
 * time left, the clock warning, and the player's actions on their credentials.
 */
export { credentialPath, type CredentialPathId } from './credential-path.svelte';
export { identityDetailsOpen, rememberIdentityDetails } from './details-disclosure';
export { isClockOff } from './clock-off';
export { credentialStatus } from './credential-status.svelte';
export {
	checkWithAws,
	correctedClock,
	forgetCredentials,
	refreshCredentialsNow,
	refreshThresholdSeconds,
	signInAgainNow,
} from './flow';
export { expiryMessage, expiryPhase, type ExpiryPhase } from './expiry';
export { describeRemaining, formatRemaining } from './format-remaining';
export { poolSession } from './pool-state.svelte';
export { signInToKeepProgress } from './flow';
