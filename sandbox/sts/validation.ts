import { AwsError } from '../errors';

/** One member's constraints, from the STS service model. */
export interface MemberRule {
	/** The member name as AWS prints it in validation messages (lower camel case). */
	member: string;
	required?: boolean;
	minLength?: number;
	maxLength?: number;
	pattern?: RegExp;
	/** The pattern as AWS prints it. */
	patternText?: string;
	/** Never echo the value (tokens, policies). */
	sensitive?: boolean;
	integer?: { min: number; max: number };
}

/**
 * Checks parameters against their rules and throws one `ValidationError` listing every violation in AWS's
 * words: "2 validation errors detected: Value '…' at 'roleSessionName' failed to satisfy constraint: …".
 * `more` adds violations found elsewhere (list members), reported in the same error.
 */
export function validateMembers(
	params: Map<string, string>,
	rules: Record<string, MemberRule>,
	more: readonly string[] = [],
): void {
	const problems: string[] = [];
	for (const [name, rule] of Object.entries(rules)) {
		problems.push(...memberProblems(params.get(name), rule));
	}
	throwProblems([...problems, ...more]);
}

/**
 * Throws the error that lists `problems`, if there are any: STS's `ValidationError`, or the code of another
 * service that words violations alike (Cognito Identity's `ValidationException`).
 */
export function throwProblems(problems: readonly string[], code = 'ValidationError'): void {
	if (problems.length === 0) return;
	const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: `;
	throw new AwsError(code, 400, count + problems.join('; '));
}

/** The violations of one member's value (`undefined` when absent), each in AWS's words. */
export function memberProblems(value: string | undefined, rule: MemberRule): string[] {
	const problems: string[] = [];
	const shown = value === undefined ? 'Value null' : rule.sensitive ? 'Value' : `Value '${value}'`;
	const fail = (constraint: string) =>
		problems.push(`${shown} at '${rule.member}' failed to satisfy constraint: ${constraint}`);
	if (value === undefined) {
		if (rule.required) fail('Member must not be null');
		return problems;
	}
	if (rule.integer) {
		if (!/^-?\d+$/.test(value)) {
			throw new AwsError(
				'ValidationError',
				400,
				`Value '${value}' at '${rule.member}' failed to satisfy constraint: Member must be an integer`,
			);
		}
		const n = Number(value);
		if (n < rule.integer.min)
			fail(`Member must have value greater than or equal to ${rule.integer.min}`);
		if (n > rule.integer.max)
			fail(`Member must have value less than or equal to ${rule.integer.max}`);
		return problems;
	}
	const length = [...value].length;
	if (rule.minLength !== undefined && length < rule.minLength) {
		fail(`Member must have length greater than or equal to ${rule.minLength}`);
	}
	if (rule.maxLength !== undefined && length > rule.maxLength) {
		fail(`Member must have length less than or equal to ${rule.maxLength}`);
	}
	if (rule.pattern && !rule.pattern.test(value)) {
		fail(
			`Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
		);
	}
	return problems;
}

/** A list member's length violation: AWS prints no value for a list (`Value at 'tags' failed to …`). */
export function listLengthProblems(length: number, member: string, max: number): string[] {
	return length > max
		? [
				`Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
			]
		: [];
}
