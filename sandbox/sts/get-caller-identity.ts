import type { TemporarySession } from '../sessions';
import type { XmlValue } from './query';

/** GetCallerIdentity needs no permission (AWS: an explicit deny cannot stop it); it just names the caller. */
export function getCallerIdentity(session: TemporarySession): Record<string, XmlValue> {
	return { Arn: session.assumedRoleArn, UserId: session.assumedRoleId, Account: session.accountId };
}
