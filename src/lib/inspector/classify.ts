import { awsErrorCode, CLOCK_SKEW_WORDS } from '../aws/errors';
import { NETWORK_FAILURE } from '../errors';
import type { ErrorCategory } from './types';

/** What the classifier looks at: the code, the (unwrapped) text, and where the error came from. */
interface ClassifyInput {
	code: string | null;
	text: string;
	status: number | null;
	service: string | null;
	operation: string | null;
}

/** Message wording that decides on its own, checked in order (clock skew beats the signature codes). */
const BY_TEXT: [RegExp, ErrorCategory][] = [
	[CLOCK_SKEW_WORDS, 'clock-skew'],
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
	[NETWORK_FAILURE, 'network'],
	[/network failure|access-control-allow-origin|cors|preflight/i, 'network'],
];

/** An STS ExpiredTokenException from AssumeRoleWithWebIdentity is about the ID token, not our keys. */
function isIdentityTokenExpiry(input: ClassifyInput): boolean {
	return (
		/token expired: current date\/time|token too old|web identity token/i.test(input.text) ||
		/AssumeRoleWith/.test(input.operation ?? '') ||
		(input.service === 'STS' && !/security token included in the request/i.test(input.text))
	);
}

/**
 * Codes that wrap other failures: a tool's ValidationError or a 500 often carries an access denial in its
 * words, so these decide only when the words do not.
 */
const WRAPPERS = new Set<ErrorCategory>(['validation', 'server', 'conflict', 'not-found']);

/**
 * Decides the category from the code first (the app's one table of AWS codes, lib/aws/errors.ts), then the
 * wording, then the HTTP status.
 */
export function classify(input: ClassifyInput): ErrorCategory {
	for (const [pattern, category] of BY_TEXT.slice(0, 2)) {
		if (pattern.test(input.text)) return category;
	}
	const byCode = awsErrorCode(input.code)?.category;
	if (byCode === 'expired-credentials' && input.code === 'ExpiredTokenException') {
		return isIdentityTokenExpiry(input) ? 'expired-identity-token' : byCode;
	}
	if (byCode && !WRAPPERS.has(byCode)) return byCode;
	if (input.code === 'TypeError' && /fetch|network|load failed/i.test(input.text)) return 'network';
	for (const [pattern, category] of BY_TEXT.slice(2)) {
		if (pattern.test(input.text)) return category;
	}
	if (byCode) return byCode;
	if (input.status === 429) return 'throttling';
	if (input.status === 403) return 'access-denied';
	return 'unknown';
}
