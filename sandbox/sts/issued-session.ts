import type { TemporarySession } from '../sessions';
import { isoSeconds, type XmlValue } from './query';

/** The elements every AssumeRole* answer shares, in STS's shape: the credentials and who they make you. */
export function issuedSessionResult(
	session: TemporarySession,
	packedPolicySize: number | undefined,
): Record<string, XmlValue> {
	return {
		Credentials: {
			AccessKeyId: session.accessKeyId,
			SecretAccessKey: session.secretAccessKey,
			SessionToken: session.sessionToken,
			Expiration: isoSeconds(session.expiration),
		},
		AssumedRoleUser: { Arn: session.assumedRoleArn, AssumedRoleId: session.assumedRoleId },
		PackedPolicySize: packedPolicySize,
		SourceIdentity: session.sourceIdentity,
	};
}
