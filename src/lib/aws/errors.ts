/**
 * What the app knows of an AWS error, for the data path: its facts (code, message, status, request id), its
 * category from the one table of AWS codes (error-codes.ts, re-exported here), whether resending may succeed,
 * whether the signing credentials are finished. The game (retry or set a write aside), the federation code
 * (what a sign-in failure is) and the inspector all read it; nothing else lists AWS codes.
 *
 * What each code means in words (its one line, the sign-in titles and hints, STS's message rules) is in
 * error-text.ts, a chunk of its own: the data path needs only the classification, and the words load when an
 * error is shown (`loadAwsErrorText`; issue 18). The inspector imports error-text.ts directly.
 */
import { isAppError, isNetworkFailure } from '../errors';

import { awsErrorCategory, awsErrorCode, awsErrorKey, type AwsErrorCategory } from './error-codes';

export * from './error-codes';

/** The words of error-text.ts: fetched the first time an error is explained (`loadAwsErrorText`). */
export type AwsErrorText = typeof import('./error-text');

let text: Promise<AwsErrorText> | undefined;

/**
 * The explanatory words of every code (error-text.ts, its own chunk), downloaded the first time an error is
 * shown. Null when the chunk cannot be downloaded (offline, a new deployment): the caller says so in AWS's
 * own words instead, and a later error tries the download again.
 */
export async function loadAwsErrorText(): Promise<AwsErrorText | null> {
	text ??= import('./error-text');
	try {
		return await text;
	} catch {
		text = undefined;
		return null;
	}
}

/** Said of AWS's answer when error-text.ts could not be downloaded to explain it (AWS's own words stay). */
export const NOT_EXPLAINED =
	'Fedplay’s explanation of it could not be downloaded: check your connection.';

/** What every error reader needs from an AWS SDK v3 error (or anything thrown), never throwing. */
interface AwsErrorFacts {
	/** AWS's code: the SDK error's `name` (or a `Code` field); null when there is none. */
	code: string | null;
	message: string;
	/** HTTP status; null when no answer arrived. */
	status: number | null;
	requestId: string | null;
	category: AwsErrorCategory;
}

/** Clock skew has no code of its own in DynamoDB and STS: their signature errors say it in words. */
export const CLOCK_SKEW_WORDS =
	/signature expired: |signature not yet current: |difference between the request time/i;

/** Reads an SDK-shaped error: `name`, `message`, `$metadata.httpStatusCode`, `$metadata.requestId`. */
export function awsErrorFacts(error: unknown): AwsErrorFacts {
	const e = (typeof error === 'object' && error !== null ? error : {}) as {
		name?: unknown;
		Code?: unknown;
		message?: unknown;
		$metadata?: { httpStatusCode?: unknown; requestId?: unknown };
	};
	const name = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : null;
	const code = name === 'Error' || name === 'TypeError' ? null : name;
	const message = typeof e.message === 'string' ? e.message : String(error);
	const status =
		typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null;
	const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : null;
	return { code, message, status, requestId, category: categoryOf(code, message, status, error) };
}

function categoryOf(
	code: string | null,
	message: string,
	status: number | null,
	error: unknown,
): AwsErrorCategory {
	if (CLOCK_SKEW_WORDS.test(message)) return 'clock-skew';
	const known = awsErrorCategory(code, message);
	if (known) return known;
	if (status === null && isNetworkFailure(error)) return 'network';
	if (status !== null && status >= 500) return 'server';
	if (status === 429) return 'throttling';
	return 'unknown';
}

/** AWS said the credentials that signed the request expired: renew them and send it once more. */
export function isExpiredCredentialsError(error: unknown): boolean {
	return awsErrorCode(awsErrorFacts(error).code)?.renew === true;
}

/**
 * Whether resending the same write later may succeed: no HTTP answer, a 5xx, throttling, expired or
 * skewed credentials, a transaction cancelled by a concurrent one. What AWS refused (AccessDenied,
 * validation) and the app's own refusals (an invalid payload) will not get better by resending.
 */
export function isRetryableAwsError(error: unknown): boolean {
	if (isAppError(error) || (error as { name?: unknown } | null)?.name === 'ValiError') return false;
	const facts = awsErrorFacts(error);
	if (facts.category === 'access-denied') return false;
	if (facts.status === null || facts.status >= 500) return true;
	if (facts.category === 'clock-skew') return true;
	if (facts.code === 'TransactionCanceledException') return isTransactionConflict(error);
	return awsErrorCode(facts.code)?.retryable ?? false;
}

function isTransactionConflict(error: unknown): boolean {
	const reasons =
		(error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
	return reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError');
}

/**
 * One short line for the player about a failed call: `ThrottlingException: AWS throttled the request…`,
 * or the app's own message for its own errors. A known code's words are fetched (error-text.ts); should
 * they not download, the line gives AWS's own message and says so.
 */
export async function describeAwsError(error: unknown): Promise<string> {
	if (isAppError(error)) return error.message;
	const { code, message, category } = awsErrorFacts(error);
	const head = code ?? (category === 'network' ? 'No answer' : 'Error');
	if (!awsErrorKey(code)) return `${head}: ${message}`;
	const words = await loadAwsErrorText();
	return words
		? `${head}: ${words.awsErrorMeaning(code) ?? message}`
		: `${head}: ${message} (AWS’s words; ${NOT_EXPLAINED})`;
}
