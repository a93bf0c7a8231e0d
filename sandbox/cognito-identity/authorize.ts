/**
 * IAM authorization of Cognito Identity's signed calls ("You must use AWS developer credentials to call this
 * operation"): the caller's identity-based policies — the developer principal's, or a role session's role and
 * session policies — must allow `cognito-identity:<Operation>` on the pool
 * (`arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/ID`; `*` for ListIdentityPools). A denial is
 * `AccessDeniedException` in IAM's words, as Cognito Identity answers one (`User: … is not authorized to perform:
 * cognito-identity:GetId on resource: * …`, aws-samples/resource-control-policy-examples#18).
 */
import { evaluate, formatAccessDeniedMessage } from '../../src/lib/iam';
import type { AuthzRequest, ContextValue, PolicySet } from '../../src/lib/iam/types';
import { AwsError } from '../errors';
import { baseContext } from '../gateway/request-context';
import { policySetFor, type SandboxInfra } from '../infra';
import type { Caller } from '../sigv4';

export interface AuthorizeDeps {
	infra: SandboxInfra;
	now: number;
	sourceIp: string;
}

/** Throws Cognito Identity's AccessDeniedException unless the caller may do `action` on `resource`. */
export function authorizeCaller(
	caller: Caller,
	action: string,
	resource: string,
	deps: AuthorizeDeps,
): void {
	const { principal, policies, context } = principalOf(caller, deps);
	const request: AuthzRequest = { principal, action, resource, context };
	const decision = evaluate(request, policies);
	if (decision.decision === 'deny')
		throw new AwsError('AccessDeniedException', 400, formatAccessDeniedMessage(request, decision));
}

function principalOf(
	caller: Caller,
	deps: AuthorizeDeps,
): { principal: string; policies: PolicySet; context: Record<string, ContextValue> } {
	if (caller.kind === 'session') {
		const { session } = caller;
		return {
			principal: session.assumedRoleArn,
			policies: policySetFor(deps.infra, session),
			context: baseContext(session, deps.now, deps.sourceIp, deps.infra.region),
		};
	}
	const { user } = caller;
	return {
		principal: user.arn,
		policies: { identity: user.policies },
		// The global keys AWS puts in an IAM user's requests (IAM User Guide, "AWS global condition context keys").
		context: {
			'aws:PrincipalArn': user.arn,
			'aws:PrincipalAccount': user.accountId,
			'aws:PrincipalType': 'User',
			'aws:username': user.userName,
			'aws:userid': user.userId,
			'aws:SourceIp': deps.sourceIp,
			'aws:CurrentTime': new Date(deps.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			'aws:EpochTime': String(Math.floor(deps.now / 1000)),
			'aws:SecureTransport': 'false',
			'aws:RequestedRegion': deps.infra.region,
			'aws:PrincipalIsAWSService': 'false',
			'aws:ViaAWSService': 'false',
		},
	};
}
