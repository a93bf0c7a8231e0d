import { evaluateTrust, type NamedPolicy } from '../../src/lib/iam';
import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM } from '../aws-token-claims';
import type { SandboxClock } from '../clock';
import { AwsError } from '../errors';
import { findRole, type RoleInfo, type SandboxInfra } from '../infra';
import { MAX_JWT_CHARS } from '../limits';
import type { SessionStore } from '../sessions';
import { grantedDuration } from './duration';
import { issuedSessionResult } from './issued-session';
import { DURATION_SECONDS, ROLE_ARN, ROLE_SESSION_NAME, SESSION_POLICY } from './member-rules';
import type { JwksCache } from './jwks-cache';
import { packedPolicySize } from './packed-size';
import { isoSeconds, type XmlValue } from './query';
import { ridingActions } from './role-access';
import { readPolicyArns, resolveSessionPolicies } from './session-policies';
import { checkTagRules, tagRequestContext, tagsFromClaim } from './session-tags';
import { sourceIdentityFromClaim } from './source-identity';
import { validateMembers, type MemberRule } from './validation';
import { providerHost, webIdentityKeys } from './web-identity-keys';
import {
	verifyWebIdentityToken,
	type BuiltInIssuer,
	type VerifiedIdToken,
} from './web-identity-token';

export interface AssumeRoleDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	jwks: JwksCache;
	/** Issuers STS trusts without an IAM OIDC provider: Cognito Identity's (web-identity-token.ts). */
	builtInIssuers?: readonly BuiltInIssuer[];
}

/**
 * What an AWS service that calls AssumeRoleWithWebIdentity on a caller's behalf adds, beyond the call's own
 * parameters: Cognito's enhanced flow scopes a guest's session down with its own session policy.
 */
export interface OnBehalfOf {
	sessionPolicies?: readonly NamedPolicy[];
}

// The STS service model's constraints (AWS-FACTS.md).
const RULES: Record<string, MemberRule> = {
	RoleArn: ROLE_ARN,
	RoleSessionName: ROLE_SESSION_NAME,
	WebIdentityToken: {
		member: 'webIdentityToken',
		required: true,
		minLength: 4,
		maxLength: MAX_JWT_CHARS,
		sensitive: true,
	},
	ProviderId: { member: 'providerId', minLength: 4, maxLength: 2048 },
	Policy: SESSION_POLICY,
	DurationSeconds: DURATION_SECONDS,
};

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

/**
 * AssumeRoleWithWebIdentity (unsigned): validates the parameters and the token with its session tags and source
 * identity, evaluates the role's trust policy with the token's claims as condition keys — for the action itself,
 * and for `sts:TagSession` / `sts:SetSourceIdentity` when the token carries tags or a source identity — and issues
 * credentials for the role, scoped by the session policies (`Policy`, `PolicyArns`).
 */
export async function assumeRoleWithWebIdentity(
	params: Map<string, string>,
	deps: AssumeRoleDeps,
	sourceIp: string,
	onBehalfOf: OnBehalfOf = {},
): Promise<Record<string, XmlValue>> {
	const policyArns = readPolicyArns(params);
	validateMembers(params, RULES, policyArns.problems);
	if (params.has('ProviderId')) {
		// OAuth 2.0 providers (www.amazon.com, graph.facebook.com) are not emulated; OIDC tokens omit it.
		throw new AwsError(
			'InvalidParameterValue',
			400,
			'ProviderId is only for OAuth 2.0 providers; omit it for OpenID Connect ID tokens.',
		);
	}
	const roleArn = params.get('RoleArn')!;
	const roleSessionName = params.get('RoleSessionName')!;
	const token = await verifyWebIdentityToken(params.get('WebIdentityToken')!, deps);
	const tags = checkTagRules(tagsFromClaim(token.claims[TAGS_CLAIM]));
	const sourceIdentity = sourceIdentityFromClaim(token.claims[SOURCE_IDENTITY_CLAIM]);
	const webIdentityContext = webIdentityKeys(token);

	const role = findRole(deps.infra, roleArn);
	// AWS answers a missing role exactly like a trust policy that does not match.
	if (!role) throw new AwsError('AccessDenied', 403, NOT_AUTHORIZED);
	const context = {
		...webIdentityContext,
		...tagRequestContext(tags),
		...(sourceIdentity === undefined ? {} : { 'sts:SourceIdentity': sourceIdentity }),
		...requestKeys(roleSessionName, deps.clock.now(), sourceIp),
	};
	authorize(role, token, context, ridingActions(tags.tags.length > 0, sourceIdentity));

	const durationSeconds = grantedDuration(
		params.get('DurationSeconds'),
		role.maxSessionDuration,
		false,
	);
	const policyText = params.get('Policy');
	const sessionPolicies = [
		...resolveSessionPolicies(policyText, policyArns.arns, deps.infra),
		...(onBehalfOf.sessionPolicies ?? []),
	];
	const packed = packedPolicySize({ policyText, policyArns: policyArns.arns, tags: tags.tags });

	const session = deps.sessions.issue({
		roleArn: role.arn,
		roleSessionName,
		durationSeconds,
		provider: providerHost(token),
		subject: token.claims.sub,
		audience: token.audience,
		webIdentityContext,
		sessionPolicies,
		tags: tags.tags,
		transitiveTagKeys: tags.transitiveTagKeys,
		...(sourceIdentity === undefined ? {} : { sourceIdentity }),
	});
	return {
		...issuedSessionResult(session, packed),
		SubjectFromWebIdentityToken: token.claims.sub,
		Audience: token.audience,
		Provider: token.claims.iss,
	};
}

/** The keys of the request itself (there is no calling session to take them from). */
function requestKeys(
	roleSessionName: string,
	now: number,
	sourceIp: string,
): Record<string, string> {
	return {
		'sts:RoleSessionName': roleSessionName,
		'aws:CurrentTime': isoSeconds(now),
		'aws:EpochTime': String(Math.floor(now / 1000)),
		'aws:SourceIp': sourceIp,
		'aws:SecureTransport': 'false',
	};
}

/** The trust policy must allow the action and each one riding on it, for this federated principal. */
function authorize(
	role: RoleInfo,
	token: VerifiedIdToken,
	context: Record<string, string | string[]>,
	riding: string[],
): void {
	for (const action of ['sts:AssumeRoleWithWebIdentity', ...riding]) {
		const decision = evaluateTrust(
			{
				principal: token.provider.arn,
				principalFederated: token.provider.arn,
				action,
				resource: role.arn,
				context,
			},
			role.trustPolicy,
		);
		// AWS words every trust refusal of an unsigned caller alike, whichever action was not allowed.
		if (decision.decision !== 'allow') throw new AwsError('AccessDenied', 403, NOT_AUTHORIZED);
	}
}
