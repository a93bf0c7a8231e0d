/**
 * The form a statement is evaluated in: patterns split into templates and wildcard elements read once. Cached per
 * document object, so a policy parsed at start-up is never re-read per request.
 */
import type { CompiledCondition } from './conditions';
import { parseOperator } from './conditions';
import { PolicyParseError } from './parse-error';
import type { PolicyDocument, PolicyStatement } from './types';
import { actionProblem, principalProblem, resourceProblem } from './validate';
import { compileTemplate, type Template } from './variables';

export interface CompiledPrincipal {
	/** `NotPrincipal`: the statement applies to everyone except these. */
	negated: boolean;
	/** `"Principal": "*"`. */
	any: boolean;
	/** Principal type (`AWS`, `Federated`, `Service`, `CanonicalUser`) to its identifiers. */
	ids: ReadonlyMap<string, readonly string[]>;
	/** Some identifier IAM would refuse was left out (a document built by hand): it names no one. */
	incomplete: boolean;
}

/**
 * A pattern of Action or Resource, or `null` for one IAM would refuse (a document built by hand, see read.ts):
 * it matches nothing, and a NotAction or NotResource holding one does not apply.
 */
export type MaybeTemplate = Template | null;

export interface CompiledStatement {
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
	/** `NotAction`. */
	notAction: boolean;
	actions: MaybeTemplate[];
	/** `NotResource`. */
	notResource: boolean;
	/** Absent in trust policies, which have no Resource element. */
	resources: MaybeTemplate[] | null;
	principal: CompiledPrincipal | null;
	conditions: CompiledCondition[];
}

const cache = new WeakMap<object, readonly CompiledStatement[]>();

/** The compiled statements of `document`, built once per document object. */
export function cached(
	document: object,
	build: () => readonly CompiledStatement[],
): readonly CompiledStatement[] {
	let compiled = cache.get(document);
	if (!compiled) {
		compiled = build();
		cache.set(document, compiled);
	}
	return compiled;
}

/** Compiles a normalized document (parse.ts); throws `PolicyParseError` on a malformed policy variable. */
export function compileDocument(document: PolicyDocument): readonly CompiledStatement[] {
	return cached(document, () => {
		const variables = hasVariables(document);
		return document.Statement.map((s, i) =>
			withLocation(i, s.Sid, () => compileStatement(s, i, variables, false)),
		);
	});
}

/** Version 2008-10-17 (or none) predates policy variables: `${…}` is then plain text. */
export function hasVariables(document: { Version?: unknown }): boolean {
	return document.Version === '2012-10-17';
}

function withLocation<T>(index: number, sid: string | undefined, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof PolicyParseError && error.statementIndex === undefined) {
			throw new PolicyParseError(error.detail, index, sid);
		}
		throw error;
	}
}

const list = (value: string | string[] | undefined): string[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * One normalized statement. `lenient` (a document built by hand): a value IAM would refuse becomes a pattern that
 * matches nothing instead of an error; a malformed condition still throws (the statement then applies to nothing).
 */
export function compileStatement(
	s: PolicyStatement,
	index: number,
	variables: boolean,
	lenient: boolean,
): CompiledStatement {
	const resourceList = s.Resource ?? s.NotResource;
	const principal = s.Principal ?? s.NotPrincipal;
	const statement: CompiledStatement = {
		index,
		effect: s.Effect,
		notAction: s.Action === undefined,
		// Actions take no variables (IAM: variables work in Resource and Condition values only).
		actions: list(s.Action ?? s.NotAction).map((a) =>
			actionProblem(a) === null ? compileTemplate(a, false) : null,
		),
		notResource: s.Resource === undefined && s.NotResource !== undefined,
		resources:
			resourceList === undefined
				? null
				: list(resourceList).map((r) => compileResource(r, variables, lenient)),
		principal:
			principal === undefined ? null : compilePrincipal(principal, s.Principal === undefined),
		conditions: compileConditions(s.Condition, index, variables),
	};
	if (s.Sid) statement.sid = s.Sid;
	return statement;
}

function compileResource(resource: string, variables: boolean, lenient: boolean): MaybeTemplate {
	if (resourceProblem(resource) !== null) return null;
	if (!lenient) return compileTemplate(resource, variables);
	try {
		return compileTemplate(resource, variables);
	} catch (error) {
		if (error instanceof PolicyParseError) return null;
		throw error;
	}
}

function compilePrincipal(
	principal: NonNullable<PolicyStatement['Principal']>,
	negated: boolean,
): CompiledPrincipal {
	if (principal === '*') return { negated, any: true, ids: new Map(), incomplete: false };
	let incomplete = false;
	const ids = new Map<string, string[]>();
	for (const [kind, values] of Object.entries(principal)) {
		const usable = list(values).filter((id) => principalProblem(kind, id) === null);
		incomplete ||= usable.length < list(values).length;
		ids.set(kind, usable);
	}
	return { negated, any: ids.get('AWS')?.includes('*') ?? false, ids, incomplete };
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
