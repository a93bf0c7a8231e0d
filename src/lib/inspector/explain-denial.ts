import { evaluate } from '../iam';
import type {
	AuthzRequest,
	ConditionResult,
	Decision,
	NamedPolicy,
	PolicySet,
	PolicyStatement,
	StatementMatch,
} from '../iam';
import { playerPartition, playerPrefix, type PlayerIdentity } from '../config/data-layout';

/**
 * The part nobody else has: re-evaluates one of the app's own denied requests against the session's known
 * policies (role permission policies and session policy) with src/lib/iam, and says which statement decided
 * and which condition failed, with the values it saw.
 */

interface FailedCondition {
	key: string;
	operator: string;
	/** The policy's values after `${…}` substitution. */
	expected: string[];
	/** The request's values; `null` when the request did not carry the key. */
	actual: string[] | null;
}

/** An Allow statement that names the action but not this resource, with its Resource resolved. */
interface ResourceNearMiss {
	policy: string;
	sid?: string;
	resources: string[];
	/** The session tags its Resource names (`${aws:PrincipalTag/team}`): the denial turns on them. */
	tags?: string[];
}

export interface DenialExplanation {
	decision: Decision;
	/** The Deny that matched, or for an implicit deny the Allow that came closest (its conditions failed). */
	decidingStatement: StatementMatch | null;
	failedConditions: FailedCondition[];
	resourceNearMisses: ResourceNearMiss[];
	/** e.g. `dynamodb:LeadingKeys was [oidc1/bob]; the policy requires your partition key [oidc1/alice]`. */
	text: string;
	/** What to change, and where. */
	hint: string;
}

export interface DenialOptions {
	/** The signed-in player (segment and `sub`), so the text can say "your partition key", "your folder". */
	player?: PlayerIdentity;
}

const list = (values: readonly string[]): string => `[${values.join(', ')}]`;

function statementName(match: { policy: string; sid?: string; index?: number }): string {
	return match.sid ? `statement ${match.sid} of ${match.policy}` : `${match.policy}`;
}

const PRINCIPAL_TAG = /^aws:principaltag\/(.+)$/i;
const TAG_VARIABLE = /\$\{\s*aws:PrincipalTag\/([^}\s]{1,128})\s*\}/gi;

/** The session tags a pattern names through `${aws:PrincipalTag/<key>}`. */
function tagsNamedIn(patterns: readonly string[]): string[] {
	const keys = new Set<string>();
	for (const pattern of patterns) {
		for (const match of pattern.matchAll(TAG_VARIABLE)) keys.add(match[1]!);
	}
	return [...keys];
}

/** The session's value of tag `key` (keys are case-insensitive); null when the session has no such tag. */
function sessionTag(context: AuthzRequest['context'], key: string): string | null {
	const wanted = `aws:principaltag/${key}`.toLowerCase();
	const found = Object.entries(context).find(([k]) => k.toLowerCase() === wanted)?.[1];
	return typeof found === 'string' ? found : null;
}

/** "your session tag team is red", "your session has no team tag": what a tag-driven decision turned on. */
function tagWords(key: string, context: AuthzRequest['context']): string {
	const value = sessionTag(context, key);
	return value === null
		? `your session has no ${key} tag (aws:PrincipalTag/${key}), so the policy's \${aws:PrincipalTag/${key}} matches nothing`
		: `your session tag ${key} is ${value} (aws:PrincipalTag/${key})`;
}

function describeCondition(condition: FailedCondition, player: PlayerIdentity | undefined): string {
	const tag = PRINCIPAL_TAG.exec(condition.key)?.[1];
	if (tag !== undefined) {
		const was =
			condition.actual === null
				? `your session has no ${tag} tag`
				: `your session tag ${tag} is ${list(condition.actual)}`;
		return `This turns on a session tag: ${was}; the policy requires ${condition.operator} ${condition.key} ${list(condition.expected)}`;
	}
	const was =
		condition.actual === null ? 'was not in the request' : `was ${list(condition.actual)}`;
	const yours =
		player !== undefined &&
		condition.expected.length === 1 &&
		condition.expected[0] === playerPartition(player);
	const requires = yours
		? `the policy requires your partition key ${list(condition.expected)}`
		: `the policy requires ${condition.operator} ${list(condition.expected)}`;
	return `${condition.key} ${was}; ${requires}`;
}

function conditionHint(
	condition: FailedCondition,
	where: string,
	player: PlayerIdentity | undefined,
): string {
	const key = condition.key.toLowerCase();
	if (key === 'dynamodb:leadingkeys') {
		const yours = player ? ` (${playerPartition(player)})` : '';
		return `Use your own partition key${yours}, your provider's segment and your sub: ${where} only lets a player touch items in their own partition.`;
	}
	if (key === 's3:prefix') {
		const folder = player ? playerPrefix(player) : 'players/<segment>/<sub>/';
		return `List with a Prefix under your own folder (${folder}): ${where} only allows listing your own prefix.`;
	}
	const tag = PRINCIPAL_TAG.exec(condition.key)?.[1];
	if (tag !== undefined) {
		return `Session tags come from your identity provider (the ID token's https://aws.amazon.com/tags claim); the app cannot change them. ${where} admits only sessions whose ${tag} tag is ${list(condition.expected)}.`;
	}
	if (key === 'dynamodb:attributes' || key === 'dynamodb:select') {
		return `Ask only for the attributes ${where} allows (${list(condition.expected)}) with a ProjectionExpression.`;
	}
	return `Make the request satisfy ${condition.operator} ${condition.key}, or change that condition in ${where}.`;
}

/** Substitutes `${key}` from the request context, for display (unknown keys stay as written). */
function resolveForDisplay(pattern: string, context: AuthzRequest['context']): string {
	const lower = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
	return pattern.replace(/\$\{([^}]{1,200})\}/g, (whole, key: string) => {
		const value = lower.get(key.trim().toLowerCase());
		return typeof value === 'string' ? value : whole;
	});
}

/** Allow statements whose Action covers the request but whose Resource does not. */
function resourceNearMisses(
	request: AuthzRequest,
	policies: readonly NamedPolicy[],
): ResourceNearMiss[] {
	const misses: ResourceNearMiss[] = [];
	for (const policy of policies) {
		policy.document.Statement.forEach((statement: PolicyStatement, index) => {
			if (statement.Effect !== 'Allow' || !statement.Resource) return;
			const probe: PolicyStatement = { Effect: 'Allow', Resource: '*' };
			if (statement.Action !== undefined) probe.Action = statement.Action;
			if (statement.NotAction !== undefined) probe.NotAction = statement.NotAction;
			const single = { ...policy, document: { ...policy.document, Statement: [probe] } };
			const actionMatches = evaluate(request, { identity: [single] }).decision === 'allow';
			if (!actionMatches) return;
			const resources = [statement.Resource]
				.flat()
				.map((r) => resolveForDisplay(r, request.context));
			const miss: ResourceNearMiss = { policy: policy.name, resources };
			const tags = tagsNamedIn([statement.Resource].flat());
			if (tags.length > 0) miss.tags = tags;
			const sid =
				statement.Sid ?? (policy.document.Statement.length > 1 ? String(index) : undefined);
			if (sid !== undefined) miss.sid = sid;
			misses.push(miss);
		});
	}
	return misses;
}

function failedOf(match: StatementMatch): FailedCondition[] {
	return match.conditions
		.filter((c: ConditionResult) => !c.matched)
		.map(({ key, operator, expected, actual }) => ({ key, operator, expected, actual }));
}

function explainExplicit(decision: Decision, request: AuthzRequest): DenialExplanation {
	const deny = decision.decidingStatement;
	const where = deny ? statementName(deny) : 'a Deny statement';
	const matched =
		deny?.conditions.map((c) => `${c.key} ${c.actual ? list(c.actual) : 'absent'}`) ?? [];
	return {
		decision,
		decidingStatement: deny,
		failedConditions: [],
		resourceNearMisses: [],
		text: `An explicit Deny (${where}) matched ${request.action} on ${request.resource}${matched.length ? ` (${matched.join('; ')})` : ''}.`,
		hint: `Remove or narrow the Deny in ${where}; no Allow can override it.`,
	};
}

function explainImplicit(
	decision: Decision,
	request: AuthzRequest,
	policies: PolicySet,
	player: PlayerIdentity | undefined,
): DenialExplanation {
	const type = decision.deniedBy;
	const candidates = decision.evaluated.filter(
		(m) => m.effect === 'Allow' && m.policyType === type,
	);
	const closest = candidates.find((m) => failedOf(m).length > 0) ?? null;
	const base = {
		decision,
		decidingStatement: closest,
		failedConditions: [],
		resourceNearMisses: [],
	};
	if (closest) {
		const failed = failedOf(closest);
		const where = statementName(closest);
		return {
			...base,
			failedConditions: failed,
			text: failed.map((c) => describeCondition(c, player)).join('; ') + ` (${where}).`,
			hint: conditionHint(failed[0] as FailedCondition, where, player),
		};
	}
	const pool = type === 'session' ? (policies.session ?? []) : policies.identity;
	const misses = resourceNearMisses(request, pool);
	const tagged = misses.find((m) => m.tags !== undefined);
	if (tagged) {
		const words = tagged.tags!.map((key) => tagWords(key, request.context)).join('; ');
		const allowed = tagged.resources.filter((r) => !/\$\{/.test(r));
		return {
			...base,
			resourceNearMisses: misses,
			text: `This turns on a session tag: ${words}. For ${request.action} ${statementName(tagged)} allows only ${allowed.length > 0 ? list(allowed) : 'nothing for this session'}, and the request was for ${request.resource}.`,
			hint: `The tag comes from your identity provider (the ID token's tag claim) and the app cannot change it: a session reaches only what its own tag names — another team's object stays out of reach, as intended.`,
		};
	}
	if (misses.length > 0) {
		const allowed = misses.flatMap((m) => m.resources);
		return {
			...base,
			resourceNearMisses: misses,
			text: `The resource was ${request.resource}; for ${request.action} the policy allows only ${list(allowed)} (${statementName(misses[0] as ResourceNearMiss)}).`,
			hint: `Request a resource under ${allowed[0] ?? 'the allowed pattern'} — your own data — or add this resource to ${statementName(misses[0] as ResourceNearMiss)}.`,
		};
	}
	const names = pool.map((p) => p.name).join(', ') || `the ${type ?? 'identity-based'} policies`;
	return {
		...base,
		text: `No statement in ${names} allows ${request.action} (${decision.reason}).`,
		hint: `Add an Allow for ${request.action} on ${request.resource} to ${names}${type === 'session' ? ', or re-assume the role without this session policy' : ''}.`,
	};
}

/**
 * Evaluates `request` against the session's policies and explains the denial: the deciding statement, the
 * failed conditions with resolved values, and a hint. If the policies allow it, says so: the denial then
 * came from somewhere the app cannot see (a bucket policy, an SCP, expired credentials).
 */
export function explainDenial(
	request: AuthzRequest,
	policies: PolicySet,
	{ player }: DenialOptions = {},
): DenialExplanation {
	const decision = evaluate(request, policies);
	if (decision.decision === 'allow') {
		return {
			decision,
			decidingStatement: decision.decidingStatement,
			failedConditions: [],
			resourceNearMisses: [],
			text: `The session's known policies allow ${request.action} on ${request.resource} (${decision.reason}).`,
			hint: 'The denial came from a policy the app cannot see (bucket policy, SCP or permissions boundary) or from the credentials themselves; read the error explanation.',
		};
	}
	return decision.denyKind === 'explicit'
		? explainExplicit(decision, request)
		: explainImplicit(decision, request, policies, player);
}
