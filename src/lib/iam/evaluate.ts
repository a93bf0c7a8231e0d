/**
 * The decision within one account, after the IAM User Guide, "Policy evaluation logic" ("Determining whether a
 * request is allowed or denied within an account") and "Session policies":
 * 1. "An explicit deny in any policy overrides any allows."
 * 2. A trust policy must allow: "IAM role trust policies … must explicitly allow access for principals".
 * 3. "If a resource-based policy grants permission directly to the IAM user or the session principal that is
 *    making the request, then an implicit deny in an identity-based policy, a permissions boundary, or a session
 *    policy does not impact the final decision."
 * 4. Otherwise an Allow is needed from the identity-based policies — or from a resource-based policy naming the
 *    caller's role, whose permissions "are added to the role … before the session is created" — and, when a
 *    session policy was passed, from the session policies too: "The session policy limits the total permissions
 *    granted by the resource-based policy and the identity-based policy". A policy naming only the account
 *    "delegates authority to the account" and grants nothing by itself (types.ts `PrincipalMatch`).
 * A deny without an Allow is implicit, and charged to the first policy type that lacked one.
 */
import type { CompiledStatement } from './compile';
import { conditionsMatch, evaluateCondition } from './conditions';
import { allow, allowWithoutPolicy, explicitDeny, implicitDeny } from './decision';
import { actionMatches, resourceMatches } from './match';
import { principalMatch } from './principal';
import { statementsOf } from './read';
import type {
	AuthzRequest,
	Decision,
	NamedPolicy,
	PolicySet,
	PrincipalMatch,
	StatementMatch,
} from './types';
import type { Context } from './variables';

/**
 * Actions AWS performs whatever the policies say. STS API Reference, GetCallerIdentity: "No permissions are
 * required to perform this operation. If an administrator attaches a policy to your identity that explicitly
 * denies access to the sts:GetCallerIdentity action, you can still perform this operation." Lower case: actions
 * compare case-insensitively.
 */
const NO_PERMISSION_NEEDED = new Set(['sts:getcalleridentity']);

interface Outcome {
	evaluated: StatementMatch[];
	deny: StatementMatch | null;
	/** The first applicable Allow of each kind: `policy` for statements without a Principal (identity, session). */
	allows: Partial<Record<PrincipalMatch | 'policy', StatementMatch>>;
}

/** Decides a request against the caller's identity-based and session policies and the resource's policies. */
export function evaluate(request: AuthzRequest, policies: PolicySet): Decision {
	const context = toContext(request.context);
	const resource = policies.resource ?? [];
	const identity = scan(policies.identity, request, context);
	const session = policies.session ? scan(policies.session, request, context) : null;
	const resourceBased = scan(
		resource.filter((p) => p.type !== 'trust'),
		request,
		context,
	);
	const trustPolicies = resource.filter((p) => p.type === 'trust');
	const trust = trustPolicies.length ? scan(trustPolicies, request, context) : null;
	const evaluated = [identity, session, resourceBased, trust].flatMap((o) => o?.evaluated ?? []);

	if (NO_PERMISSION_NEEDED.has(request.action.toLowerCase()))
		return allowWithoutPolicy(request.action, evaluated);
	const explicit = identity.deny ?? session?.deny ?? resourceBased.deny ?? trust?.deny;
	if (explicit) return explicitDeny(explicit, evaluated);
	const trusted = trust && best(trust);
	if (trust && !trusted) return implicitDeny('trust', request.action, evaluated);

	const named = (kind: PrincipalMatch) =>
		resourceBased.allows[kind] ?? (trusted?.principalMatch === kind ? trusted : undefined);
	// A trust policy naming only the account delegates to the account's IAM: an identity-based Allow is needed.
	const throughIdentity =
		trusted?.principalMatch === 'account'
			? identity.allows.policy
			: (identity.allows.policy ?? named('role'));
	if (throughIdentity && (!session || session.allows.policy))
		return allow(throughIdentity, evaluated);
	const direct = named('direct');
	if (direct) return allow(direct, evaluated);
	return implicitDeny(throughIdentity ? 'session' : 'identity-based', request.action, evaluated);
}

/**
 * Decides an AssumeRoleWithWebIdentity (or any AssumeRole*) request against the role's trust policy alone: the
 * caller has no identity-based policies, so the trust policy must name it directly (`Federated`, matched against
 * `request.principalFederated`). For `sts:AssumeRole` from a role session, use `evaluate` with the caller's
 * policies and the trust policy in `resource`.
 */
export function evaluateTrust(request: AuthzRequest, trustPolicy: NamedPolicy): Decision {
	const trust: NamedPolicy =
		trustPolicy.type === 'trust' ? trustPolicy : { ...trustPolicy, type: 'trust' };
	return evaluate(request, { identity: [], resource: [trust] });
}

/** The strongest applicable Allow of a resource-based or trust policy. */
function best(outcome: Outcome): StatementMatch | undefined {
	return outcome.allows.direct ?? outcome.allows.role ?? outcome.allows.account;
}

/** Condition keys compare case-insensitively; a value that is neither a string nor strings is left out. */
function toContext(context: AuthzRequest['context']): Context {
	const map = new Map<string, string | string[]>();
	for (const [key, value] of Object.entries(context)) {
		if (typeof value === 'string') map.set(key.toLowerCase(), value);
		else if (Array.isArray(value))
			map.set(
				key.toLowerCase(),
				value.filter((v) => typeof v === 'string'),
			);
	}
	return map;
}

/** Every statement of `policies` that matches the request, and the first that applies with each effect. */
function scan(policies: readonly NamedPolicy[], request: AuthzRequest, context: Context): Outcome {
	const outcome: Outcome = { evaluated: [], deny: null, allows: {} };
	for (const policy of policies) {
		for (const statement of statementsOf(policy)) {
			const match = matchStatement(statement, policy, request, context);
			if (!match) continue;
			outcome.evaluated.push(match);
			if (!conditionsMatch(match.conditions)) continue;
			if (match.effect === 'Deny') outcome.deny ??= match;
			else outcome.allows[match.principalMatch ?? 'policy'] ??= match;
		}
	}
	return outcome;
}

/** The statement as evaluated, when its Action, Resource and Principal cover the request. */
function matchStatement(
	statement: CompiledStatement,
	policy: NamedPolicy,
	request: AuthzRequest,
	context: Context,
): StatementMatch | null {
	if (!actionMatches(statement, request.action)) return null;
	if (!resourceMatches(statement, request.resource, context)) return null;
	const principal = statement.principal
		? principalMatch(statement.principal, request, statement.effect)
		: undefined;
	if (principal === null) return null;
	const match: StatementMatch = {
		policy: policy.name,
		policyType: policy.type,
		index: statement.index,
		effect: statement.effect,
		conditions: statement.conditions.map((c) => evaluateCondition(c, context)),
	};
	if (statement.sid) match.sid = statement.sid;
	if (principal) match.principalMatch = principal;
	return match;
}
