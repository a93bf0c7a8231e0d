/**
 * Policy variables (`${…}`) in Resource and condition values, after the IAM User Guide "IAM policy elements:
 * Variables and tags" (reference_policies_variables): key names are case-insensitive, `${key, 'default'}` gives a
 * default (`''` inside it is one quote), `${*}` `${?}` `${$}` stand for the literal characters, and there is one
 * round of substitution only. Variables exist only in Version 2012-10-17; in 2008-10-17 `${` is plain text.
 */
import { PolicyParseError } from './parse-error';

export type Token =
	| { kind: 'text'; text: string }
	/** Characters that must match themselves: from an escape or a substituted value. */
	| { kind: 'literal'; text: string }
	| { kind: 'var'; key: string; fallback?: string };

export interface Template {
	raw: string;
	tokens: Token[];
	hasVariables: boolean;
}

/** A part of a resolved value; `literal` parts never act as wildcards. */
export interface Part {
	text: string;
	literal: boolean;
}

export interface Resolved {
	parts: Part[];
	/** The value as one string, for display and exact comparison. */
	value: string;
	/** Keys that had no value and no default: the value then matches nothing (AWS: the element doesn't match). */
	missing: string[];
}

const ESCAPES = new Set(['*', '?', '$']);
const DEFAULT = /^([^,]+?)\s*,\s*'((?:[^']|'')*)'$/;

/** Splits `raw` into text, escapes and variables once, at parse time. */
export function compileTemplate(raw: string, variables: boolean): Template {
	if (!variables || !raw.includes('${')) {
		return { raw, tokens: [{ kind: 'text', text: raw }], hasVariables: false };
	}
	const tokens: Token[] = [];
	let rest = raw;
	for (let start = rest.indexOf('${'); start >= 0; start = rest.indexOf('${')) {
		if (start > 0) tokens.push({ kind: 'text', text: rest.slice(0, start) });
		const end = rest.indexOf('}', start);
		if (end < 0)
			throw new PolicyParseError(`The policy variable in "${raw}" is missing its closing brace.`);
		tokens.push(parseVariable(rest.slice(start + 2, end).trim(), raw));
		rest = rest.slice(end + 1);
	}
	if (rest) tokens.push({ kind: 'text', text: rest });
	return { raw, tokens, hasVariables: tokens.some((t) => t.kind === 'var') };
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
	if (!template.hasVariables && template.tokens.length === 1) {
		return { parts: [{ text: template.raw, literal: false }], value: template.raw, missing: [] };
	}
	const parts: Part[] = [];
	const missing: string[] = [];
	for (const token of template.tokens) {
		if (token.kind !== 'var') {
			parts.push({ text: token.text, literal: token.kind === 'literal' });
			continue;
		}
		const value = context.get(token.key);
		if (typeof value === 'string') parts.push({ text: value, literal: true });
		else if (token.fallback !== undefined) parts.push({ text: token.fallback, literal: true });
		else {
			missing.push(token.key);
			parts.push({ text: `\${${token.key}}`, literal: true });
		}
	}
	return { parts, value: parts.map((p) => p.text).join(''), missing };
}
