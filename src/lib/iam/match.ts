/**
 * Action and Resource elements. Actions compare case-insensitively and take no variables; resources compare
 * case-sensitively, segment by segment, after variable substitution (see wildcard.ts and variables.ts).
 */
import type { CompiledStatement } from './compile';
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
	const listed = statement.actions.some((t) => actionCovers(t, action));
	return statement.notAction ? !listed : listed;
}

/** Whether Resource (or NotResource) covers the resource; statements without either (trust policies) cover all. */
export function resourceMatches(
	statement: CompiledStatement,
	resource: string,
	context: Context,
): boolean {
	if (!statement.resources) return true;
	for (const template of statement.resources) {
		const resolved = resolveTemplate(template, context);
		// An unresolved variable makes the element not match — for NotResource too, rather than widening it.
		if (resolved.missing.length) {
			if (statement.notResource) return false;
		} else if (wildcardMatches(compilePattern(resolved.arn), resource))
			return !statement.notResource;
	}
	return statement.notResource;
}
