/**
 * Policy variables (`${…}`) in Resource and condition values, after the IAM User Guide "IAM policy elements:
 * Variables and tags" (reference_policies_variables): key names are case-insensitive, `${key, 'default'}` gives a
 * default (`''` inside it is one quote), `${*}` `${?}` `${$}` stand for the literal characters, and there is one
 * round of substitution only. Variables exist only in Version 2012-10-17; in 2008-10-17 `${` is plain text.
 */
import { PolicyParseError } from './parse-error';
import { arnSource, escapeRegExp, plainSource } from './wildcard';

/** Text, with its wildcard RegExp sources precomputed; a literal (escape); or a variable. */
type Token =
	| { kind: 'text'; text: string; plain: string; arn: string }
	| { kind: 'literal'; text: string }
	| { kind: 'var'; key: string; fallback?: string };

export interface Resolved {
	/** The value as one string, for display and exact comparison. */
	value: string;
	/** Keys that had no value and no default: the value then matches nothing (AWS: the element doesn't match). */
	missing: string[];
	/** RegExp source (unanchored) reading `*` and `?` as wildcards, except in escapes and substituted values. */
	plain: string;
	/** The same, with ARN segment rules (see wildcard.ts). */
	arn: string;
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
		const arn = arnSource(piece, segment, i === pieces.length - 1);
		segment = arn.segment;
		return { kind: 'text', text: piece, plain: plainSource(piece), arn: arn.source };
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
	return template.fixed ?? substitute(template, context);
}

/** The values the template's variables take in this context, as one string (a cache key). */
export function variableValues(template: Template, context: Context): string {
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
	const resolved: Resolved = { value: '', missing: [], plain: '', arn: '' };
	for (const token of template.tokens) {
		if (token.kind === 'text') {
			resolved.value += token.text;
			resolved.plain += token.plain;
			resolved.arn += token.arn;
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
		const source = escapeRegExp(text as string);
		resolved.value += text;
		resolved.plain += source;
		resolved.arn += source;
	}
	return resolved;
}
