import type { TemporarySession } from '../sessions';
import type { XmlValue } from './query';

/**
 * GetCallerIdentity needs no permission, and an explicit deny cannot stop it: the evaluator allows it whatever the
 * policies say (src/lib/iam/evaluate.ts, `NO_PERMISSION_NEEDED`), so there is no decision to ask for here — the
 * signature alone (checked before) authenticates the caller. It just names the caller.
 */
export function getCallerIdentity(session: TemporarySession): Record<string, XmlValue> {
	return { Arn: session.assumedRoleArn, UserId: session.assumedRoleId, Account: session.accountId };
}
