/** How `sendWrite` classifies a failed write: worth retrying later, or to be shown to the player. */
import { isAppError } from '../errors';
import { isExpiredCredentialsError } from '../federation/expired-retry';
import type { AwsErrorExplanation } from '../inspector/explain-error';
import type { ConflictError } from './s3-json';

/**
 * The vault's outbox has no 'conflict' state, so a conflict is stored as a denied write whose explanation
 * starts with this prefix; the UI recognises it with `isConflictExplanation` and offers to resolve it.
 */
export const CONFLICT_PREFIX = 'Conflict: ';

export function isConflictExplanation(explanation: string | undefined): boolean {
	return explanation?.startsWith(CONFLICT_PREFIX) ?? false;
}

export function conflictExplanation(error: ConflictError<unknown>): string {
	const what = error.key.endsWith('profile.json') ? 'your profile' : 'this save';
	const now =
		error.remote === null ? 'it has been deleted there' : 'a newer version is stored there';
	return `${CONFLICT_PREFIX}${what} was changed in another tab or device since you edited it (${now}). Load the latest version, then keep yours or take theirs.`;
}

const RETRYABLE_NAMES = new Set([
	'ThrottlingException',
	'Throttling',
	'ProvisionedThroughputExceededException',
	'RequestLimitExceeded',
	'SlowDown',
	'InternalError',
	'InternalFailure',
	'ServiceUnavailable',
	'ServiceUnavailableException',
	'TransactionConflictException',
	'RequestTimeout',
	'RequestTimeTooSkewed',
	'TimeoutError',
]);

/**
 * Network failures (no HTTP answer), throttling, 5xx, expired or not-yet-valid credentials and a
 * transaction cancelled by a concurrent one: try again later. Anything else AWS refused (AccessDenied,
 * validation) will not get better by resending, so the write is set aside with an explanation.
 */
export function isRetryable(error: unknown, explanation: AwsErrorExplanation): boolean {
	const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
	const status = e?.$metadata?.httpStatusCode;
	if (explanation.category === 'access-denied') return false;
	// Our own refusal (an invalid payload, unreadable remote data) will not change on a resend.
	if (isAppError(error) || e?.name === 'ValiError') return false;
	if (status === undefined || status >= 500) return true;
	if (isExpiredCredentialsError(error)) return true;
	if (RETRYABLE_NAMES.has(String(e?.name))) return true;
	if (e?.name === 'TransactionCanceledException') return isTransactionConflict(error);
	return ['network', 'throttling', 'expired-credentials', 'clock-skew'].includes(
		explanation.category,
	);
}

function isTransactionConflict(error: unknown): boolean {
	const reasons =
		(error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
	return reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError');
}
