/**
 * What each AWS code of errors.ts's table means, in words: one line per code (`meaning`), the title and hint
 * a player sees when the code answers a sign-in, the words of the messages that say more (variants), and
 * STS's message rules. Loaded only when an error is shown (errors.ts, `loadAwsErrorText`), or with the
 * inspector, which imports it directly: the data path classifies errors without these words (issue 18).
 */
import {
	AWS_ERROR_CODES,
	awsErrorKey,
	awsErrorVariant,
	type AwsErrorCategory,
} from './error-codes';

/** Words for a player who meets the code while signing in (an AssumeRoleWithWebIdentity answer). */
interface SignInWords {
	title: string;
	hint: string;
	/** When the code means something else as an answer to AssumeRoleWithWebIdentity. */
	meaning?: string;
}

/** A variant's words (errors.ts matches the message: `AwsErrorVariant`). */
interface VariantWords {
	meaning: string;
	signIn: SignInWords;
}

interface CodeWords {
	/** What it means, in one line. */
	meaning: string;
	signIn?: SignInWords;
	/** By the variant's id in errors.ts. */
	variants?: Readonly<Record<string, VariantWords>>;
}

const DENIED = 'The request was denied by a policy.';
const throttled: CodeWords = {
	meaning: 'AWS throttled the request: too many requests in a short time.',
};
const serverError: CodeWords = {
	meaning: 'AWS failed to handle the request on its side; it usually works on a later try.',
};
const unrecognised: CodeWords = {
	meaning: 'AWS did not recognise the access key or session token sent with the request.',
};
const badSignature: CodeWords = {
	meaning: 'The SigV4 signature did not match what AWS computed for this request.',
};
const expiredCredentials: CodeWords = {
	meaning: 'The temporary credentials (the session token) that signed the request have expired.',
};
const idpUnreachable: SignInWords = {
	title: 'AWS could not reach your identity provider',
	hint: 'This is usually temporary: try again in a moment.',
};
const expiredSignIn = {
	title: 'Your sign-in has expired',
	hint: 'Sign in again. If this happens right after signing in, check that this device’s clock is correct.',
};
const poolNotFound = {
	title: 'The identity pool was not found',
	hint: 'Whoever runs the app: check identityPoolId and region in config.json (the pool id starts with its region).',
};
const refusedParameter = 'AWS refused a parameter of the request.';

const identityPool = (meaning: string, title: string, hint: string): CodeWords => ({
	meaning,
	signIn: { title, hint },
});

/** The words of every code of errors.ts's `AWS_ERROR_CODES`, under the same key. */
export const AWS_ERROR_WORDS: Readonly<Record<string, CodeWords>> = {
	AccessDenied: {
		meaning: DENIED,
		signIn: {
			title: 'This game role does not trust your sign-in',
			hint: 'Check that you signed in with the right provider. Whoever runs the app: check the role’s trust policy (the provider and its :aud and :sub conditions).',
			meaning:
				'Your sign-in is valid, but the role’s trust policy does not allow it to be assumed with this token.',
		},
	},
	AccessDeniedException: { meaning: DENIED },
	UnauthorizedOperation: { meaning: DENIED },
	Forbidden: { meaning: 'The request was denied.' },
	AllAccessDisabled: { meaning: 'All access to this S3 resource has been disabled.' },
	ExpiredToken: expiredCredentials,
	ExpiredTokenException: {
		...expiredCredentials,
		signIn: {
			...expiredSignIn,
			meaning: 'The ID token from your identity provider expired before AWS received it.',
		},
	},
	TokenRefreshRequired: expiredCredentials,
	RequestExpired: { meaning: 'The request reached AWS after its signature had expired.' },
	InvalidAccessKeyId: unrecognised,
	UnrecognizedClient: unrecognised,
	InvalidClientTokenId: unrecognised,
	InvalidToken: unrecognised,
	MissingAuthenticationToken: unrecognised,
	CredentialsProviderError: { meaning: 'The app had no credentials to sign the request with.' },
	CredentialsError: { meaning: 'The SDK had no credentials to sign with.' },
	SignatureDoesNotMatch: badSignature,
	InvalidSignature: badSignature,
	IncompleteSignature: badSignature,
	RequestTimeTooSkewed: { meaning: "The request's signing time is too far from AWS's clock." },
	InvalidIdentityToken: {
		meaning:
			'AWS STS could not validate the ID token from your identity provider (or the ProviderId sent with an OAuth 2.0 access token).',
		signIn: {
			title: 'AWS did not accept your sign-in',
			hint: 'Sign in again. If it keeps happening, the AWS account may not trust this provider or client id (check its IAM OIDC provider: issuer URL and audience).',
		},
	},
	IDPRejectedClaim: {
		meaning:
			'AWS asked your identity provider to confirm the sign-in and it refused (for an OAuth 2.0 access token: expired, revoked or not its own).',
		signIn: {
			title: 'Your identity provider rejected the sign-in',
			hint: 'Sign in again, or use another provider.',
		},
	},
	IDPCommunicationError: {
		meaning:
			'AWS STS could not fetch the keys it needs from your identity provider to check your sign-in.',
		signIn: idpUnreachable,
	},
	Throttling: throttled,
	ProvisionedThroughputExceeded: throttled,
	SlowDown: throttled,
	RequestLimitExceeded: throttled,
	TooManyRequestsException: throttled,
	RequestThrottled: throttled,
	TimeoutError: { meaning: 'The request timed out before AWS answered.' },
	NetworkingError: { meaning: 'The request got no HTTP answer.' },
	InternalError: serverError,
	InternalFailure: serverError,
	InternalServerError: serverError,
	ServiceUnavailable: serverError,
	RequestTimeout: serverError,
	PreconditionFailed: {
		meaning: 'The object changed since the ETag the request names (If-Match / If-None-Match).',
	},
	ConditionalRequestConflict: {
		meaning: 'A concurrent write to the same S3 key won; read the ETag again first.',
	},
	ConditionalCheckFailed: { meaning: 'The item did not meet the ConditionExpression.' },
	TransactionConflict: {
		meaning: 'Another transaction was writing the same item at the same time.',
	},
	TransactionCanceled: {
		meaning: 'The transaction was cancelled: see its CancellationReasons.',
	},
	NoSuchKey: { meaning: 'There is no object at this key.' },
	NotFound: { meaning: 'There is nothing there.' },
	NoSuchBucket: { meaning: 'The bucket does not exist.' },
	ResourceNotFound: {
		meaning: 'The table, index, identity pool or identity does not exist.',
		variants: {
			pool: {
				meaning:
					'Amazon Cognito has no such identity pool in this region: a wrong identityPoolId, or the pool lives in another region.',
				signIn: poolNotFound,
			},
			identity: {
				meaning:
					'Amazon Cognito has no such identity in this pool (an identity id of another pool, or one deleted).',
				signIn: {
					title: 'This identity is unknown to the pool',
					hint: 'Sign in again: Amazon Cognito gives your login its identity.',
				},
			},
		},
		signIn: {
			...poolNotFound,
			meaning:
				'Amazon Cognito has no such identity pool (or identity) in this region: a wrong identityPoolId, or the pool lives in another region.',
		},
	},
	NotAuthorized: {
		...identityPool(
			'Amazon Cognito refused to act for this identity with the logins sent.',
			'The identity pool refused your sign-in',
			'Sign in again; if it keeps happening, note the request id for whoever runs the app.',
		),
		variants: {
			'no-guests': {
				meaning: 'This identity pool does not allow guests (unauthenticated identities).',
				signIn: {
					title: 'Guests cannot play here',
					hint: 'Sign in with a provider instead. Whoever runs the app: allow unauthenticated identities on the pool (AllowUnauthenticatedIdentities), or set allowGuests to false in config.json.',
				},
			},
			'not-yours': {
				meaning:
					'The identity id belongs to a signed-in identity, and no login sent with the request is one of its logins.',
				signIn: {
					title: 'This identity belongs to someone else',
					hint: 'Sign in with the account this identity was made with, or start without an identity id.',
				},
			},
			expired: {
				meaning: 'The ID token sent in Logins had expired when Amazon Cognito received it.',
				signIn: expiredSignIn,
			},
			invalid: {
				meaning:
					'Amazon Cognito did not accept the ID token in Logins: wrong issuer or Logins key, a client id (aud) the pool does not list, or a bad signature.',
				signIn: {
					title: 'The identity pool did not accept your sign-in',
					hint: 'Sign in again. Whoever runs the app: check that the pool lists this provider (its Logins key, the issuer without https://) and this client id.',
				},
			},
			merged: {
				meaning:
					'This identity was disabled: its login now belongs to another identity it was merged into (or an administrator disabled it).',
				signIn: {
					title: 'This identity was merged into another one',
					hint: 'Sign in again: Amazon Cognito answers with the identity your login belongs to now.',
				},
			},
		},
	},
	InvalidIdentityPoolConfiguration: identityPool(
		'The identity pool has no role for this kind of identity, or the role’s trust policy does not trust this pool (its :aud and :amr conditions).',
		'The identity pool is not set up',
		'Whoever runs the app: attach an authenticated (and, for guests, an unauthenticated) role to the pool, and check each role trusts cognito-identity.amazonaws.com with this pool as :aud.',
	),
	InvalidParameter: {
		meaning: 'Amazon Cognito refused a parameter of the request.',
		variants: {
			'classic-flow': {
				meaning:
					'The identity pool does not allow the basic (classic) flow: GetOpenIdToken is refused.',
				signIn: {
					title: 'The basic flow is turned off for this pool',
					hint: 'Whoever runs the app: set flow to "enhanced" in config.json, or allow the classic flow on the pool (AllowClassicFlow).',
				},
			},
		},
		signIn: {
			title: 'Amazon Cognito refused the request’s parameters',
			hint: 'Whoever runs the app: check identityPoolId and loginsKey in config.json.',
		},
	},
	ResourceConflict: identityPool(
		'The login is already linked to another identity in a way Amazon Cognito cannot merge (one login per public provider).',
		'Your sign-in is linked elsewhere',
		'Sign in with the account this identity was made with.',
	),
	ExternalService: {
		meaning: 'Amazon Cognito could not reach the identity provider to check the login token.',
		signIn: idpUnreachable,
	},
	LimitExceeded: throttled,
	Validation: { meaning: refusedParameter },
	ValidationError: {
		meaning: refusedParameter,
		signIn: {
			meaning:
				'A parameter of the request is out of range, for example a session duration above the role’s maximum.',
			title: 'AWS refused the request’s parameters',
			hint: 'Whoever runs the app: check durationSeconds (at most the role’s MaxSessionDuration) and roleArn in config.json.',
		},
	},
	MalformedPolicyDocument: {
		meaning:
			'AWS refused the session policy sent with the request because it is not a valid policy document.',
		signIn: {
			title: 'The session policy is not valid',
			hint: 'Fix the session policy (JSON syntax, Version, Effect, Action, Resource) and try again.',
		},
	},
	PackedPolicyTooLarge: {
		meaning: 'The session policy and tags, packed by AWS, exceed the size AWS allows.',
		signIn: {
			title: 'The session policy is too large',
			hint: 'Use a shorter session policy (fewer statements or actions) and try again.',
		},
	},
	RegionDisabled: {
		meaning: 'The AWS account has not activated STS in the region the app is configured for.',
		signIn: {
			title: 'AWS STS is not enabled in this region',
			hint: 'Whoever runs the app: activate the region in the IAM account settings, or set another region in config.json.',
		},
	},
	InvalidParameterValue: { meaning: 'AWS refused the value of a parameter of the request.' },
	InvalidAuthorizationMessage: {
		meaning: 'The encoded authorization message is malformed or has expired.',
	},
};

/**
 * STS answers whose code alone says too little: the message names the rule (session tags, source identity,
 * role chaining; IAM User Guide, "Passing session tags in AWS STS", "Role chaining"). Checked in order, by
 * code and AWS's exact words; the first match gives the meaning, and the words for a player.
 */
export interface StsMessageRule {
	code: string;
	words: RegExp;
	category: AwsErrorCategory;
	meaning: string;
	title: string;
	hint: string;
}

export const STS_MESSAGE_RULES: readonly StsMessageRule[] = [
	{
		code: 'ValidationError',
		words: /exceeds the 1 hour session limit for roles assumed by role chaining/i,
		category: 'validation',
		meaning:
			'STS refused the DurationSeconds: a role taken from another role session (role chaining) lasts at most one hour (3600 s).',
		title: 'A chained role lasts at most an hour',
		hint: 'Ask for 3600 seconds or less. Fedplay asks for min(3600, what your session has left), never below 900.',
	},
	{
		code: 'ValidationError',
		words: /^Unable to validate tags/i,
		category: 'validation',
		meaning:
			'The session tags in the ID token break AWS’s rules: at most 50 tags, keys of 1–128 and values of up to 256 letters, digits, spaces and _ . : / = + - @, exactly one value per tag.',
		title: 'Your sign-in carries session tags AWS cannot use',
		hint: 'Whoever runs the identity provider: fix the https://aws.amazon.com/tags claim (principal_tags and transitive_tag_keys).',
	},
	{
		code: 'ValidationError',
		words: /at '(?:sourceIdentity|SourceIdentity)' failed to satisfy constraint/,
		category: 'validation',
		meaning:
			'The source identity is not one AWS accepts: 2–64 characters of letters, digits and _ + = , . @ -, not starting with aws:.',
		title: 'Your sign-in carries a source identity AWS cannot use',
		hint: 'Whoever runs the identity provider: fix the https://aws.amazon.com/source_identity claim.',
	},
	{
		code: 'ValidationError',
		words: /at '(?:tags|transitiveTagKeys)[^']*' failed to satisfy constraint/i,
		category: 'validation',
		meaning:
			'A session tag is over AWS’s limits: at most 50 tags, keys of 1–128 and values of up to 256 allowed characters.',
		title: 'Too many or too long session tags',
		hint: 'Send fewer or shorter tags.',
	},
	{
		code: 'PackedPolicyTooLarge',
		words: /^Packed size of session tags/i,
		category: 'validation',
		meaning:
			'The session tags, packed by AWS together with any session policy, take more room than AWS allows.',
		title: 'Your sign-in carries too many session tags',
		hint: 'Whoever runs the identity provider: send fewer or shorter tags in the https://aws.amazon.com/tags claim.',
	},
	{
		code: 'InvalidParameterValue',
		words: /conflicts with a transitive tag key from the calling session/i,
		category: 'validation',
		meaning:
			'The chained request set a tag that the calling session passes on as transitive: such a tag keeps its value for the whole role chain and cannot be overridden.',
		title: 'A transitive tag cannot be changed',
		hint: 'Leave that tag out of the request: the chained session already carries it.',
	},
	{
		code: 'InvalidParameterValue',
		words: /Duplicate tag keys found/i,
		category: 'validation',
		meaning: 'Two session tags have the same key but for case; tag keys are case-insensitive.',
		title: 'Two session tags have the same key',
		hint: 'Send each tag key once, whatever its case.',
	},
	{
		code: 'InvalidParameterValue',
		words: /transitive tag key must be included in the requested tags/i,
		category: 'validation',
		meaning: 'A transitive tag key names no tag of the request.',
		title: 'A transitive tag key names no tag',
		hint: 'List in transitive_tag_keys only keys that are in principal_tags.',
	},
	{
		code: 'AccessDenied',
		words:
			/sts:SetSourceIdentity .{0,400}because the source identity of a role chain cannot be changed/i,
		category: 'access-denied',
		meaning:
			'The chained request asked for another source identity: once set, the source identity stays the same for the whole role chain.',
		title: 'The source identity cannot change',
		hint: 'Leave SourceIdentity out of the chained request (it is carried), or repeat the same value.',
	},
	{
		code: 'AccessDenied',
		words: /perform: sts:TagSession on resource/i,
		category: 'access-denied',
		meaning:
			'The request carries session tags and the role’s trust policy (or the caller’s policy) does not allow sts:TagSession, so STS refused it whole.',
		title: 'This role does not accept session tags',
		hint: 'Whoever runs the app: add sts:TagSession to the role trust policy’s actions (every tagged sign-in needs it).',
	},
	{
		code: 'AccessDenied',
		words: /perform: sts:SetSourceIdentity on resource/i,
		category: 'access-denied',
		meaning:
			'The request sets a source identity and the role’s trust policy (or the caller’s policy) does not allow sts:SetSourceIdentity.',
		title: 'This role does not accept a source identity',
		hint: 'Whoever runs the app: add sts:SetSourceIdentity to the role trust policy’s actions.',
	},
	{
		code: 'AccessDenied',
		words: /perform: sts:AssumeRole on resource: \S+ because no role trust policy allows/i,
		category: 'access-denied',
		meaning:
			'The target role’s trust policy did not let this session in. Fedplay’s tournament role admits only a player session whose tag role is organizer (aws:PrincipalTag/role = organizer).',
		title: 'Only organizers can take the tournament role',
		hint: 'Organizers get the role=organizer tag from their identity provider; other players simply read the results.',
	},
	{
		code: 'AccessDenied',
		words: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
		category: 'access-denied',
		meaning:
			'The role’s trust policy did not allow this sign-in. A token that carries session tags or a source identity also needs sts:TagSession and sts:SetSourceIdentity in the trust policy, and Fedplay’s roles refuse a team tag that is empty or contains "/".',
		title: 'This game role does not trust your sign-in',
		hint: 'Check the provider you signed in with. Whoever runs the app: check the trust policy’s actions (sts:TagSession, sts:SetSourceIdentity) and its conditions on :aud, :sub and aws:RequestTag/team.',
	},
];

/** The rule of {@link STS_MESSAGE_RULES} that AWS's code and message match; null when none does. */
export function stsMessageRule(
	code: string | null | undefined,
	message: string | null | undefined,
): StsMessageRule | null {
	if (!code || !message) return null;
	const bare = code.replace(/Exception$/, '');
	return (
		STS_MESSAGE_RULES.find(
			(rule) => rule.code === bare && rule.words.test(message.slice(0, 2000)),
		) ?? null
	);
}

/** The words a sign-in answer gets, with the category it is at sign-in when that differs from the code's. */
type SignInAnswer = SignInWords & { category?: AwsErrorCategory };

/** What `code` with AWS's `message` means: the matching variant's words, else the code's own. */
export function awsErrorWords(
	code: string | null | undefined,
	message: string,
): {
	category: AwsErrorCategory;
	meaning: string;
	signIn: SignInAnswer | null;
	/** True when a message variant matched (its words are more precise than the code's). */
	precise: boolean;
} | null {
	const key = awsErrorKey(code);
	if (key === null) return null;
	const known = AWS_ERROR_CODES[key]!;
	const words = AWS_ERROR_WORDS[key]!;
	const variant = awsErrorVariant(known, message);
	if (variant) {
		const { meaning, signIn } = words.variants![variant.id]!;
		const category = variant.category;
		return {
			category: category ?? known.category,
			meaning,
			signIn: category ? { ...signIn, category } : signIn,
			precise: true,
		};
	}
	const category = known.signInCategory;
	return {
		category: known.category,
		meaning: words.meaning,
		signIn: words.signIn ? (category ? { ...words.signIn, category } : words.signIn) : null,
		precise: false,
	};
}

/** The one line `code` means (not a variant's); null for a code the table does not know. */
export function awsErrorMeaning(code: string | null | undefined): string | null {
	const key = awsErrorKey(code);
	return key === null ? null : AWS_ERROR_WORDS[key]!.meaning;
}

/** A call-log failure in one line: what its code means (with AWS's message), else AWS's (redacted) message. */
export function loggedErrorSummary(error: { code: string | null; message: string }): string {
	return awsErrorWords(error.code, error.message)?.meaning ?? error.message;
}
