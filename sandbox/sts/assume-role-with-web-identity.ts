import { evaluateTrust, type NamedPolicy } from '../../src/lib/iam';
import type { SandboxClock } from '../clock';
import { AwsError } from '../errors';
import { findRole, type RoleInfo, type SandboxInfra } from '../infra';
import { MAX_JWT_CHARS } from '../limits';
import type { SessionStore } from '../sessions';
import { grantedDuration } from './duration';
import { issuedSessionResult } from './issued-session';
import { DURATION_SECONDS, ROLE_ARN, ROLE_SESSION_NAME, SESSION_POLICY } from './member-rules';
import type { JwksCache } from './jwks-cache';
import type { OAuthProviders } from './oauth-access-token';
import { packedPolicySize } from './packed-size';
import { isoSeconds, type XmlValue } from './query';
import { ridingActions } from './role-access';
import { readPolicyArns, resolveSessionPolicies } from './session-policies';
import { tagRequestContext } from './session-tags';
import { validateMembers, type MemberRule } from './validation';
import { webIdentityOf, type WebIdentity } from './web-identity';
import type { BuiltInIssuer } from './web-identity-token';

export interface AssumeRoleDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	jwks: JwksCache;
	/** The OAuth 2.0 providers a `ProviderId` can name (the sandbox Login with Amazon). */
	oauthProviders: OAuthProviders;
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
 * AssumeRoleWithWebIdentity (unsigned): validates the parameters and the token — an OpenID Connect ID token with its
 * session tags and source identity, or with `ProviderId` an OAuth 2.0 access token its provider vouches for
 * (web-identity.ts) — evaluates the role's trust policy with the token's claims as condition keys — for the action itself,
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
	const roleArn = params.get('RoleArn')!;
	const roleSessionName = params.get('RoleSessionName')!;
	const identity = await webIdentityOf(
		params.get('WebIdentityToken')!,
		params.get('ProviderId'),
		deps,
	);
	const { tags, sourceIdentity } = identity;

	const role = findRole(deps.infra, roleArn);
	// AWS answers a missing role exactly like a trust policy that does not match.
	if (!role) throw new AwsError('AccessDenied', 403, NOT_AUTHORIZED);
	const context = {
		...identity.keys,
		...tagRequestContext(tags),
		...(sourceIdentity === undefined ? {} : { 'sts:SourceIdentity': sourceIdentity }),
		...requestKeys(roleSessionName, deps.clock.now(), sourceIp),
	};
	authorize(role, identity, context, ridingActions(tags.tags.length > 0, sourceIdentity));

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
		provider: identity.keyPrefix,
		subject: identity.subject,
		audience: identity.audience,
		webIdentityContext: identity.keys,
		sessionPolicies,
		tags: tags.tags,
		transitiveTagKeys: tags.transitiveTagKeys,
		...(sourceIdentity === undefined ? {} : { sourceIdentity }),
	});
	return {
		...issuedSessionResult(session, packed),
		SubjectFromWebIdentityToken: identity.subject,
		Audience: identity.audience,
		Provider: identity.provider,
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
	identity: WebIdentity,
	context: Record<string, string | string[]>,
	riding: string[],
): void {
	for (const action of ['sts:AssumeRoleWithWebIdentity', ...riding]) {
		const decision = evaluateTrust(
			{
				principal: identity.federatedPrincipal,
				principalFederated: identity.federatedPrincipal,
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
