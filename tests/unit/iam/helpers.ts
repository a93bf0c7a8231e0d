import {
	evaluate,
	parsePolicy,
	type AuthzRequest,
	type ConditionResult,
	type Decision,
} from '../../../src/lib/iam';
import type { CompiledStatement } from '../../../src/lib/iam/compile';
import { resourceMatches } from '../../../src/lib/iam/match';
import { compileTemplate } from '../../../src/lib/iam/variables';

export const ACCOUNT = '123456789012';
export const PRINCIPAL = `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/alice-session`;

/** A request from the player role; override what the case is about. */
export function request(overrides: Partial<AuthzRequest> = {}): AuthzRequest {
	return {
		principal: PRINCIPAL,
		action: 's3:GetObject',
		resource: 'arn:aws:s3:::fedplay-data/players/alice/profile.json',
		context: {},
		...overrides,
	};
}

/** Evaluates one identity-based policy with the given statements (Version 2012-10-17). */
export function decide(statements: unknown[], req: AuthzRequest = request()): Decision {
	const policy = parsePolicy(
		{ Version: '2012-10-17', Statement: statements },
		'TestPolicy',
		'identity-based',
	);
	return evaluate(req, { identity: [policy] });
}

/** Evaluates a single condition `{ operator: { key: values } }` inside an Allow-everything statement. */
export function condition(
	operator: string,
	key: string,
	values: unknown,
	context: AuthzRequest['context'],
): ConditionResult {
	const decision = decide(
		[{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { [key]: values } } }],
		request({ context }),
	);
	const result = decision.evaluated[0]?.conditions[0];
	if (!result) throw new Error('the statement did not match');
	// The decision must agree with the condition: a failed condition leaves the request implicitly denied.
	if ((decision.decision === 'allow') !== result.matched)
		throw new Error('decision disagrees with condition');
	return result;
}

/**
 * Whether a Resource pattern covers `resource`, read by the evaluator's own matcher (match.ts) with none of the
 * checks IAM applies when a policy is created — for patterns no policy can hold, whose matching still must not
 * change (IAM refuses them: validate.ts).
 */
export function resourcePatternCovers(
	pattern: string,
	resource: string,
	context: Record<string, string> = {},
): boolean {
	const statement: CompiledStatement = {
		index: 0,
		effect: 'Allow',
		notAction: false,
		actions: [],
		notResource: false,
		resources: [compileTemplate(pattern, true)],
		principal: null,
		conditions: [],
	};
	const lowerCased = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
	return resourceMatches(statement, resource, lowerCased);
}
