/**
 * The expiry prompt of a session that is not renewed without the player (the OAuth 2.0 path: no refresh
 * token). Pure, so the rule is unit-tested; components/SessionExpiryPrompt.svelte shows it.
 */

/** Credentials with this little left are no longer handed out (the credential provider's floor). */
export const CREDENTIALS_FLOOR_MS = 60_000;

/** `none`: nothing to say; `soon`: they end within the warning time; `expired`: writes wait for a sign-in. */
export type ExpiryPhase = 'none' | 'soon' | 'expired';

/**
 * Where the session is on its way to expiry. `warnMs`: how long ahead the player is told (the config's
 * `refreshThresholdSeconds`, the time an OIDC session would renew itself). A renewing session: always none.
 */
export function expiryPhase(input: {
	renewsWithoutPlayer: boolean;
	/** Expiration of the credentials in use, epoch ms on the corrected clock; null: none held. */
	expiration: number | null;
	now: number;
	warnMs: number;
}): ExpiryPhase {
	const { renewsWithoutPlayer, expiration, now, warnMs } = input;
	if (renewsWithoutPlayer || expiration === null) return 'none';
	const left = expiration - now;
	if (left <= CREDENTIALS_FLOOR_MS) return 'expired';
	return left <= warnMs ? 'soon' : 'none';
}

/** What the prompt says, in words for the player. */
export function expiryMessage(
	phase: ExpiryPhase,
	providerName: string,
	secondsLeft: number,
): string {
	if (phase === 'expired') {
		return `Your AWS credentials from ${providerName} have expired. Runs you play now wait on this device and are sent once you sign in again.`;
	}
	if (phase === 'soon') {
		const minutes = Math.max(1, Math.ceil(secondsLeft / 60));
		const when = minutes === 1 ? 'in about a minute' : `in about ${minutes} minutes`;
		return `Your session with ${providerName} ends ${when}: ${providerName} gives no refresh token, so Fedplay cannot renew your AWS credentials without you. Sign in again to keep saving.`;
	}
	return '';
}
