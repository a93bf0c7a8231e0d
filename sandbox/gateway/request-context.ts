/**
 * The global condition keys AWS puts in every request context for a role session (IAM User Guide, "AWS
 * global condition context keys"), plus the web identity keys STS recorded from the ID token
 * (`localhost:4000:sub`, `…:aud`, `…:amr`), the session's tags (`aws:PrincipalTag/<key>`) and its source
 * identity (`aws:SourceIdentity`). Per-player access uses the web identity keys, never `aws:userid`, which ends
 * in the caller-chosen RoleSessionName.
 */
import type { ContextValue } from '../../src/lib/iam/types';
import type { TemporarySession } from '../sessions';

export function baseContext(
	session: TemporarySession,
	now: number,
	sourceIp: string,
	region: string,
): Record<string, ContextValue> {
	const context: Record<string, ContextValue> = {
		...session.webIdentityContext,
		...principalTags(session),
		'aws:SourceIp': sourceIp,
		'aws:CurrentTime': isoSeconds(now),
		'aws:EpochTime': String(Math.floor(now / 1000)),
		'aws:SecureTransport': 'false', // the sandbox endpoint is plain http on loopback
		'aws:PrincipalArn': session.roleArn, // for an assumed role: the role's ARN, not the session's
		'aws:PrincipalAccount': session.accountId,
		'aws:PrincipalType': 'AssumedRole',
		'aws:userid': session.assumedRoleId,
		'aws:TokenIssueTime': isoSeconds(session.createdAt),
		'aws:RequestedRegion': region,
		'aws:PrincipalIsAWSService': 'false',
		'aws:ViaAWSService': 'false',
		// aws:username exists only for IAM users, never for roles.
	};
	if (session.sourceIdentity !== undefined) context['aws:SourceIdentity'] = session.sourceIdentity;
	return context;
}

/** `aws:PrincipalTag/<key>` for each session tag (inherited transitive tags included); the role has no tags. */
function principalTags(session: TemporarySession): Record<string, string> {
	return Object.fromEntries(
		session.tags.map(({ key, value }) => [`aws:PrincipalTag/${key}`, value]),
	);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`, so IpAddress conditions see the IPv4 form AWS reports. */
export function sourceIpOf(remoteAddress: string | undefined): string {
	const address = remoteAddress ?? '127.0.0.1';
	return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
