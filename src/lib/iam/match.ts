/**
 * Action and Resource elements. Actions compare case-insensitively and take no variables; resources compare
 * case-sensitively, segment by segment, after variable substitution (see wildcard.ts and variables.ts).
 */
import type { CompiledStatement } from './compile';
import { resolveTemplate, variableValues, type Context, type Template } from './variables';
import { patternRegExp } from './wildcard';

const fixed = new WeakMap<Template, RegExp>();

function actionRegExp(template: Template): RegExp {
	let regexp = fixed.get(template);
	if (!regexp) {
		regexp = patternRegExp(resolveTemplate(template, new Map()).plain, true);
		fixed.set(template, regexp);
	}
	return regexp;
}

const MAX_PER_TEMPLATE = 1000;
const byValues = new WeakMap<Template, Map<string, RegExp | null>>();

/** The resource pattern for this request, or null when a variable in it has no value (it then matches nothing). */
function resourceRegExp(template: Template, context: Context): RegExp | null {
	const fixedRegExp = fixed.get(template);
	if (fixedRegExp) return fixedRegExp;
	// Per template, remember the RegExp for each set of variable values (one per player, typically).
	const key = template.hasVariables ? variableValues(template, context) : '';
	let memo = byValues.get(template);
	const known = memo?.get(key);
	if (known !== undefined) return known;
	const resolved = resolveTemplate(template, context);
	const regexp = resolved.missing.length ? null : patternRegExp(resolved.arn);
	if (!template.hasVariables && regexp) {
		fixed.set(template, regexp);
		return regexp;
	}
	if (!memo || memo.size >= MAX_PER_TEMPLATE) byValues.set(template, (memo = new Map()));
	memo.set(key, regexp);
	return regexp;
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
