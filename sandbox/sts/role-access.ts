import {
	evaluate,
	formatAccessDeniedMessage,
	type AuthzRequest,
	type NamedPolicy,
	type PolicySet,
} from '../../src/lib/iam';
import { AwsError } from '../errors';
import type { RoleInfo } from '../infra';

/** The STS actions a request needs on the role besides the AssumeRole* itself (IAM User Guide, "Permissions
 * required to add session tags" and "Permissions required to set source identity"). */
export function ridingActions(hasTags: boolean, sourceIdentity: string | undefined): string[] {
	return [
		...(hasTags ? ['sts:TagSession'] : []),
		...(sourceIdentity === undefined ? [] : ['sts:SetSourceIdentity']),
	];
}

// A role that does not exist trusts nobody: the caller hears exactly what an untrusting role would say.
const TRUSTS_NOBODY: NamedPolicy = {
	name: 'no-such-role',
	type: 'trust',
	document: { Version: '2012-10-17', Statement: [] },
};

/**
 * Role chaining: `sts:AssumeRole` and each action riding on it must be allowed by the target role's trust policy
 * and, where that policy names only the account, by the caller's identity policies — the caller's session
 * policies limiting both (src/lib/iam `evaluate`, the trust policy given as the resource's). The first refusal
 * is AWS's `AccessDenied`.
 */
export function authorizeChain(
	caller: { principal: string; policies: PolicySet },
	roleArn: string,
	role: RoleInfo | undefined,
	context: AuthzRequest['context'],
	riding: string[],
): void {
	for (const action of ['sts:AssumeRole', ...riding]) {
		const request: AuthzRequest = {
			principal: caller.principal,
			action,
			resource: roleArn,
			context,
		};
		const trust = role?.trustPolicy ?? TRUSTS_NOBODY;
		const decision = evaluate(request, { ...caller.policies, resource: [trust] });
		if (decision.decision !== 'allow') {
			throw new AwsError('AccessDenied', 403, formatAccessDeniedMessage(request, decision));
		}
	}
}
