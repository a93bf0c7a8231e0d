/**
 * The form a statement is evaluated in: patterns split into templates and wildcard elements read once. Cached per
 * document object, so a policy parsed at start-up is never re-read per request.
 */
import type { CompiledCondition } from './conditions';
import { parseOperator } from './conditions';
import { PolicyParseError } from './parse-error';
import type { PolicyDocument, PolicyStatement } from './types';
import { compileTemplate, type Template } from './variables';

export interface CompiledPrincipal {
	/** `NotPrincipal`: the statement applies to everyone except these. */
	negated: boolean;
	/** `"Principal": "*"`. */
	any: boolean;
	/** Principal type (`AWS`, `Federated`, `Service`, `CanonicalUser`) to its identifiers. */
	ids: ReadonlyMap<string, readonly string[]>;
}

export interface CompiledStatement {
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
	/** `NotAction`. */
	notAction: boolean;
	actions: Template[];
	/** `NotResource`. */
	notResource: boolean;
	/** Absent in trust policies, which have no Resource element. */
	resources: Template[] | null;
	principal: CompiledPrincipal | null;
	conditions: CompiledCondition[];
}

const cache = new WeakMap<PolicyDocument, CompiledStatement[]>();

/**
 * Compiles a document once per document object. `normalize` validates documents that did not come through
 * `parsePolicy` (built by hand), so that they fail the same way instead of half-working.
 */
export function compileDocument(
	document: PolicyDocument,
	normalize?: (document: PolicyDocument) => PolicyDocument,
): CompiledStatement[] {
	let compiled = cache.get(document);
	if (!compiled) {
		const source = normalize ? normalize(document) : document;
		// Version 2008-10-17 (or none) predates policy variables: `${…}` is then plain text.
		const variables = source.Version === '2012-10-17';
		compiled = source.Statement.map((s, i) =>
			withIndex(i, () => compileStatement(s, i, variables)),
		);
		cache.set(document, compiled);
	}
	return compiled;
}

function withIndex<T>(index: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof PolicyParseError && error.statementIndex === undefined) {
			throw new PolicyParseError(error.message, index);
		}
		throw error;
	}
}

const list = (value: string | string[] | undefined): string[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];

function compileStatement(
	s: PolicyStatement,
	index: number,
	variables: boolean,
): CompiledStatement {
	// Actions take no variables (IAM: variables work in Resource and Condition values only).
	const actions = list(s.Action ?? s.NotAction).map((a) => compileTemplate(a, false));
	const resourceList = s.Resource ?? s.NotResource;
	const principal = s.Principal ?? s.NotPrincipal;
	const statement: CompiledStatement = {
		index,
		effect: s.Effect,
		notAction: s.Action === undefined,
		actions,
		notResource: s.Resource === undefined && s.NotResource !== undefined,
		resources:
			resourceList === undefined
				? null
				: list(resourceList).map((r) => compileTemplate(r, variables)),
		principal:
			principal === undefined ? null : compilePrincipal(principal, s.Principal === undefined),
		conditions: compileConditions(s.Condition, index, variables),
	};
	if (s.Sid) statement.sid = s.Sid;
	return statement;
}

function compilePrincipal(
	principal: NonNullable<PolicyStatement['Principal']>,
	negated: boolean,
): CompiledPrincipal {
	if (principal === '*') return { negated, any: true, ids: new Map() };
	const ids = new Map(Object.entries(principal).map(([kind, v]) => [kind, list(v)] as const));
	return { negated, any: ids.get('AWS')?.includes('*') ?? false, ids };
}

function compileConditions(
	condition: PolicyStatement['Condition'],
	index: number,
	variables: boolean,
): CompiledCondition[] {
	const compiled: CompiledCondition[] = [];
	for (const [operator, block] of Object.entries(condition ?? {})) {
		const parsed = parseOperator(operator, index);
		for (const [key, values] of Object.entries(block)) {
			const strings = (Array.isArray(values) ? values : [values]).map(String);
			compiled.push({
				operator,
				...parsed,
				key,
				lookup: key.toLowerCase(),
				values: strings.map((v) => compileTemplate(v, variables)),
			});
		}
	}
	return compiled;
}
