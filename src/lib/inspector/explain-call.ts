import type { CallLogEntry } from '../aws/call-log';
import { explainAwsError } from './explain-error';
import type { AwsErrorExplanation } from './types';

/**
 * The explanation of a logged call's failure, from what the call log kept of it (AWS's code, its words,
 * the HTTP status and the service); null for a call that worked.
 */
export function explainCall(
	entry: Pick<CallLogEntry, 'error' | 'status' | 'service'>,
): AwsErrorExplanation | null {
	if (!entry.error) return null;
	return explainAwsError({
		code: entry.error.code ?? undefined,
		message: entry.error.message,
		status: entry.status ?? undefined,
		service: entry.service,
	});
}
