/**
 * Action and Resource elements. Actions compare case-insensitively and take no variables; resources compare
 * case-sensitively, segment by segment, after variable substitution (see wildcard.ts and variables.ts). A value
 * that can match nothing (`null`, see compile.ts) matches nothing, and makes a Not… element not apply rather than
 * apply to everything.
 */
import type { CompiledStatement, MaybeTemplate } from './compile';
import { resolveTemplate, type Context, type Template } from './variables';
import { compilePattern, wildcardMatches } from './wildcard-match';

const NO_VARIABLES: Context = new Map();

function actionCovers(template: Template, action: string): boolean {
	return wildcardMatches(
		compilePattern(resolveTemplate(template, NO_VARIABLES).plain, true),
		action,
	);
}

/** Whether Action (or NotAction) covers the requested action. */
export function actionMatches(statement: CompiledStatement, action: string): boolean {
	return elementMatches(statement.actions, statement.notAction, (t) => actionCovers(t, action));
}

/** Whether Resource (or NotResource) covers the resource; statements without either (trust policies) cover all. */
export function resourceMatches(
	statement: CompiledStatement,
	resource: string,
	context: Context,
): boolean {
	if (!statement.resources) return true;
	return elementMatches(statement.resources, statement.notResource, (template) => {
		const resolved = resolveTemplate(template, context);
		// An unresolved variable makes the value match nothing — and NotResource not apply, rather than widen.
		if (resolved.missing.length) return null;
		return wildcardMatches(compilePattern(resolved.arn), resource);
	});
}

/**
 * An element's values ORed; negated for Not…. `covers` answers null for a value that can match nothing this time:
 * the element then matches only through another value, or, negated, not at all.
 */
function elementMatches(
	values: readonly MaybeTemplate[],
	negated: boolean,
	covers: (template: Template) => boolean | null,
): boolean {
	for (const template of values) {
		const covered = template === null ? null : covers(template);
		if (covered === null) {
			if (negated) return false;
		} else if (covered) return !negated;
	}
	return negated;
}
