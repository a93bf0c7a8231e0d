import type { DeniedParts } from './parse-denied';
import type { DeniedPolicyType } from './types';

/** How each policy type is named in a sentence, and where it lives. */
const WHERE: Record<DeniedPolicyType, string> = {
	'identity-based': "the role's identity-based (permissions) policy",
	session: 'the session policy passed to AssumeRoleWithWebIdentity',
	'resource-based':
		'the resource-based policy (bucket policy, or for sts:AssumeRole* the role trust policy)',
	scp: 'a service control policy (SCP) of the AWS Organization',
	rcp: 'a resource control policy (RCP) of the AWS Organization',
	'permissions-boundary': "the role's permissions boundary",
	'vpc-endpoint': 'the VPC endpoint policy',
};

function isTrust(parts: DeniedParts): boolean {
	return parts.policyWords === 'role trust policy' || /^sts:AssumeRole/i.test(parts.action ?? '');
}

/** One sentence: who was denied what, and which policy said so. */
export function deniedSummary(parts: DeniedParts): string {
	const who = parts.principal ?? 'The caller';
	const what = parts.action ?? 'this action';
	const on = parts.resource ? ` on ${parts.resource}` : '';
	if (!parts.policyType && parts.denyKind) {
		const how =
			parts.denyKind === 'explicit' ? 'by an explicit Deny' : 'because no policy allows it';
		return `${who} was denied ${what}${on} ${how}; AWS did not say in which kind of policy.`;
	}
	if (!parts.policyType && isTrust(parts)) {
		return `${who} was denied ${what}: the role trust policy did not let this identity assume the role.`;
	}
	if (!parts.policyType) {
		return parts.encodedMessage
			? `${who} was denied ${what}${on}; the reason is in the encoded authorization message.`
			: `${who} was denied ${what}${on}; AWS did not say which policy denied it.`;
	}
	const where = isTrust(parts) ? 'the role trust policy' : WHERE[parts.policyType];
	return parts.denyKind === 'explicit'
		? `${who} was denied ${what}${on} by an explicit Deny in ${where}.`
		: `${who} was denied ${what}${on} because no statement in ${where} allows it.`;
}

function allowHint(parts: DeniedParts): string {
	const action = parts.action ?? 'the action';
	const resource = parts.resource ? ` on ${parts.resource}` : '';
	if (isTrust(parts)) {
		return "Check the role trust policy: Principal.Federated must be the IAM OIDC provider's ARN, Action sts:AssumeRoleWithWebIdentity, and its conditions on <issuer>:aud (the token's azp when it has one) and <issuer>:sub must match the ID token's claims; a sub containing / is refused. For an OAuth 2.0 access token (ProviderId www.amazon.com), Principal.Federated is www.amazon.com and the condition is on www.amazon.com:app_id: the access token must come from that application.";
	}
	const where = parts.policyType ? WHERE[parts.policyType] : "the role's permissions policy";
	return `Add an Allow for ${action}${resource} to ${where} — or, if this is someone else's data, the policy is working as intended.`;
}

/** Concrete next steps for an access-denied error. */
export function deniedHints(parts: DeniedParts, service: string | null): string[] {
	const hints: string[] = [];
	if (parts.encodedMessage) {
		hints.push(
			'Decode the encoded message with sts:DecodeAuthorizationMessage (the inspector does it with your credentials; the role needs sts:DecodeAuthorizationMessage).',
		);
	}
	if (parts.denyKind === 'explicit') {
		const arn = parts.policyArn ? ` (${parts.policyArn})` : '';
		const where = parts.policyType ? WHERE[parts.policyType] : 'the policy';
		hints.push(
			`Find the Deny statement for ${parts.action ?? 'the action'} in ${where}${arn} and narrow it, or add a condition that excludes this request.`,
		);
	} else if (parts.policyType || parts.action) {
		hints.push(allowHint(parts));
	}
	if (parts.policyType === 'scp') {
		hints.push(
			'An SCP denial is always reported as an explicit deny, even when the SCP merely lacks an Allow; only the Organization management account can change it.',
		);
	}
	if (parts.authorizationId) {
		hints.push(
			`Call iam:GetRequestAuthorizationDetails with authorization id ${parts.authorizationId} for the full evaluation.`,
		);
	}
	if (!parts.action && service === 'S3') {
		hints.push(
			"S3 says only 'Access Denied' for cross-account requests and some others: check the bucket policy, that the key is under your own prefix, and that the role allows the action.",
		);
	}
	if (hints.length === 0) {
		hints.push("Compare the request with the role's policies in the inspector's policy view.");
	}
	return hints;
}
