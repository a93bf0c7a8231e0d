import { AwsError } from '../errors';
import { DEFAULT_DURATION_SECONDS } from './member-rules';

/** A role assumed with a role session's credentials is chained; AWS caps such sessions at an hour. */
const CHAINED_MAX_SECONDS = 3600;

/**
 * The session lifetime to grant: `DurationSeconds` (already within the model's 900–43,200) or the default,
 * refused in AWS's words above an hour for role chaining, and above the role's MaxSessionDuration.
 */
export function grantedDuration(
	requested: string | undefined,
	roleMaxSeconds: number,
	chained: boolean,
): number {
	const seconds = Number(requested ?? DEFAULT_DURATION_SECONDS);
	if (chained && seconds > CHAINED_MAX_SECONDS) {
		throw new AwsError(
			'ValidationError',
			400,
			'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
		);
	}
	if (seconds > roleMaxSeconds) {
		throw new AwsError(
			'ValidationError',
			400,
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		);
	}
	return seconds;
}
