import type { ErrorCategory } from './types';

/** What the classifier looks at: the code, the (unwrapped) text, and where the error came from. */
export interface ClassifyInput {
	code: string | null;
	text: string;
	status: number | null;
	service: string | null;
	operation: string | null;
}

const BY_CODE: Record<string, ErrorCategory> = {
	AccessDenied: 'access-denied',
	AccessDeniedException: 'access-denied',
	UnauthorizedOperation: 'access-denied',
	Forbidden: 'access-denied',
	AllAccessDisabled: 'access-denied',
	ExpiredToken: 'expired-credentials',
	ExpiredTokenException: 'expired-credentials',
	RequestExpired: 'expired-credentials',
	TokenRefreshRequired: 'expired-credentials',
	InvalidAccessKeyId: 'invalid-credentials',
	UnrecognizedClient: 'invalid-credentials',
	UnrecognizedClientException: 'invalid-credentials',
	InvalidClientTokenId: 'invalid-credentials',
	InvalidToken: 'invalid-credentials',
	MissingAuthenticationToken: 'invalid-credentials',
	CredentialsProviderError: 'invalid-credentials',
	// SDK v2 for JavaScript: "Missing credentials in config".
	CredentialsError: 'invalid-credentials',
	SignatureDoesNotMatch: 'signature-mismatch',
	InvalidSignature: 'signature-mismatch',
	InvalidSignatureException: 'signature-mismatch',
	IncompleteSignature: 'signature-mismatch',
	IncompleteSignatureException: 'signature-mismatch',
	RequestTimeTooSkewed: 'clock-skew',
	InvalidIdentityToken: 'invalid-identity-token',
	InvalidIdentityTokenException: 'invalid-identity-token',
	IDPRejectedClaim: 'provider-error',
	IDPRejectedClaimException: 'provider-error',
	IDPCommunicationError: 'provider-error',
	IDPCommunicationErrorException: 'provider-error',
	Throttling: 'throttling',
	ThrottlingException: 'throttling',
	ProvisionedThroughputExceeded: 'throttling',
	ProvisionedThroughputExceededException: 'throttling',
	SlowDown: 'throttling',
	RequestLimitExceeded: 'throttling',
	TooManyRequestsException: 'throttling',
	RequestThrottled: 'throttling',
	RequestThrottledException: 'throttling',
	TimeoutError: 'network',
	NetworkingError: 'network',
};

/** Message wording that decides on its own, checked in order (clock skew beats the signature codes). */
const BY_TEXT: [RegExp, ErrorCategory][] = [
	[
		/signature expired: |signature not yet current: |difference between the request time/i,
		'clock-skew',
	],
	[
		/token expired: current date\/time|token too old|web identity token that was passed is expired/i,
		'expired-identity-token',
	],
	[
		/not authorized to perform|\baccess denied\b|access to the resource \S{1,300} is denied/i,
		'access-denied',
	],
	[
		/security token included in the request is expired|provided token has expired/i,
		'expired-credentials',
	],
	[
		/security token included in the request is invalid|access key id you provided does not exist|provided token is malformed/i,
		'invalid-credentials',
	],
	[/request signature we calculated does not match/i, 'signature-mismatch'],
	[
		/no openidconnect provider found|incorrect token audience|retrieve verification key|missing a required claim|configured thumbprint/i,
		'invalid-identity-token',
	],
	[
		/rate exceeded|reduce your request rate|request limit exceeded|provisioned throughput/i,
		'throttling',
	],
	[
		/failed to fetch|networkerror when attempting to fetch|network failure|load failed|access-control-allow-origin|cors|preflight|econnrefused|econnreset|etimedout|enotfound|getaddrinfo|socket hang up/i,
		'network',
	],
];

/** An STS ExpiredTokenException from AssumeRoleWithWebIdentity is about the ID token, not our keys. */
function isIdentityTokenExpiry(input: ClassifyInput): boolean {
	return (
		/token expired: current date\/time|token too old|web identity token/i.test(input.text) ||
		/AssumeRoleWith/.test(input.operation ?? '') ||
		(input.service === 'STS' && !/security token included in the request/i.test(input.text))
	);
}

/** Decides the category from the code first, then the wording, then the HTTP status. */
export function classify(input: ClassifyInput): ErrorCategory {
	for (const [pattern, category] of BY_TEXT.slice(0, 2)) {
		if (pattern.test(input.text)) return category;
	}
	// Query-protocol codes drop the `Exception` suffix JSON-protocol ones carry.
	const byCode = input.code
		? (BY_CODE[input.code] ?? BY_CODE[input.code.replace(/Exception$/, '')])
		: undefined;
	if (byCode === 'expired-credentials' && input.code === 'ExpiredTokenException') {
		return isIdentityTokenExpiry(input) ? 'expired-identity-token' : byCode;
	}
	if (byCode) return byCode;
	if (input.code === 'TypeError' && /fetch|network|load failed/i.test(input.text)) return 'network';
	for (const [pattern, category] of BY_TEXT.slice(2)) {
		if (pattern.test(input.text)) return category;
	}
	if (input.status === 429) return 'throttling';
	if (input.status === 403) return 'access-denied';
	return 'unknown';
}
