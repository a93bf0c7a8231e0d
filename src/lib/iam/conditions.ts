/**
 * Condition blocks: operators ANDed, keys ANDed, values of one key ORed (NOR for negated operators). IAM User
 * Guide, "Conditions with multiple context keys or values" (reference_policies_condition-logic-multiple-context-
 * keys-or-values) and "Set operators for multivalued context keys".
 */
import type { ConditionResult } from './types';
import { OPERATORS, type BaseOperator } from './operators';
import { PolicyParseError } from './parse-error';
import { resolveTemplate, type Context, type Template } from './variables';

type Qualifier = 'ForAllValues' | 'ForAnyValue' | null;

export interface CompiledCondition {
	/** As written, e.g. `ForAllValues:StringEquals`. */
	operator: string;
	base: BaseOperator | 'Null';
	qualifier: Qualifier;
	ifExists: boolean;
	key: string;
	/** Lower-cased: condition key names are case-insensitive. */
	lookup: string;
	values: Template[];
}

/** Splits `ForAnyValue:StringLikeIfExists` into qualifier, operator and IfExists; throws on unknown names. */
export function parseOperator(name: string, statement?: number) {
	const match = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/.exec(name);
	const qualifier = (match?.[1] ?? null) as Qualifier;
	const baseName = match?.[2] ?? '';
	const ifExists = match?.[3] !== undefined;
	if (baseName === 'Null') {
		// AWS refuses `NullIfExists` (Access Analyzer: "Null with if exists"); a set qualifier makes no sense either.
		if (ifExists || qualifier)
			throw new PolicyParseError(`The condition operator ${name} is not valid.`, statement);
		return { base: 'Null' as const, qualifier, ifExists };
	}
	const base = Object.hasOwn(OPERATORS, baseName) ? OPERATORS[baseName] : undefined;
	if (!base) throw new PolicyParseError(`Unknown condition operator ${name}.`, statement);
	return { base, qualifier, ifExists };
}

/** Evaluates one operator/key pair against the request context, recording what it saw. */
export function evaluateCondition(condition: CompiledCondition, context: Context): ConditionResult {
	const raw = context.get(condition.lookup);
	const actual = raw === undefined ? null : typeof raw === 'string' ? [raw] : raw;
	const resolved = condition.values.map((value) => resolveTemplate(value, context));
	const unresolved = [...new Set(resolved.flatMap((r) => r.missing))];
	const result: ConditionResult = {
		operator: condition.operator,
		key: condition.key,
		expected: resolved.map((r) => r.value),
		actual,
		matched: false,
	};
	if (unresolved.length) result.unresolved = unresolved;
	result.matched = decide(condition, actual, resolved, unresolved.length > 0);
	return result;
}

function decide(
	condition: CompiledCondition,
	actual: string[] | null,
	resolved: ReturnType<typeof resolveTemplate>[],
	hasUnresolved: boolean,
): boolean {
	const { base, qualifier, ifExists } = condition;
	const absent = actual === null || actual.length === 0;
	if (base === 'Null') {
		// "true" asks for the key to be absent (or empty), "false" for it to be present.
		return resolved.some((r) =>
			r.value.toLowerCase() === 'true' ? absent : r.value.toLowerCase() === 'false' && !absent,
		);
	}
	if (absent) {
		// Condition operators: a missing key makes the condition false, and true for a negated operator; IfExists
		// makes it true. Set operators: ForAllValues is true and ForAnyValue false when the key is missing or empty.
		if (ifExists) return true;
		if (qualifier === 'ForAllValues') return true;
		if (qualifier === 'ForAnyValue') return false;
		return base.negated;
	}
	// A value naming a missing variable matches nothing; for a negated operator that would silently widen the
	// statement, so the whole condition does not match instead (AWS: the statement element doesn't match).
	if (base.negated && hasUnresolved) return false;
	const usable = resolved.filter((r) => r.missing.length === 0);
	const matchesAny = (value: string) => usable.some((expected) => base.compare(value, expected));
	const satisfies = (value: string) => (base.negated ? !matchesAny(value) : matchesAny(value));
	if (qualifier === 'ForAnyValue') return actual.some(satisfies);
	// ForAllValues: every request value satisfies the operator. Without a qualifier a positive operator needs one
	// matching value and a negated one needs none — which is again "every value satisfies".
	if (qualifier === 'ForAllValues' || base.negated) return actual.every(satisfies);
	return actual.some(satisfies);
}

/** True when every condition matched; an empty block matches. */
export function conditionsMatch(results: readonly ConditionResult[]): boolean {
	return results.every((r) => r.matched);
}
