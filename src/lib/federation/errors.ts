import { AppError, isAppError, type AppErrorCode } from '../errors';

interface StsErrorText {
	code: AppErrorCode;
	title: string;
	explanation: string;
	hint: string;
}

/** Every AssumeRoleWithWebIdentity error code AWS documents, in words a player can act on. */
const STS_ERRORS: Record<string, StsErrorText> = {
	InvalidIdentityToken: {
		code: 'sts-error',
		title: 'AWS did not accept your sign-in',
		explanation: 'AWS STS could not validate the ID token from your identity provider.',
		hint: 'Sign in again. If it keeps happening, the AWS account may not trust this provider or client id (check its IAM OIDC provider: issuer URL and audience).',
	},
	ExpiredTokenException: {
		code: 'session-expired',
		title: 'Your sign-in has expired',
		explanation: 'The ID token from your identity provider expired before AWS received it.',
		hint: 'Sign in again. If this happens right after signing in, check that this device’s clock is correct.',
	},
	IDPRejectedClaim: {
		code: 'sts-error',
		title: 'Your identity provider rejected the sign-in',
		explanation: 'AWS asked your identity provider to confirm the sign-in and it refused.',
		hint: 'Sign in again, or use another provider.',
	},
	IDPCommunicationError: {
		code: 'sts-error',
		title: 'AWS could not reach your identity provider',
		explanation:
			'AWS STS could not fetch the keys it needs from your identity provider to check your sign-in.',
		hint: 'This is usually temporary: try again in a moment.',
	},
	AccessDenied: {
		code: 'access-denied',
		title: 'This game role does not trust your sign-in',
		explanation:
			'Your sign-in is valid, but the role’s trust policy does not allow it to be assumed with this token.',
		hint: 'Check that you signed in with the right provider. Whoever runs the app: check the role’s trust policy (the provider and its :aud and :sub conditions).',
	},
	MalformedPolicyDocument: {
		code: 'sts-error',
		title: 'The session policy is not valid',
		explanation:
			'AWS refused the session policy sent with the request because it is not a valid policy document.',
		hint: 'Fix the session policy (JSON syntax, Version, Effect, Action, Resource) and try again.',
	},
	PackedPolicyTooLarge: {
		code: 'sts-error',
		title: 'The session policy is too large',
		explanation: 'The session policy and tags, packed by AWS, exceed the size AWS allows.',
		hint: 'Use a shorter session policy (fewer statements or actions) and try again.',
	},
	RegionDisabledException: {
		code: 'sts-error',
		title: 'AWS STS is not enabled in this region',
		explanation: 'The AWS account has not activated STS in the region the app is configured for.',
		hint: 'Whoever runs the app: activate the region in the IAM account settings, or set another region in config.json.',
	},
	ValidationError: {
		code: 'sts-error',
		title: 'AWS refused the request’s parameters',
		explanation:
			'A parameter of the request is out of range, for example a session duration above the role’s maximum.',
		hint: 'Whoever runs the app: check durationSeconds (at most the role’s MaxSessionDuration) and roleArn in config.json.',
	},
};

const NETWORK = [
	'Failed to fetch',
	'NetworkError',
	'Load failed',
	'fetch failed',
	'ECONNREFUSED',
	'ENOTFOUND',
];

interface SdkErrorShape {
	name?: unknown;
	message?: unknown;
	code?: unknown;
	$metadata?: { httpStatusCode?: number; requestId?: string };
}

function isNetworkFailure(err: SdkErrorShape): boolean {
	const text = `${String(err.name)} ${String(err.message)} ${String(err.code)}`;
	return err instanceof TypeError || NETWORK.some((s) => text.includes(s));
}

/**
 * Map an error from an STS call (AWS SDK v3 service exception, or a failed fetch) to an AppError with a
 * title, explanation and hint, keeping AWS's code, message, HTTP status and request id. Never throws.
 */
export function toStsError(err: unknown): AppError {
	if (isAppError(err)) return err;
	const e = (
		typeof err === 'object' && err !== null ? err : { message: String(err) }
	) as SdkErrorShape;
	const name = typeof e.name === 'string' ? e.name : 'Error';
	const upstreamMessage = typeof e.message === 'string' ? e.message : undefined;
	const meta = {
		upstreamCode: name,
		upstreamMessage,
		httpStatus: e.$metadata?.httpStatusCode,
		requestId: e.$metadata?.requestId,
	};
	const known = Object.hasOwn(STS_ERRORS, name) ? STS_ERRORS[name] : undefined;
	if (known) {
		return new AppError(
			known.code,
			known.explanation,
			{ ...meta, title: known.title, hint: known.hint },
			err,
		);
	}
	if (e.$metadata?.httpStatusCode === undefined && isNetworkFailure(e)) {
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
		`AWS STS answered with an error${name === 'Error' ? '' : ` (${name})`}.`,
		{
			...meta,
			title: 'AWS refused the request',
			hint: 'Try again. If it keeps happening, note the request id for whoever runs the app.',
		},
		err,
	);
}
