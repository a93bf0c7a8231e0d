/**
 * The statements `evaluate` decides with, for any `NamedPolicy` — also one built by hand instead of by
 * `parsePolicy`, which IAM might have refused. Reading never throws, so one bad policy never makes a decision
 * fail; and nothing IAM would refuse can widen one:
 * - an Action or Resource value IAM would refuse (`*:Get*`, `arn:aws:*`, an empty string) matches nothing, and a
 *   NotAction or NotResource holding one does not apply (match.ts);
 * - a Principal identifier IAM would refuse names no one; a NotPrincipal holding one does not apply;
 * - a statement IAM would refuse as a whole (no Effect, Action and NotAction, a malformed condition…) applies to
 *   nothing.
 * A document parsePolicy accepts is read exactly as parsePolicy reads it.
 */
import { cached, compileDocument, compileStatement, hasVariables } from './compile';
import type { CompiledStatement } from './compile';
import { isObject, normalizeDocument, normalizeStatement } from './parse';
import { PolicyParseError } from './parse-error';
import type { NamedPolicy, PolicyType } from './types';

export function statementsOf(policy: NamedPolicy): readonly CompiledStatement[] {
	const document: unknown = policy.document;
	if (!isObject(document)) return [];
	return cached(document, () => read(document, policy.type));
}

function read(document: unknown, type: PolicyType): readonly CompiledStatement[] {
	try {
		return compileDocument(normalizeDocument(document, type));
	} catch (error) {
		if (!(error instanceof PolicyParseError)) throw error;
	}
	const raw = isObject(document) ? document.Statement : undefined;
	const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
	const variables = isObject(document) && hasVariables(document);
	return list.map((statement, index) => readStatement(statement, index, type, variables));
}

function readStatement(
	value: unknown,
	index: number,
	type: PolicyType,
	variables: boolean,
): CompiledStatement {
	try {
		return compileStatement(normalizeStatement(value, index, type, false), index, variables, true);
	} catch (error) {
		if (!(error instanceof PolicyParseError)) throw error;
		return inert(index);
	}
}

/** A statement that applies to no request: it lists no action. */
function inert(index: number): CompiledStatement {
	return {
		index,
		effect: 'Deny',
		notAction: false,
		actions: [],
		notResource: false,
		resources: [],
		principal: null,
		conditions: [],
	};
}
