import {
	NOT_EXPLAINED,
	awsErrorCategory,
	awsErrorFacts,
	awsErrorKey,
	loadAwsErrorText,
	type AwsErrorCategory,
} from '../aws/errors';
import { AppError, isAppError, isNetworkFailure, type AppErrorCode } from '../errors';

/** What a sign-in failure of each kind is to the app: an expired ID token ends the sign-in. */
function appCodeOf(category: AwsErrorCategory): AppErrorCode {
	if (category === 'expired-identity-token') return 'session-expired';
	if (category === 'access-denied') return 'access-denied';
	return 'sts-error';
}

/** The same for Amazon Cognito Identity's calls (GetId, GetCredentialsForIdentity, GetOpenIdToken). */
export function toCognitoError(err: unknown): Promise<AppError> {
	return toStsError(err, 'Amazon Cognito');
}

/**
 * Map an error from an STS call (AWS SDK v3 service exception, or a failed fetch) to an AppError with a
 * title, explanation and hint from the table of AWS codes (lib/aws/errors.ts, its words in error-text.ts,
 * fetched for a code the table knows), keeping AWS's code, message, HTTP status and request id. Never
 * rejects: should the words not download, the error says so and keeps what kind of failure it is.
 */
export async function toStsError(err: unknown, service = 'AWS STS'): Promise<AppError> {
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
	if (awsErrorKey(facts.code)) {
		const text = await loadAwsErrorText();
		if (!text) {
			return new AppError(
				appCodeOf(awsErrorCategory(facts.code, facts.message, true) ?? 'unknown'),
				`${service} answered ${meta.upstreamCode}. ${NOT_EXPLAINED}`,
				{
					...meta,
					title: 'AWS refused the request',
					hint: 'Check your connection, then try again.',
				},
				err,
			);
		}
		// A rule named by AWS's words (session tags, source identity, role chaining) beats the code's words.
		const rule = text.stsMessageRule(facts.code, facts.message);
		if (rule) {
			return new AppError(
				appCodeOf(rule.category),
				rule.meaning,
				{ ...meta, title: rule.title, hint: rule.hint },
				err,
			);
		}
		const known = text.awsErrorWords(facts.code, facts.message);
		const words = known?.signIn;
		if (known && words) {
			return new AppError(
				appCodeOf(words.category ?? known.category),
				words.meaning ?? known.meaning,
				{ ...meta, title: words.title, hint: words.hint },
				err,
			);
		}
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
