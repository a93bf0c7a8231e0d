/**
 * The one table of AWS error codes the app knows (the jose `JOSEErrorCode` pattern): for each code what kind
 * of failure it is, whether the same request may succeed later and whether the credentials that signed it
 * are finished. errors.ts reads it for the data path, error-text.ts keys its words by it; the app imports
 * it through errors.ts. It imports nothing, so the words (a chunk of their own) can read it without a circle.
 */
/** What kind of failure an AWS (or network) error is. */
export type AwsErrorCategory =
	| 'access-denied'
	| 'expired-credentials'
	| 'invalid-credentials'
	| 'signature-mismatch'
	| 'clock-skew'
	| 'invalid-identity-token'
	| 'expired-identity-token'
	/** The identity provider rejected the token, or STS could not reach it. */
	| 'provider-error'
	/** Amazon Cognito refused the identity or the pool (identity pools: GetId and the calls after it). */
	| 'identity-pool'
	| 'throttling'
	/** No HTTP answer at all: offline, DNS, CORS, a refused connection. */
	| 'network'
	/** AWS failed on its side (5xx): try again. */
	| 'server'
	/** A condition on the request did not hold (an ETag, a ConditionExpression, a concurrent write). */
	| 'conflict'
	| 'not-found'
	/** AWS refused the request's parameters; resending it unchanged gives the same answer. */
	| 'validation'
	| 'unknown';

/** One message of a code that means something of its own (Cognito's NotAuthorizedException says several). */
export interface AwsErrorVariant {
	/** Names the variant's words in error-text.ts. */
	id: string;
	/** Tested against AWS's message. */
	pattern: RegExp;
	/** When the variant is another kind of failure than its code (also as a sign-in answer). */
	category?: AwsErrorCategory;
}

export interface AwsErrorCode {
	category: AwsErrorCategory;
	/** Sending the same request again later may succeed. */
	retryable: boolean;
	/** The credentials that signed the request are finished: new ones first (retry-on-expired). */
	renew?: true;
	/** When the code means another kind of failure as an answer to a sign-in (AssumeRoleWithWebIdentity, GetId). */
	signInCategory?: AwsErrorCategory;
	/** Messages of this code that mean something more precise, first match wins. */
	variants?: readonly AwsErrorVariant[];
}

const denied: AwsErrorCode = { category: 'access-denied', retryable: false };
const throttled: AwsErrorCode = { category: 'throttling', retryable: true };
const serverError: AwsErrorCode = { category: 'server', retryable: true };
const unrecognised: AwsErrorCode = { category: 'invalid-credentials', retryable: false };
const badSignature: AwsErrorCode = { category: 'signature-mismatch', retryable: false };
const expiredCredentials: AwsErrorCode = {
	category: 'expired-credentials',
	retryable: true,
	renew: true,
};
const idpUnreachable: AwsErrorCode = { category: 'provider-error', retryable: true };
const identityPool: AwsErrorCode = { category: 'identity-pool', retryable: false };
const conflict: AwsErrorCode = { category: 'conflict', retryable: false };
const notFound: AwsErrorCode = { category: 'not-found', retryable: false };
const validation: AwsErrorCode = { category: 'validation', retryable: false };
const network: AwsErrorCode = { category: 'network', retryable: true };

/**
 * Every code, as AWS spells it. Query-protocol services (STS, S3) drop the `Exception` suffix that JSON
 * services (DynamoDB) add: a lookup tries the code as given, then without the suffix. Cognito Identity's
 * NotAuthorizedException says different things in its message (Developer Guide, "Identity pools
 * authentication flow"; amplify-js#6616 for the merged identity).
 */
export const AWS_ERROR_CODES: Readonly<Record<string, AwsErrorCode>> = {
	AccessDenied: denied,
	AccessDeniedException: denied,
	UnauthorizedOperation: denied,
	Forbidden: denied,
	AllAccessDisabled: denied,
	ExpiredToken: expiredCredentials,
	ExpiredTokenException: { ...expiredCredentials, signInCategory: 'expired-identity-token' },
	TokenRefreshRequired: expiredCredentials,
	RequestExpired: { category: 'expired-credentials', retryable: false },
	InvalidAccessKeyId: unrecognised,
	UnrecognizedClient: unrecognised,
	InvalidClientTokenId: unrecognised,
	InvalidToken: unrecognised,
	MissingAuthenticationToken: unrecognised,
	CredentialsProviderError: unrecognised,
	// The AWS SDK v2 for JavaScript: "Missing credentials in config".
	CredentialsError: unrecognised,
	SignatureDoesNotMatch: badSignature,
	InvalidSignature: badSignature,
	IncompleteSignature: badSignature,
	RequestTimeTooSkewed: { category: 'clock-skew', retryable: true },
	InvalidIdentityToken: { category: 'invalid-identity-token', retryable: false },
	IDPRejectedClaim: { category: 'provider-error', retryable: false },
	IDPCommunicationError: idpUnreachable,
	Throttling: throttled,
	ProvisionedThroughputExceeded: throttled,
	SlowDown: throttled,
	RequestLimitExceeded: throttled,
	TooManyRequestsException: throttled,
	RequestThrottled: throttled,
	TimeoutError: network,
	NetworkingError: network,
	InternalError: serverError,
	InternalFailure: serverError,
	InternalServerError: serverError,
	ServiceUnavailable: serverError,
	RequestTimeout: serverError,
	PreconditionFailed: conflict,
	ConditionalRequestConflict: conflict,
	ConditionalCheckFailed: conflict,
	TransactionConflict: { category: 'conflict', retryable: true },
	TransactionCanceled: conflict,
	NoSuchKey: notFound,
	NotFound: notFound,
	NoSuchBucket: notFound,
	ResourceNotFound: {
		...notFound,
		signInCategory: 'identity-pool',
		variants: [
			{ id: 'pool', pattern: /identitypool '[^']*' not found/i, category: 'identity-pool' },
			{ id: 'identity', pattern: /^identity '[^']*' not found/i, category: 'identity-pool' },
		],
	},
	NotAuthorized: {
		...identityPool,
		variants: [
			{ id: 'no-guests', pattern: /unauthenticated access is not supported/i },
			{ id: 'not-yours', pattern: /logins don.t match/i },
			{
				id: 'expired',
				pattern: /invalid login token.*expired|token (is )?expired/i,
				category: 'expired-identity-token',
			},
			{ id: 'invalid', pattern: /invalid login token/i, category: 'invalid-identity-token' },
			{
				id: 'merged',
				pattern: /access to identity .* is forbidden|identity .* is disabled|disabled identity/i,
			},
		],
	},
	InvalidIdentityPoolConfiguration: identityPool,
	InvalidParameter: {
		...validation,
		variants: [
			{
				id: 'classic-flow',
				pattern: /basic \(classic\) flow is not enabled/i,
				category: 'identity-pool',
			},
		],
	},
	ResourceConflict: identityPool,
	ExternalService: idpUnreachable,
	LimitExceeded: throttled,
	Validation: validation,
	ValidationError: validation,
	MalformedPolicyDocument: validation,
	PackedPolicyTooLarge: validation,
	RegionDisabled: validation,
	InvalidParameterValue: validation,
	InvalidAuthorizationMessage: validation,
};

/** The table's key for `code` (own keys only: `constructor` is no AWS code), as found; null when unknown. */
export function awsErrorKey(code: string | null | undefined): string | null {
	if (!code) return null;
	for (const candidate of [code, code.replace(/Exception$/, '')]) {
		if (Object.hasOwn(AWS_ERROR_CODES, candidate)) return candidate;
	}
	return null;
}

/** The table's entry for `code`; null when the app does not know it. */
export function awsErrorCode(code: string | null | undefined): AwsErrorCode | null {
	const key = awsErrorKey(code);
	return key === null ? null : AWS_ERROR_CODES[key]!;
}

/** The variant of `known` that AWS's `message` matches; null when none does. */
export function awsErrorVariant(known: AwsErrorCode, message: string): AwsErrorVariant | null {
	return known.variants?.find((v) => v.pattern.test(message.slice(0, 2_000))) ?? null;
}

/**
 * What kind of failure `code` with AWS's `message` is: the matching variant's category, else the code's
 * (`signIn`: as an answer to a sign-in). Null for a code the table does not know.
 */
export function awsErrorCategory(
	code: string | null | undefined,
	message: string,
	signIn = false,
): AwsErrorCategory | null {
	const known = awsErrorCode(code);
	if (!known) return null;
	const variant = awsErrorVariant(known, message);
	if (variant) return variant.category ?? known.category;
	return (signIn ? known.signInCategory : undefined) ?? known.category;
}
