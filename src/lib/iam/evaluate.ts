/**
 * The decision, after the IAM User Guide "Policy evaluation logic": an explicit Deny in any policy wins; otherwise
 * an Allow is needed from the identity-based policies (or, same account, a resource-based policy that names the
 * caller: one that names only its account delegates to the identity-based policies) and — when a session policy
 * was passed — also from the session policies. Without one, the deny is implicit and is charged to the first
 * policy type that lacked an Allow.
 */
import { compileDocument, type CompiledStatement } from './compile';
import { conditionsMatch, evaluateCondition } from './conditions';
import { actionMatches, resourceMatches } from './match';
import { allowReason, explicitDenyReason, implicitDenyReason } from './message';
import { normalizeDocument } from './parse';
import { principalMatch } from './principal';
import type {
	AuthzRequest,
	Decision,
	NamedPolicy,
	PolicySet,
	PolicyType,
	StatementMatch,
} from './types';
import type { Context } from './variables';

interface Outcome {
	evaluated: StatementMatch[];
	/** The first Allow that applies, its Principal (if any) naming the caller. */
	allow: StatementMatch | null;
	/** The first Allow whose Principal names only the caller's account: it grants nothing alone. */
	delegated: StatementMatch | null;
	deny: StatementMatch | null;
}

function statementsOf(policy: NamedPolicy): CompiledStatement[] {
	return compileDocument(policy.document, (d) => normalizeDocument(d, policy.type));
}

function toContext(context: AuthzRequest['context']): Context {
	const map = new Map<string, string | string[]>();
	for (const [key, value] of Object.entries(context)) map.set(key.toLowerCase(), value);
	return map;
}

/** Every statement of `policies` that matches the request, and the first that applies with each effect. */
function scan(policies: readonly NamedPolicy[], request: AuthzRequest, context: Context): Outcome {
	const outcome: Outcome = { evaluated: [], allow: null, delegated: null, deny: null };
	for (const policy of policies) {
		for (const statement of statementsOf(policy)) {
			if (!actionMatches(statement, request.action)) continue;
			if (!resourceMatches(statement, request.resource, context)) continue;
			const principal = statement.principal
				? principalMatch(statement.principal, request)
				: 'named';
			if (principal === 'none') continue;
			const match: StatementMatch = {
				policy: policy.name,
				policyType: policy.type,
				index: statement.index,
				effect: statement.effect,
				conditions: statement.conditions.map((c) => evaluateCondition(c, context)),
			};
			if (statement.sid) match.sid = statement.sid;
			outcome.evaluated.push(match);
			if (!conditionsMatch(match.conditions)) continue;
			if (statement.effect === 'Deny') outcome.deny ??= match;
			else if (principal === 'account') outcome.delegated ??= match;
			else outcome.allow ??= match;
		}
	}
	return outcome;
}

function explicitDeny(statement: StatementMatch, evaluated: StatementMatch[]): Decision {
	const by = statement.policyType;
	const reason = explicitDenyReason(by);
	return {
		decision: 'deny',
		denyKind: 'explicit',
		deniedBy: by,
		decidingStatement: statement,
		evaluated,
		reason,
	};
}

function implicitDeny(by: PolicyType, action: string, evaluated: StatementMatch[]): Decision {
	const reason = implicitDenyReason(by, action);
	return {
		decision: 'deny',
		denyKind: 'implicit',
		deniedBy: by,
		decidingStatement: null,
		evaluated,
		reason,
	};
}

function allow(statement: StatementMatch, evaluated: StatementMatch[]): Decision {
	const reason = allowReason(statement);
	return {
		decision: 'allow',
		denyKind: null,
		deniedBy: null,
		decidingStatement: statement,
		evaluated,
		reason,
	};
}

/** Decides a request against the caller's identity-based, session and resource-based policies. */
export function evaluate(request: AuthzRequest, policies: PolicySet): Decision {
	const context = toContext(request.context);
	const identity = scan(policies.identity, request, context);
	const session = policies.session ? scan(policies.session, request, context) : null;
	const resource = scan(policies.resource ?? [], request, context);
	const evaluated = [...identity.evaluated, ...(session?.evaluated ?? []), ...resource.evaluated];

	const explicit = identity.deny ?? session?.deny ?? resource.deny;
	if (explicit) return explicitDeny(explicit, evaluated);
	const granted = identity.allow ?? resource.allow;
	if (!granted) return implicitDeny('identity-based', request.action, evaluated);
	if (session && !session.allow) return implicitDeny('session', request.action, evaluated);
	return allow(granted, evaluated);
}

/**
 * Decides an AssumeRoleWith* request against the role's trust policy alone: the statement's Principal must name
 * the caller (`Federated` for web identity, matched against `request.principalFederated`). A federated caller has
 * no identity-based policies, so a statement naming only an account grants it nothing.
 */
export function evaluateTrust(request: AuthzRequest, trustPolicy: NamedPolicy): Decision {
	const trust = scan([trustPolicy], request, toContext(request.context));
	if (trust.deny) return explicitDeny(trust.deny, trust.evaluated);
	if (!trust.allow) return implicitDeny('trust', request.action, trust.evaluated);
	return allow(trust.allow, trust.evaluated);
}

/**
 * Decides `sts:AssumeRole` — or `sts:TagSession` / `sts:SetSourceIdentity`, which ride on it — for a caller in the
 * role's account, holding its own policies (`caller`: identity-based and session policies). The role's trust
 * policy must always allow: a role can be assumed by no one it does not trust. A trust statement that names the
 * caller (or its role) grants on its own, as a same-account resource-based policy does; one that names only the
 * account delegates to it, so the caller's identity-based policies must allow as well (IAM User Guide, "AWS JSON
 * policy elements: Principal", AWS account principals; "Policy evaluation logic"). The caller's session
 * policies limit both, and an explicit Deny anywhere wins.
 */
export function evaluateAssumeRole(
	request: AuthzRequest,
	caller: PolicySet,
	trustPolicy: NamedPolicy,
): Decision {
	const context = toContext(request.context);
	const identity = scan(caller.identity, request, context);
	const session = caller.session ? scan(caller.session, request, context) : null;
	const trust = scan([trustPolicy], request, context);
	const evaluated = [...identity.evaluated, ...(session?.evaluated ?? []), ...trust.evaluated];

	const explicit = identity.deny ?? session?.deny ?? trust.deny;
	if (explicit) return explicitDeny(explicit, evaluated);
	const trusted = trust.allow ?? trust.delegated;
	if (!trusted) return implicitDeny('trust', request.action, evaluated);
	if (!trust.allow && !identity.allow)
		return implicitDeny('identity-based', request.action, evaluated);
	if (session && !session.allow) return implicitDeny('session', request.action, evaluated);
	return allow(trusted, evaluated);
}
