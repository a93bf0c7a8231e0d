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
 */
export function validateMembers(
	params: Map<string, string>,
	rules: Record<string, MemberRule>,
): void {
	const problems: string[] = [];
	for (const [name, rule] of Object.entries(rules)) {
		const value = params.get(name);
		const shown =
			value === undefined ? 'Value null' : rule.sensitive ? 'Value' : `Value '${value}'`;
		const fail = (constraint: string) =>
			problems.push(`${shown} at '${rule.member}' failed to satisfy constraint: ${constraint}`);
		if (value === undefined) {
			if (rule.required) fail('Member must not be null');
			continue;
		}
		if (rule.integer) {
			const n = Number(value);
			if (!/^-?\d+$/.test(value)) {
				throw new AwsError(
					'ValidationError',
					400,
					`Value '${value}' at '${rule.member}' failed to satisfy constraint: Member must be an integer`,
				);
			}
			if (n < rule.integer.min)
				fail(`Member must have value greater than or equal to ${rule.integer.min}`);
			if (n > rule.integer.max)
				fail(`Member must have value less than or equal to ${rule.integer.max}`);
			continue;
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
	}
	if (problems.length === 0) return;
	const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: `;
	throw new AwsError('ValidationError', 400, count + problems.join('; '));
}
