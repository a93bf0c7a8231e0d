/**
 * Answers that are a normal state, not a failure: the app asked a question whose "no" it handles. A write
 * whose condition AWS found false (a replayed write that already landed, a score that is not a new best, a
 * file changed elsewhere) and a read of an object that is not there yet. The call log shows them as
 * expected, with one line why; only the rest is red. Pure: from the call's input and AWS's answer.
 */
import { awsErrorFacts } from './errors';

interface CallFacts {
	service: string;
	operation: string;
	input: unknown;
	error: unknown;
}

const S3_CONDITION_LOST = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);

function has(input: unknown, key: string): boolean {
	return (
		typeof input === 'object' && input !== null && (input as Record<string, unknown>)[key] != null
	);
}

/** Every cancellation reason that is not `None` says the item's condition was false. */
function cancelledOnlyByConditions(error: unknown): boolean {
	const reasons =
		(error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
	const real = reasons.filter((r) => r.Code !== undefined && r.Code !== 'None');
	return real.length > 0 && real.every((r) => r.Code === 'ConditionalCheckFailed');
}

/** Why this failed call is an expected outcome, in one line; null when it is a real failure. */
export function expectedOutcome({ service, operation, input, error }: CallFacts): string | null {
	const { code, status } = awsErrorFacts(error);
	if (service === 'S3') {
		const conditional = has(input, 'IfMatch') || has(input, 'IfNoneMatch');
		if (conditional && (S3_CONDITION_LOST.has(code ?? '') || status === 412 || status === 409)) {
			return 'Refused by its condition (If-Match / If-None-Match): the object had changed, or this replayed write had already landed. The app reconciles it.';
		}
		if (
			(operation === 'GetObject' || operation === 'HeadObject') &&
			(code === 'NoSuchKey' || status === 404)
		) {
			return 'Nothing stored at this key yet (an empty slot or a file never saved).';
		}
		return null;
	}
	if (service === 'DynamoDB') {
		if (code === 'ConditionalCheckFailedException' && has(input, 'ConditionExpression')) {
			return 'Refused by its ConditionExpression, as designed: nothing to change (for a score: not a new best).';
		}
		if (code === 'TransactionCanceledException' && cancelledOnlyByConditions(error)) {
			return 'Refused by its condition: this run was already recorded (a replayed write), so it is not counted twice.';
		}
	}
	return null;
}
