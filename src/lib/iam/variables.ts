/**
 * Policy variables (`${…}`) in Resource and condition values, after the IAM User Guide "IAM policy elements:
 * Variables and tags" (reference_policies_variables): key names are case-insensitive, `${key, 'default'}` gives a
 * default (`''` inside it is one quote), `${*}` `${?}` `${$}` stand for the literal characters, and there is one
 * round of substitution only. Variables exist only in Version 2012-10-17; in 2008-10-17 `${` is plain text.
 */
import { PolicyParseError } from './parse-error';
import { arnElements, literalElements, plainElements, type Elements } from './wildcard';

/** Text, with its wildcard elements precomputed; a literal (escape); or a variable. */
type Token =
	| { kind: 'text'; text: string; plain: Elements; arn: Elements }
	| { kind: 'literal'; text: string }
	| { kind: 'var'; key: string; fallback?: string };

export interface Resolved {
	/** The value as one string, for display and exact comparison. */
	value: string;
	/** Keys that had no value and no default: the value then matches nothing (AWS: the element doesn't match). */
	missing: string[];
	/** The value as a wildcard pattern: `*` and `?` are wildcards, except in escapes and substituted values. */
	plain: Elements;
	/** The same, with ARN segment rules (see wildcard.ts). */
	arn: Elements;
}

export interface Template {
	raw: string;
	tokens: Token[];
	hasVariables: boolean;
	/** The resolution of a template without variables, computed once. */
	fixed: Resolved | null;
}

const ESCAPES = new Set(['*', '?', '$']);
const DEFAULT = /^([^,]+?)\s*,\s*'((?:[^']|'')*)'$/;

/** Splits `raw` into text, escapes and variables once, at parse time. */
export function compileTemplate(raw: string, variables: boolean): Template {
	const pieces: (Token | string)[] = [];
	let rest = raw;
	if (variables) {
		for (let start = rest.indexOf('${'); start >= 0; start = rest.indexOf('${')) {
			if (start > 0) pieces.push(rest.slice(0, start));
			const end = rest.indexOf('}', start);
			if (end < 0)
				throw new PolicyParseError(`The policy variable in "${raw}" is missing its closing brace.`);
			pieces.push(parseVariable(rest.slice(start + 2, end).trim(), raw));
			rest = rest.slice(end + 1);
		}
	}
	if (rest) pieces.push(rest);
	let segment = 0;
	const tokens = pieces.map((piece, i): Token => {
		if (typeof piece !== 'string') return piece;
		const arn = arnElements(piece, segment, i === pieces.length - 1);
		segment = arn.segment;
		return { kind: 'text', text: piece, plain: plainElements(piece), arn: arn.elements };
	});
	const template: Template = {
		raw,
		tokens,
		hasVariables: tokens.some((t) => t.kind === 'var'),
		fixed: null,
	};
	if (!template.hasVariables) template.fixed = substitute(template, new Map());
	return template;
}

function parseVariable(inner: string, raw: string): Token {
	if (ESCAPES.has(inner)) return { kind: 'literal', text: inner };
	if (!inner) throw new PolicyParseError(`The policy variable in "${raw}" is empty.`);
	const withDefault = DEFAULT.exec(inner);
	if (withDefault) {
		const [, key = '', fallback = ''] = withDefault;
		return { kind: 'var', key: key.trim().toLowerCase(), fallback: fallback.replaceAll("''", "'") };
	}
	if (/[\s,']/.test(inner)) {
		throw new PolicyParseError(`The policy variable "\${${inner}}" in "${raw}" is not valid.`);
	}
	return { kind: 'var', key: inner.toLowerCase() };
}

/** Request context with lower-cased key names, built once per evaluation. */
export type Context = ReadonlyMap<string, string | string[]>;

/**
 * Substitutes variables from the context. Multivalued keys cannot be variables, so they count as missing.
 * A substituted value is literal: a `sub` of `*` must not turn `players/${sub}/*` into a match for everyone.
 */
export function resolveTemplate(template: Template, context: Context): Resolved {
	if (template.fixed) return template.fixed;
	// Per template, remember the resolution for each set of variable values (one per player, typically), so the
	// wildcard pattern compiled from it (wildcard-match.ts) is built once, not per request.
	const key = variableValues(template, context);
	// Only short ones: a long template or value (a hostile session policy, a request-chosen value) would make each
	// entry large, and resolving it again costs only time linear in its length.
	if (template.raw.length + key.length > MAX_MEMO_CHARS) return substitute(template, context);
	let memo = byValues.get(template);
	let resolved = memo?.get(key);
	if (!resolved) {
		resolved = substitute(template, context);
		// A crude bound: templates are few, but their values (one per player) are not.
		if (!memo || memo.size >= MAX_PER_TEMPLATE) byValues.set(template, (memo = new Map()));
		memo.set(key, resolved);
	}
	return resolved;
}

const MAX_PER_TEMPLATE = 1000;
const MAX_MEMO_CHARS = 512;
const byValues = new WeakMap<Template, Map<string, Resolved>>();

/** The values the template's variables take in this context, as one string (a cache key). */
function variableValues(template: Template, context: Context): string {
	let key = '';
	for (const token of template.tokens) {
		if (token.kind !== 'var') continue;
		const value = context.get(token.key);
		// Length-prefixed, so no two lists of values give the same key; `-` marks a missing value.
		key += typeof value === 'string' ? `${value.length}:${value}` : '-';
	}
	return key;
}

function substitute(template: Template, context: Context): Resolved {
	const resolved = {
		value: '',
		missing: [] as string[],
		plain: [] as number[],
		arn: [] as number[],
	};
	for (const token of template.tokens) {
		if (token.kind === 'text') {
			resolved.value += token.text;
			append(resolved.plain, token.plain);
			append(resolved.arn, token.arn);
			continue;
		}
		let text = token.kind === 'literal' ? token.text : context.get(token.key);
		if (token.kind === 'var' && typeof text !== 'string') {
			text = token.fallback;
			if (text === undefined) {
				resolved.missing.push(token.key);
				text = `\${${token.key}}`;
			}
		}
		const literal = literalElements(text as string);
		resolved.value += text;
		append(resolved.plain, literal);
		append(resolved.arn, literal);
	}
	return resolved;
}

function append(to: number[], elements: Elements): void {
	for (const element of elements) to.push(element);
}
