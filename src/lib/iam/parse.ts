/**
 * Reads a policy document (JSON text or an already parsed value) into a normalized `NamedPolicy`: Statement
 * always an array, every Action/Resource/Principal/condition value an array of strings. The grammar is the IAM
 * User Guide's "Grammar of the IAM JSON policy language"; what IAM refuses when a policy is created is refused
 * here, in IAM's own words ("Has prohibited field Principal", "Missing required field Effect", `Resource x must
 * be in ARN format or "*".`), after the statement it is in (parse-error.ts).
 */
import { compileDocument } from './compile';
import { parseOperator } from './conditions';
import { repeatedKey } from './json-keys';
import { PolicyParseError } from './parse-error';
import type { NamedPolicy, PolicyDocument, PolicyStatement, PolicyType } from './types';
import {
	actionProblem,
	characterProblem,
	conditionKeyProblem,
	principalProblem,
	resourceProblem,
} from './validate';

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
// IAM's own policies take alphanumeric Sids; other services' resource-based policies allow more.
const IAM_SID = /^[A-Za-z0-9]*$/;

type Principal = NonNullable<PolicyStatement['Principal']>;
type Fail = (message: string) => never;

/** One statement being read: its raw value, the policy's type, whether values are checked, how to refuse. */
interface Reading {
	value: Record<string, unknown>;
	type: PolicyType;
	strict: boolean;
	fail: Fail;
}

/** Parses and validates a policy; throws `PolicyParseError` (code `MalformedPolicyDocument`) when it is unusable. */
export function parsePolicy(input: unknown, name: string, type: PolicyType): NamedPolicy {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new PolicyParseError(`Syntax errors in policy: ${(error as Error).message}`);
		}
		const repeated = repeatedKey(input);
		if (repeated !== null)
			throw new PolicyParseError(
				`Syntax errors in policy: the key ${JSON.stringify(repeated)} appears twice in one element.`,
			);
	}
	const characters = characterProblem(value);
	if (characters) throw new PolicyParseError(characters);
	const document = normalizeDocument(value, type);
	// Compiling now surfaces bad policy variables as parse errors and warms the cache for the first request.
	compileDocument(document);
	return { name, type, document };
}

/**
 * Validates a parsed document and returns its normalized copy. `strict: false` checks the structure only, not
 * each value (evaluating a document built by hand: see read.ts).
 */
export function normalizeDocument(value: unknown, type: PolicyType, strict = true): PolicyDocument {
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
	const statements = list.map((s, i) => normalizeStatement(s, i, type, strict));
	const sids = statements.flatMap((s) => (s.Sid ? [s.Sid] : []));
	if (new Set(sids).size !== sids.length) {
		throw new PolicyParseError('Statement IDs (SID) in a single policy must be unique.');
	}
	const document: PolicyDocument = { Statement: statements };
	if (Version !== undefined) document.Version = Version;
	if (Id !== undefined) document.Id = Id;
	return document;
}

/** One statement, normalized; `strict` also checks each value as IAM does when the policy is created. */
export function normalizeStatement(
	value: unknown,
	index: number,
	type: PolicyType,
	strict = true,
): PolicyStatement {
	const sid = isObject(value) && typeof value.Sid === 'string' ? value.Sid : undefined;
	const fail: Fail = (message) => {
		throw new PolicyParseError(message, index, sid);
	};
	if (!isObject(value)) return fail('A statement must be a JSON object.');
	for (const key of Object.keys(value)) if (!STATEMENT.has(key)) fail(`Unknown element ${key}.`);
	const statement: PolicyStatement = { Effect: effectOf(value.Effect, fail) };
	if (value.Sid !== undefined) checkSid(value.Sid, type, strict, fail);
	if (sid) statement.Sid = sid;

	const action = pickOne(
		value,
		'Action',
		'NotAction',
		fail,
		'Policy statement must contain actions.',
	);
	statement[action.name] = action.values;

	const reading: Reading = { value, type, strict, fail };
	addPrincipal(statement, reading);
	addResource(statement, reading);
	// Values after the structure, so that a misplaced element is named first.
	if (strict) for (const a of action.values) checkAction(a, action.name, type, fail);
	if (value.Condition !== undefined)
		statement.Condition = normalizeCondition(value.Condition, strict, fail);
	return statement;
}

/** Principal or NotPrincipal: required in resource-based and trust policies, prohibited in the others. */
function addPrincipal(statement: PolicyStatement, { value, type, strict, fail }: Reading): void {
	if (type !== 'identity-based' && type !== 'session') {
		const principal = pickPrincipal(value, strict, fail);
		statement[principal.name] = principal.value;
	} else if ('Principal' in value || 'NotPrincipal' in value) {
		fail(`Has prohibited field ${'Principal' in value ? 'Principal' : 'NotPrincipal'}.`);
	}
}

/** Resource or NotResource: prohibited in a trust policy (the role is the resource), required in the others. */
function addResource(statement: PolicyStatement, { value, type, strict, fail }: Reading): void {
	if (type === 'trust') {
		if ('Resource' in value || 'NotResource' in value) fail('Has prohibited field Resource.');
		return;
	}
	const resource = pickOne(
		value,
		'Resource',
		'NotResource',
		fail,
		'Policy statement must contain resources.',
	);
	if (strict) for (const r of resource.values) problem(resourceProblem(r), fail);
	statement[resource.name] = resource.values;
}

function effectOf(effect: unknown, fail: Fail): 'Allow' | 'Deny' {
	if (effect === undefined) fail('Missing required field Effect.');
	if (effect !== 'Allow' && effect !== 'Deny')
		fail(`Effect must be "Allow" or "Deny", not ${JSON.stringify(effect)}.`);
	return effect as 'Allow' | 'Deny';
}

function checkSid(sid: unknown, type: PolicyType, strict: boolean, fail: Fail): void {
	if (typeof sid !== 'string') fail('Sid must be a string.');
	if (strict && type !== 'resource-based' && !IAM_SID.test(sid as string))
		fail(
			'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
		);
}

function checkAction(action: string, element: string, type: PolicyType, fail: Fail): void {
	problem(actionProblem(action), fail);
	// A role trust policy is about assuming the role: IAM takes only STS actions in it.
	if (type === 'trust' && element === 'Action' && action !== '*' && !/^sts:/i.test(action))
		fail(`AssumeRole policy may only specify STS AssumeRole actions. Action: "${action}".`);
}

function problem(message: string | null, fail: Fail): void {
	if (message !== null) fail(message);
}

function pickOne<K extends string>(
	value: Record<string, unknown>,
	name: K,
	notName: K,
	fail: Fail,
	missing: string,
): { name: K; values: string[] } {
	if (name in value && notName in value)
		fail(`A statement cannot have both ${name} and ${notName}.`);
	const chosen = name in value ? name : notName in value ? notName : fail(missing);
	return { name: chosen, values: stringList(value[chosen], chosen, fail) };
}

function pickPrincipal(value: Record<string, unknown>, strict: boolean, fail: Fail) {
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
		const list = stringList(ids, `${name}.${kind}`, fail);
		if (strict) for (const id of list) problem(principalProblem(kind, id), fail);
		principal[kind] = list;
	}
	if (!Object.keys(principal).length) fail(`${name} must name at least one principal.`);
	return { name, value: principal as Principal };
}

function normalizeCondition(value: unknown, strict: boolean, fail: Fail) {
	if (!isObject(value)) return fail('Condition must be an object of operators.');
	const condition: Record<string, Record<string, string[]>> = {};
	for (const [operator, block] of Object.entries(value)) {
		checkOperator(operator, fail);
		if (!isObject(block) || !Object.keys(block).length)
			fail(`Condition operator ${operator} must map condition keys to values.`);
		const keys: Record<string, string[]> = {};
		for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
			if (!key) fail(`Condition operator ${operator} has an empty condition key.`);
			if (strict) problem(conditionKeyProblem(key), fail);
			keys[key] = stringList(values, `${operator} ${key}`, fail, true);
		}
		condition[operator] = keys;
	}
	return condition;
}

function checkOperator(operator: string, fail: Fail): void {
	try {
		parseOperator(operator);
	} catch (error) {
		if (error instanceof PolicyParseError) fail(error.detail);
		throw error;
	}
}

/**
 * A string or array of strings (numbers and booleans too, for condition values) as a non-empty array. An empty
 * string passes: the value checks (validate.ts) refuse it in IAM's words, or it matches nothing.
 */
function stringList(value: unknown, element: string, fail: Fail, scalars = false): string[] {
	const list = Array.isArray(value) ? value : [value];
	if (!list.length) fail(`${element} must not be empty.`);
	return list.map((item) => {
		if (typeof item === 'string') return item;
		if (scalars && (typeof item === 'number' || typeof item === 'boolean')) return String(item);
		return fail(
			`${element} must be ${scalars ? 'strings, numbers or booleans' : 'non-empty strings'}.`,
		);
	});
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
