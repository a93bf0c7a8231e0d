/**
 * DynamoDB's quotas on what one request may carry (Developer Guide, "Quotas in Amazon DynamoDB"; API
 * Reference length constraints), decided by the gateway before anything reaches dynalite: item size, key
 * sizes, and how many keys, writes or actions a batch or transaction holds. Nesting depth and expression
 * sizes are checked with the shapes and the parameter rules.
 */
import { itemSize } from './dynamodb-attribute-value';
import {
	arrayOr,
	firstOf,
	knownTable,
	objectOr,
	stringOr,
	type DynamoDBEnvironment,
	type Input,
} from '../../src/lib/iam/request/dynamodb-input';

/** "The maximum item size in DynamoDB is 400 KB", exactly 409,600 bytes by the item-size rules. */
const MAX_ITEM_BYTES = 409_600;
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;
const MAX_BATCH_GET_KEYS = 100;
const MAX_BATCH_WRITES = 25;
const MAX_TRANSACT_ITEMS = 100;
/** ExecuteStatement's Statement: "Length Constraints: Minimum length of 1. Maximum length of 8192." */
const MAX_STATEMENT_LENGTH = 8192;

// Messages: real DynamoDB's as moto's tests and the paritysuite/dynamodb-conformance captures record them
// (key sizes: moto tests/test_dynamodb/exceptions/test_key_length_exceptions.py, "of2048" included; item
// size and batch counts: DynamoDB Local's error catalogue; constraint forms: the conformance suite's
// tier3 error-messages tests, in the validation framework's newer wording that names the member).
const ITEM_TOO_LARGE = 'Item size has exceeded the maximum allowed size';
const HASH_KEY_TOO_LARGE =
	'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes';
const RANGE_KEY_TOO_LARGE =
	'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes';

/** The first quota `input` exceeds, as DynamoDB's ValidationException message, or `null`. */
export function limitProblem(
	operation: string,
	input: Input,
	env: DynamoDBEnvironment,
): string | null {
	switch (operation) {
		case 'GetItem':
		case 'UpdateItem':
		case 'DeleteItem':
			return keyProblem(input.TableName, input.Key, env, false);
		case 'PutItem':
			return itemProblem(input.TableName, input.Item, env);
		case 'BatchGetItem':
			return batchGetProblem(input, env);
		case 'BatchWriteItem':
			return batchWriteProblem(input, env);
		case 'TransactGetItems':
		case 'TransactWriteItems':
			return transactProblem(input, env);
		case 'ExecuteStatement':
			return statementProblem(stringOr(input.Statement) ?? '');
		default:
			return null;
	}
}

function itemProblem(table: unknown, item: unknown, env: DynamoDBEnvironment): string | null {
	return (
		keyProblem(table, item, env, true) ??
		(itemSize(objectOr(item)) > MAX_ITEM_BYTES ? ITEM_TOO_LARGE : null)
	);
}

/** Partition keys up to 2,048 bytes, sort keys up to 1,024; an item's index keys too. Numbers are free. */
function keyProblem(
	table: unknown,
	key: unknown,
	env: DynamoDBEnvironment,
	withIndexes: boolean,
): string | null {
	const known = knownTable(table, env);
	if (known === null) return null;
	const schemas = [known, ...(withIndexes ? Object.values(known.indexes) : [])];
	const values = objectOr(key);
	for (const schema of schemas) {
		if (keyBytes(values[schema.partitionKey]) > MAX_PARTITION_KEY_BYTES) return HASH_KEY_TOO_LARGE;
		if (schema.sortKey !== undefined && keyBytes(values[schema.sortKey]) > MAX_SORT_KEY_BYTES)
			return RANGE_KEY_TOO_LARGE;
	}
	return null;
}

function keyBytes(value: unknown): number {
	const typed = objectOr(value);
	if (typeof typed.S === 'string') return Buffer.byteLength(typed.S);
	if (typeof typed.B === 'string') return Buffer.from(typed.B, 'base64').length;
	return 0;
}

function batchGetProblem(input: Input, env: DynamoDBEnvironment): string | null {
	const tables = Object.entries(objectOr(input.RequestItems));
	const keys = tables.flatMap(([table, entry]) =>
		arrayOr(objectOr(entry).Keys).map((key) => [table, key] as const),
	);
	if (keys.length > MAX_BATCH_GET_KEYS) return 'Too many items requested for the BatchGetItem call';
	return firstOf(keys, ([table, key]) => keyProblem(table, key, env, false));
}

function batchWriteProblem(input: Input, env: DynamoDBEnvironment): string | null {
	const tables = Object.entries(objectOr(input.RequestItems)).map(
		([table, writes]) => [table, arrayOr(writes).map(objectOr)] as const,
	);
	const crowded = tables.find(([, writes]) => writes.length > MAX_BATCH_WRITES);
	if (crowded !== undefined)
		return `1 validation error detected: Value at 'RequestItems.${crowded[0]}.member' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_WRITES}`;
	const writes = tables.flatMap(([table, list]) => list.map((write) => [table, write] as const));
	if (writes.length > MAX_BATCH_WRITES)
		return 'Too many items requested for the BatchWriteItem call';
	return firstOf(writes, ([table, write]) =>
		write.PutRequest !== undefined && write.PutRequest !== null
			? itemProblem(table, objectOr(write.PutRequest).Item, env)
			: keyProblem(table, objectOr(write.DeleteRequest).Key, env, false),
	);
}

function transactProblem(input: Input, env: DynamoDBEnvironment): string | null {
	const items = arrayOr(input.TransactItems).map(objectOr);
	if (items.length === 0 || items.length > MAX_TRANSACT_ITEMS)
		return `1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length ${
			items.length === 0
				? 'greater than or equal to 1'
				: `less than or equal to ${MAX_TRANSACT_ITEMS}`
		}`;
	return firstOf(items, (item) => {
		const put = objectOr(item.Put);
		if (item.Put !== undefined && item.Put !== null)
			return itemProblem(put.TableName, put.Item, env);
		const part = objectOr(item.Get ?? item.Update ?? item.Delete ?? item.ConditionCheck);
		return keyProblem(part.TableName, part.Key, env, false);
	});
}

function statementProblem(statement: string): string | null {
	return statement.length > MAX_STATEMENT_LENGTH
		? `1 validation error detected: Value at 'Statement' failed to satisfy constraint: Member must have length less than or equal to ${MAX_STATEMENT_LENGTH}`
		: null;
}
