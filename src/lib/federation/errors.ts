import { awsErrorFacts, awsErrorWords, stsMessageRule, type AwsErrorCategory } from '../aws/errors';
import { AppError, isAppError, isNetworkFailure, type AppErrorCode } from '../errors';

/** What a sign-in failure of each kind is to the app: an expired ID token ends the sign-in. */
function appCodeOf(category: AwsErrorCategory): AppErrorCode {
	if (category === 'expired-identity-token') return 'session-expired';
	if (category === 'access-denied') return 'access-denied';
	return 'sts-error';
}

/** The same for Amazon Cognito Identity's calls (GetId, GetCredentialsForIdentity, GetOpenIdToken). */
export function toCognitoError(err: unknown): AppError {
	return toStsError(err, 'Amazon Cognito');
}

/**
 * Map an error from an STS call (AWS SDK v3 service exception, or a failed fetch) to an AppError with a
 * title, explanation and hint from the table of AWS codes (lib/aws/errors.ts), keeping AWS's code, message,
 * HTTP status and request id. Never throws.
 */
export function toStsError(err: unknown, service = 'AWS STS'): AppError {
	if (isAppError(err)) return err;
	const facts = awsErrorFacts(err);
	const name = (err as { name?: unknown } | null)?.name;
	const meta = {
		upstreamCode: typeof name === 'string' ? name : 'Error',
		upstreamMessage:
			typeof (err as { message?: unknown } | null)?.message === 'string'
				? facts.message
				: undefined,
		httpStatus: facts.status ?? undefined,
		requestId: facts.requestId ?? undefined,
	};
	// A rule named by AWS's words (session tags, source identity, role chaining) beats the code's words.
	const rule = stsMessageRule(facts.code, facts.message);
	if (rule) {
		return new AppError(
			appCodeOf(rule.category),
			rule.meaning,
			{ ...meta, title: rule.title, hint: rule.hint },
			err,
		);
	}
	const known = awsErrorWords(facts.code, facts.message);
	const words = known?.signIn;
	if (known && words) {
		return new AppError(
			appCodeOf(words.category ?? known.category),
			words.meaning ?? known.meaning,
			{ ...meta, title: words.title, hint: words.hint },
			err,
		);
	}
	if (facts.status === null && isNetworkFailure(err)) {
		return new AppError(
			'network-down',
			'The app could not reach AWS: the request did not get an answer (network down, endpoint wrong, or blocked by CORS).',
			{
				...meta,
				title: 'AWS is unreachable',
				hint: 'Check your connection and try again. Running locally? Make sure the sandbox is running.',
			},
			err,
		);
	}
	return new AppError(
		'sts-error',
		`${service} answered with an error${meta.upstreamCode === 'Error' ? '' : ` (${meta.upstreamCode})`}.`,
		{
			...meta,
			title: 'AWS refused the request',
			hint: 'Try again. If it keeps happening, note the request id for whoever runs the app.',
		},
		err,
	);
}
