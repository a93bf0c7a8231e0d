import { AppError, isAppError, NETWORK_FAILURE } from '../errors';

/** Phase of the sign-in where an error happened: before the redirect (discovery) or on the callback. */
type SignInPhase = 'redirect' | 'callback';

const STATE_ERRORS = ['No matching state found in storage', 'No state in response'];

function upstreamOf(err: unknown): { error?: string; description?: string; message: string } {
	const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
	return {
		error: typeof e.error === 'string' ? e.error : undefined,
		description: typeof e.error_description === 'string' ? e.error_description : undefined,
		message: err instanceof Error ? err.message : String(err),
	};
}

/**
 * Turn anything thrown by oidc-client-ts (or the network under it) into an AppError that says what happened
 * at which provider and what to do. Never throws.
 */
export function toSignInError(
	err: unknown,
	phase: SignInPhase,
	providerName = 'the provider',
): AppError {
	if (isAppError(err)) return err;
	const { error, description, message } = upstreamOf(err);

	if (error === 'access_denied') {
		return new AppError(
			'login-cancelled',
			`The sign-in at ${providerName} was cancelled, so you are not signed in.`,
			{
				upstreamCode: error,
				upstreamMessage: description,
				title: 'Sign-in cancelled',
				hint: 'Choose a provider to sign in again.',
			},
			err,
		);
	}
	if (error) {
		return new AppError(
			'login-failed',
			`${providerName} refused the sign-in: ${error}${description ? ` — ${description}` : ''}.`,
			{
				upstreamCode: error,
				upstreamMessage: description,
				title: 'Sign-in failed',
				hint: 'Try again. If it keeps failing, the app may not be registered correctly at the provider.',
			},
			err,
		);
	}
	if (STATE_ERRORS.some((s) => message.includes(s))) {
		return new AppError(
			'state-mismatch',
			'The answer from the provider does not match a sign-in started in this tab (it may be old, reused, or from another tab).',
			{
				upstreamMessage: message,
				title: 'This sign-in could not be matched',
				hint: 'Start the sign-in again from this tab.',
			},
			err,
		);
	}
	if (phase === 'redirect' || err instanceof TypeError || NETWORK_FAILURE.test(message)) {
		return new AppError(
			'provider-unreachable',
			`${providerName} could not be reached, so the sign-in could not start or finish.`,
			{
				upstreamMessage: message,
				title: `${providerName} is unreachable`,
				hint: 'Check your connection and try again in a moment.',
			},
			err,
		);
	}
	return new AppError(
		'login-failed',
		`The sign-in at ${providerName} could not be completed: ${message}`,
		{ upstreamMessage: message, title: 'Sign-in failed', hint: 'Try again.' },
		err,
	);
}
