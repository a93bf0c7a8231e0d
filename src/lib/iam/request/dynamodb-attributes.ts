/**
 * `dynamodb:Attributes`: the union of every top-level attribute a request names — its projection or
 * AttributesToGet, its filter and key condition (or legacy QueryFilter, ScanFilter, KeyConditions), its
 * condition and update expressions (or legacy Expected, AttributeUpdates), and the attributes of an item
 * it writes. A filter or condition on an attribute reveals it as surely as returning it does.
 *
 * A read that returns whole items (no projection; Select ALL_ATTRIBUTES or ALL_PROJECTED_ATTRIBUTES)
 * names no list at all: any list would understate what it reads. The key is then absent, and a statement
 * restricting attributes must say `"Null": {"dynamodb:Attributes": "false"}`, since ForAllValues alone is
 * true when the key is absent (IAM User Guide, "Set operators for multivalued context keys").
 */
import { topLevelAttributes } from './dynamodb-expression';
import { arrayOr, namesOf, objectOr, stringOr, type Input } from './dynamodb-input';

const READ_EXPRESSIONS = ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'];
const READ_LEGACY = ['QueryFilter', 'ScanFilter', 'KeyConditions'];
const WRITE_EXPRESSIONS = ['UpdateExpression', 'ConditionExpression'];
const WRITE_LEGACY = ['AttributeUpdates', 'Expected'];

/**
 * The attributes a read names. `select` is the Query's or Scan's effective Select, `undefined` for the
 * reads that have none (GetItem, BatchGetItem, TransactGetItems), which return whole items without a
 * projection.
 */
export function readAttributes(input: Input, select: string | undefined): string[] | undefined {
	const returnsWholeItems =
		select === 'ALL_ATTRIBUTES' ||
		select === 'ALL_PROJECTED_ATTRIBUTES' ||
		(select === undefined && !has(input, 'ProjectionExpression') && !has(input, 'AttributesToGet'));
	if (returnsWholeItems) return undefined;
	return union(
		arrayOr(input.AttributesToGet).filter((a): a is string => typeof a === 'string'),
		expressionAttributes(input, READ_EXPRESSIONS),
		READ_LEGACY.flatMap((p) => Object.keys(objectOr(input[p]))),
	);
}

/** The attributes a write names: `named` (the item's, or the key's) plus its update and condition. */
export function writeAttributes(input: Input, named: string[]): string[] | undefined {
	return union(
		named,
		expressionAttributes(input, WRITE_EXPRESSIONS),
		WRITE_LEGACY.flatMap((p) => Object.keys(objectOr(input[p]))),
	);
}

/** `Select` as sent, else DynamoDB's documented default (API Reference, Query and Scan, `Select`). */
export function selectOf(input: Input): string {
	const select = stringOr(input.Select);
	if (select !== undefined) return select;
	// "If neither Select nor ProjectionExpression are specified, DynamoDB defaults to ALL_ATTRIBUTES when
	// accessing a table, and ALL_PROJECTED_ATTRIBUTES when accessing an index"; a projection (or the legacy
	// AttributesToGet) alone is the same as SPECIFIC_ATTRIBUTES.
	if (has(input, 'ProjectionExpression') || has(input, 'AttributesToGet'))
		return 'SPECIFIC_ATTRIBUTES';
	return has(input, 'IndexName') ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
}

function expressionAttributes(input: Input, parameters: string[]): string[] {
	const names = namesOf(input);
	return parameters.flatMap((p) => {
		const expression = stringOr(input[p]);
		return expression === undefined ? [] : topLevelAttributes(expression, names);
	});
}

function union(...lists: string[][]): string[] | undefined {
	const all = [...new Set(lists.flat())];
	return all.length > 0 ? all : undefined;
}

function has(input: Input, parameter: string): boolean {
	return input[parameter] !== undefined && input[parameter] !== null;
}
