/**
 * Reasons and access-denied messages in AWS's words (IAM User Guide, "Troubleshoot access denied error
 * messages"): `because no <type> policy allows the <action> action` for an implicit deny and
 * `with an explicit deny in a|an <type> policy` for an explicit one.
 */
import type { AuthzRequest, Decision, PolicyType, StatementMatch } from './types';

const WORDS: Record<PolicyType, string> = {
	'identity-based': 'identity-based',
	session: 'session',
	'resource-based': 'resource-based',
	trust: 'role trust',
};

export function implicitDenyReason(type: PolicyType, action: string): string {
	return `because no ${WORDS[type]} policy allows the ${action} action`;
}

export function explicitDenyReason(type: PolicyType): string {
	const words = WORDS[type];
	return `with an explicit deny in ${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} policy`;
}

export function allowReason(match: StatementMatch): string {
	const statement = match.sid ? `statement ${match.sid}` : `statement ${match.index}`;
	return `allowed by ${statement} of the ${WORDS[match.policyType]} policy ${match.policy}`;
}

/** For an action AWS authorizes without any policy (evaluate.ts `NO_PERMISSION_NEEDED`). */
export function noPermissionReason(action: string): string {
	return `allowed without a policy: no permissions are required to perform ${action}`;
}

export interface MessageOptions {
	/** S3 puts the resource in double quotes: `on resource: "arn:aws:s3:::bucket/key"`. */
	quoteResource?: boolean;
}

/**
 * `User: <principal> is not authorized to perform: <action> on resource: <resource> <reason>`, without the
 * resource part when the resource is `*`. Meant for denials; the gateway and STS put it in their error bodies.
 */
export function formatAccessDeniedMessage(
	request: AuthzRequest,
	decision: Decision,
	options: MessageOptions = {},
): string {
	const resource = options.quoteResource ? `"${request.resource}"` : request.resource;
	const on = request.resource === '*' ? '' : ` on resource: ${resource}`;
	return `User: ${request.principal} is not authorized to perform: ${request.action}${on} ${decision.reason}`;
}
