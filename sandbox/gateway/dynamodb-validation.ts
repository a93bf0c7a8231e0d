/**
 * DynamoDB's rules on which parameters go together, checked before authorization so that no request is
 * authorized on the part of it the gateway happened to read while storage reads another: Select against the
 * projection, legacy against expression parameters, placeholders defined and used, expression sizes.
 * dynalite checks some of these too, but only after the gateway has authorized and forwarded the request,
 * and it lets the Select combinations through. The words are DynamoDB's; sources are named beside them.
 */
import { placeholdersOf } from '../../src/lib/iam/request/dynamodb-expression';
import {
	arrayOr,
	firstOf,
	objectOr,
	stringOr,
	type Input,
} from '../../src/lib/iam/request/dynamodb-input';
import { TRANSACT_PARTS } from './dynamodb-shapes';

interface Parameters {
	expression: string[];
	legacy: string[];
}

const READ_ONE: Parameters = { expression: ['ProjectionExpression'], legacy: ['AttributesToGet'] };
const CONDITIONAL: Parameters = {
	expression: ['ConditionExpression'],
	legacy: ['Expected', 'ConditionalOperator'],
};
// Per operation, as dynalite (written and tested against real DynamoDB) lists them.
const PARAMETERS: Record<string, Parameters> = {
	GetItem: READ_ONE,
	PutItem: CONDITIONAL,
	DeleteItem: CONDITIONAL,
	UpdateItem: {
		expression: ['UpdateExpression', 'ConditionExpression'],
		legacy: ['AttributeUpdates', 'Expected', 'ConditionalOperator'],
	},
	Query: {
		expression: ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'],
		legacy: ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions'],
	},
	Scan: {
		expression: ['ProjectionExpression', 'FilterExpression'],
		legacy: ['AttributesToGet', 'ScanFilter', 'ConditionalOperator'],
	},
	Get: { expression: ['ProjectionExpression'], legacy: [] },
	Put: { expression: ['ConditionExpression'], legacy: [] },
	Delete: { expression: ['ConditionExpression'], legacy: [] },
	ConditionCheck: { expression: ['ConditionExpression'], legacy: [] },
	Update: { expression: ['UpdateExpression', 'ConditionExpression'], legacy: [] },
};
/** The order in which DynamoDB reports an expression's problems (dynalite follows it). */
const EXPRESSION_ORDER = [
	'UpdateExpression',
	'ConditionExpression',
	'KeyConditionExpression',
	'FilterExpression',
	'ProjectionExpression',
];
/** Developer Guide, "Quotas": "The maximum length of any expression string is 4 KB", counted in bytes. */
const MAX_EXPRESSION_BYTES = 4096;
/** "The maximum length of any expression attribute name or expression attribute value is 255 bytes." */
const MAX_PLACEHOLDER_BYTES = 255;
const SELECTS = ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'];
const ON_FAILURE = ['ALL_OLD', 'NONE'];

/** The first parameter rule `input` breaks, as DynamoDB's ValidationException message, or `null`. */
export function parameterProblem(operation: string, input: Input): string | null {
	switch (operation) {
		case 'Query':
		case 'Scan':
			return (
				selectProblem(operation, input) ??
				(operation === 'Query' ? keyConditionProblem(input) : null) ??
				expressionProblem(input, PARAMETERS[operation]!)
			);
		case 'BatchGetItem':
			return firstOf(Object.values(objectOr(input.RequestItems)), (entry) =>
				expressionProblem(objectOr(entry), READ_ONE),
			);
		case 'TransactGetItems':
		case 'TransactWriteItems':
			return firstOf([...arrayOr(input.TransactItems).entries()], ([i, item]) => {
				const [kind] = Object.keys(objectOr(item)).filter((k) => Object.hasOwn(TRANSACT_PARTS, k));
				if (kind === undefined) return null;
				const part = objectOr(objectOr(item)[kind]);
				const path = `transactItems.${i + 1}.member.${kind[0]!.toLowerCase()}${kind.slice(1)}`;
				return (
					(kind === 'Get' ? null : onFailureProblem(part, path)) ??
					expressionProblem(part, PARAMETERS[kind]!)
				);
			});
		default:
			if (!Object.hasOwn(PARAMETERS, operation)) return null;
			return (
				(operation === 'GetItem' ? null : onFailureProblem(input, '')) ??
				expressionProblem(input, PARAMETERS[operation]!)
			);
	}
}

/** ReturnValuesOnConditionCheckFailure's values; `path` places it in DynamoDB's message. */
function onFailureProblem(input: Input, path: string): string | null {
	const value = stringOr(input.ReturnValuesOnConditionCheckFailure);
	if (value === undefined || ON_FAILURE.includes(value)) return null;
	const member = `${path === '' ? '' : `${path}.`}returnValuesOnConditionCheckFailure`;
	return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${ON_FAILURE.join(', ')}]`;
}

/**
 * Select against the projection. Messages from moto's tests/test_dynamodb/test_dynamodb_select.py, each
 * verified against real DynamoDB (`@pytest.mark.aws_verified`): Query wraps them in "1 validation error
 * detected: ", Scan does not. What needs the table's description (ALL_ATTRIBUTES on a global index that
 * does not project all attributes) is left to storage, after authorization, as DynamoDB leaves it.
 */
function selectProblem(operation: string, input: Input): string | null {
	const select = stringOr(input.Select);
	if (select === undefined) return null;
	if (!SELECTS.includes(select))
		return `1 validation error detected: Value '${select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [${SELECTS.join(', ')}]`;
	const prefix = operation === 'Query' ? '1 validation error detected: ' : '';
	const projected = present(input, 'ProjectionExpression');
	const listed = present(input, 'AttributesToGet');
	if (select === 'SPECIFIC_ATTRIBUTES') {
		return projected || listed
			? null
			: `${prefix}Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES`;
	}
	const chosen = select === 'COUNT' ? 'only the Count' : select;
	if (projected)
		return `${prefix}Cannot specify the ProjectionExpression when choosing to get ${chosen}`;
	if (listed) return `${prefix}Cannot specify the AttributesToGet when choosing to get ${chosen}`;
	if (select === 'ALL_PROJECTED_ATTRIBUTES' && !present(input, 'IndexName'))
		return `${prefix}ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName`;
	return null;
}

function keyConditionProblem(input: Input): string | null {
	return present(input, 'KeyConditions') || present(input, 'KeyConditionExpression')
		? null
		: 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.';
}

/** Legacy against expression parameters, then the placeholder maps, then each expression. */
function expressionProblem(input: Input, parameters: Parameters): string | null {
	const expressions = parameters.expression.filter((p) => present(input, p));
	// DynamoDB accepts legacy KeyConditions beside the other expressions when KeyConditionExpression is
	// absent (dynalite's special case; Developer Guide, "Legacy conditional parameters").
	const legacy = parameters.legacy.filter(
		(p) =>
			present(input, p) && !(p === 'KeyConditions' && !present(input, 'KeyConditionExpression')),
	);
	if (expressions.length > 0 && legacy.length > 0)
		return `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`;
	if (present(input, 'ExpressionAttributeNames') && expressions.length === 0)
		return 'ExpressionAttributeNames can only be specified when using expressions';
	const valued = parameters.expression.filter((p) => p !== 'ProjectionExpression');
	if (
		valued.length > 0 &&
		present(input, 'ExpressionAttributeValues') &&
		!valued.some((p) => present(input, p))
	)
		return `ExpressionAttributeValues can only be specified when using expressions: ${valued.join(' and ')} ${valued.length > 1 ? 'are' : 'is'} null`;
	return (
		placeholderMapProblem(input, 'ExpressionAttributeNames', '#') ??
		placeholderMapProblem(input, 'ExpressionAttributeValues', ':') ??
		usageProblem(input)
	);
}

function placeholderMapProblem(input: Input, parameter: string, sigil: '#' | ':'): string | null {
	if (!present(input, parameter)) return null;
	const map = objectOr(input[parameter]);
	if (Object.keys(map).length === 0) return `${parameter} must not be empty`;
	for (const [key, value] of Object.entries(map)) {
		const bytes = Buffer.byteLength(key);
		// The "too long" wording is DynamoDB Local's (PARAMETER_MAP_KEY_SIZE_EXCEEDED).
		if (bytes > MAX_PLACEHOLDER_BYTES)
			return `${parameter} contains invalid key: The expression attribute map contains a key that is too long; size of key: ${bytes}`;
		if (!new RegExp(`^${sigil}[0-9a-zA-Z_]+$`).test(key))
			return `${parameter} contains invalid key: Syntax error; key: "${key}"`;
		if (sigil === '#' && value === '')
			return `${parameter} contains invalid value: Empty attribute name for key ${key}`;
	}
	return null;
}

/** Every placeholder an expression uses is defined, and every defined one is used. */
function usageProblem(input: Input): string | null {
	const names = new Set(Object.keys(objectOr(input.ExpressionAttributeNames)));
	const values = new Set(Object.keys(objectOr(input.ExpressionAttributeValues)));
	const unusedNames = new Set(names);
	const unusedValues = new Set(values);
	for (const parameter of EXPRESSION_ORDER) {
		const expression = stringOr(input[parameter]);
		if (expression === undefined) continue;
		const problem = sizeProblem(parameter, expression);
		if (problem !== null) return problem;
		const used = placeholdersOf(expression);
		const name = used.names.find((n) => !names.has(n));
		if (name !== undefined)
			return `Invalid ${parameter}: An expression attribute name used in the document path is not defined; attribute name: ${name}`;
		const value = used.values.find((v) => !values.has(v));
		if (value !== undefined)
			return `Invalid ${parameter}: An expression attribute value used in expression is not defined; attribute value: ${value}`;
		used.names.forEach((n) => unusedNames.delete(n));
		used.values.forEach((v) => unusedValues.delete(v));
	}
	if (unusedNames.size > 0)
		return `Value provided in ExpressionAttributeNames unused in expressions: keys: {${[...unusedNames].join(', ')}}`;
	if (unusedValues.size > 0)
		return `Value provided in ExpressionAttributeValues unused in expressions: keys: {${[...unusedValues].join(', ')}}`;
	return null;
}

/**
 * Real DynamoDB's words, as the paritysuite/dynamodb-conformance suite captured them
 * (tests/tier3/validation-ordering/deepRequests.test.ts): the size for every expression but an update.
 */
function sizeProblem(parameter: string, expression: string): string | null {
	if (expression === '') return `Invalid ${parameter}: The expression can not be empty;`;
	const bytes = Buffer.byteLength(expression);
	if (bytes <= MAX_EXPRESSION_BYTES) return null;
	return parameter === 'UpdateExpression'
		? 'Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;'
		: `Invalid ${parameter}: Expression size has exceeded the maximum allowed size; expression size: ${bytes}`;
}

/** A JSON null member counts as absent, as DynamoDB and dynalite treat it. */
function present(input: Input, parameter: string): boolean {
	return input[parameter] !== undefined && input[parameter] !== null;
}
