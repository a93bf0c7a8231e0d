/**
 * Action and Resource elements. Actions compare case-insensitively and take no variables; resources compare
 * case-sensitively, segment by segment, after variable substitution (see wildcard.ts and variables.ts).
 */
import type { CompiledStatement } from './compile';
import { resolveTemplate, type Context, type Template } from './variables';
import { arnRegExp, wildcardRegExp } from './wildcard';

const fixed = new WeakMap<Template, RegExp>();

function actionRegExp(template: Template): RegExp {
	let regexp = fixed.get(template);
	if (!regexp) {
		regexp = wildcardRegExp([{ text: template.raw, literal: false }], true);
		fixed.set(template, regexp);
	}
	return regexp;
}

/** The resource pattern for this request, or null when a variable in it has no value (it then matches nothing). */
function resourceRegExp(template: Template, context: Context): RegExp | null {
	if (!template.hasVariables) {
		let regexp = fixed.get(template);
		if (!regexp) {
			regexp = arnRegExp(resolveTemplate(template, context).parts);
			fixed.set(template, regexp);
		}
		return regexp;
	}
	const resolved = resolveTemplate(template, context);
	return resolved.missing.length ? null : arnRegExp(resolved.parts);
}

/** Whether Action (or NotAction) covers the requested action. */
export function actionMatches(statement: CompiledStatement, action: string): boolean {
	const listed = statement.actions.some((t) => actionRegExp(t).test(action));
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
		const regexp = resourceRegExp(template, context);
		// An unresolved variable makes the element not match — for NotResource too, rather than widening it.
		if (!regexp) {
			if (statement.notResource) return false;
		} else if (regexp.test(resource)) return !statement.notResource;
	}
	return statement.notResource;
}
