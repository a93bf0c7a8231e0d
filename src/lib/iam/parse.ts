/**
 * Reads a policy document (JSON text or an already parsed value) into a normalized `NamedPolicy`: Statement
 * always an array, every Action/Resource/Principal/condition value an array of strings. The grammar is the IAM
 * User Guide's "Grammar of the IAM JSON policy language"; messages follow IAM's own ("Has prohibited field
 * Principal", "Missing required field Effect") with the statement index added.
 */
import { compileDocument } from './compile';
import { parseOperator } from './conditions';
import { PolicyParseError } from './parse-error';
import type { NamedPolicy, PolicyDocument, PolicyStatement, PolicyType } from './types';

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set([
	'Sid',
	'Effect',
	'Principal',
	'NotPrincipal',
	'Action',
	'NotAction',
	'Resource',
	'NotResource',
	'Condition',
]);
const PRINCIPAL_KINDS = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);

type Principal = NonNullable<PolicyStatement['Principal']>;

/** Parses and validates a policy; throws `PolicyParseError` (code `MalformedPolicyDocument`) when it is unusable. */
export function parsePolicy(input: unknown, name: string, type: PolicyType): NamedPolicy {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new PolicyParseError(`Syntax errors in policy: ${(error as Error).message}`);
		}
	}
	const document = normalizeDocument(value, type);
	// Compiling now surfaces bad policy variables as parse errors and warms the cache for the first request.
	compileDocument(document);
	return { name, type, document };
}

/** Validates a parsed document and returns its normalized copy. */
export function normalizeDocument(value: unknown, type: PolicyType): PolicyDocument {
	if (!isObject(value)) throw new PolicyParseError('The policy document must be a JSON object.');
	for (const key of Object.keys(value)) {
		if (!TOP_LEVEL.has(key)) throw new PolicyParseError(`Unknown top-level element ${key}.`);
	}
	const { Version, Id, Statement } = value;
	if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17') {
		throw new PolicyParseError(
			`The policy Version ${JSON.stringify(Version)} is not valid; use "2012-10-17".`,
		);
	}
	if (Id !== undefined && typeof Id !== 'string')
		throw new PolicyParseError('The policy Id must be a string.');
	if (Statement === undefined) throw new PolicyParseError('Missing required field Statement.');
	const list: unknown[] = Array.isArray(Statement) ? Statement : [Statement];
	const statements = list.map((s, i) => normalizeStatement(s, i, type));
	const sids = statements.flatMap((s) => (s.Sid ? [s.Sid] : []));
	if (new Set(sids).size !== sids.length) {
		throw new PolicyParseError('Statement IDs (SID) in a single policy must be unique.');
	}
	const document: PolicyDocument = { Statement: statements };
	if (Version !== undefined) document.Version = Version;
	if (Id !== undefined) document.Id = Id;
	return document;
}

function normalizeStatement(value: unknown, index: number, type: PolicyType): PolicyStatement {
	const fail = (message: string): never => {
		throw new PolicyParseError(message, index);
	};
	if (!isObject(value)) return fail('A statement must be a JSON object.');
	for (const key of Object.keys(value)) if (!STATEMENT.has(key)) fail(`Unknown element ${key}.`);
	const { Sid, Effect } = value;
	if (Sid !== undefined && (typeof Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(Sid))) {
		fail('Sid must be a string of letters and digits.');
	}
	if (Effect === undefined) fail('Missing required field Effect.');
	if (Effect !== 'Allow' && Effect !== 'Deny')
		fail(`Effect must be "Allow" or "Deny", not ${JSON.stringify(Effect)}.`);
	const statement: PolicyStatement = { Effect: Effect as 'Allow' | 'Deny' };
	if (typeof Sid === 'string' && Sid) statement.Sid = Sid;

	const action = pickOne(
		value,
		'Action',
		'NotAction',
		fail,
		'Policy statement must contain actions.',
	);
	for (const a of action.values)
		if (a !== '*' && !/^[A-Za-z0-9-]+:.+$/.test(a))
			fail(`Action ${a} must be prefaced by a vendor, e.g. s3:GetObject.`);
	statement[action.name] = action.values;

	const principals = type !== 'identity-based' && type !== 'session';
	if (principals) {
		const principal = pickPrincipal(value, fail);
		statement[principal.name] = principal.value;
	} else if ('Principal' in value || 'NotPrincipal' in value) {
		fail(`Has prohibited field ${'Principal' in value ? 'Principal' : 'NotPrincipal'}.`);
	}

	if (type === 'trust') {
		if ('Resource' in value || 'NotResource' in value) fail('Has prohibited field Resource.');
	} else {
		const resource = pickOne(
			value,
			'Resource',
			'NotResource',
			fail,
			'Policy statement must contain resources.',
		);
		statement[resource.name] = resource.values;
	}
	if (value.Condition !== undefined)
		statement.Condition = normalizeCondition(value.Condition, fail, index);
	return statement;
}

function pickOne<K extends string>(
	value: Record<string, unknown>,
	name: K,
	notName: K,
	fail: (m: string) => never,
	missing: string,
): { name: K; values: string[] } {
	if (name in value && notName in value)
		fail(`A statement cannot have both ${name} and ${notName}.`);
	const chosen = name in value ? name : notName in value ? notName : fail(missing);
	return { name: chosen, values: stringList(value[chosen], chosen, fail) };
}

function pickPrincipal(value: Record<string, unknown>, fail: (m: string) => never) {
	if ('Principal' in value && 'NotPrincipal' in value)
		fail('A statement cannot have both Principal and NotPrincipal.');
	const name: 'Principal' | 'NotPrincipal' =
		'Principal' in value
			? 'Principal'
			: 'NotPrincipal' in value
				? 'NotPrincipal'
				: fail('Missing required field Principal.');
	const raw = value[name];
	if (raw === '*') return { name, value: '*' as Principal };
	if (!isObject(raw)) return fail(`${name} must be "*" or an object such as {"Federated": "…"}.`);
	const principal: Record<string, string[]> = {};
	for (const [kind, ids] of Object.entries(raw)) {
		if (!PRINCIPAL_KINDS.has(kind))
			fail(`Invalid principal in policy: unknown principal type ${kind}.`);
		principal[kind] = stringList(ids, `${name}.${kind}`, fail);
	}
	if (!Object.keys(principal).length) fail(`${name} must name at least one principal.`);
	return { name, value: principal as Principal };
}

function normalizeCondition(value: unknown, fail: (m: string) => never, index: number) {
	if (!isObject(value)) return fail('Condition must be an object of operators.');
	const condition: Record<string, Record<string, string[]>> = {};
	for (const [operator, block] of Object.entries(value)) {
		parseOperator(operator, index);
		if (!isObject(block) || !Object.keys(block).length)
			fail(`Condition operator ${operator} must map condition keys to values.`);
		const keys: Record<string, string[]> = {};
		for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
			if (!key) fail(`Condition operator ${operator} has an empty condition key.`);
			keys[key] = stringList(values, `${operator} ${key}`, fail, true);
		}
		condition[operator] = keys;
	}
	return condition;
}

/** A string or array of strings (numbers and booleans too, for condition values) as a non-empty string array. */
function stringList(
	value: unknown,
	element: string,
	fail: (m: string) => never,
	scalars = false,
): string[] {
	const list = Array.isArray(value) ? value : [value];
	if (!list.length) fail(`${element} must not be empty.`);
	return list.map((item) => {
		if (typeof item === 'string' && (item || scalars)) return item;
		if (scalars && (typeof item === 'number' || typeof item === 'boolean')) return String(item);
		return fail(
			`${element} must be ${scalars ? 'strings, numbers or booleans' : 'non-empty strings'}.`,
		);
	});
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
