/** Per-operation DynamoDB → IAM mapping: one builder per API operation, all sharing the helpers below. */
import { readAttributes, selectOf, writeAttributes } from './dynamodb-attributes';
import {
	keyValueString,
	legacyPartitionKeyValues,
	partitionKeyValues,
} from './dynamodb-expression';
import {
	arrayOr,
	knownTable,
	namesOf,
	objectOr,
	stringOr,
	tableNameOf,
	type DynamoDBEnvironment,
	type Input,
} from './dynamodb-input';
import { documentedPart } from './dynamodb-parts';
import { partiQLAuthorization } from './partiql';
import { RequestRejection } from './rejection';
import type { KeySchema } from './table-schema';
import type { Authorization } from './types';

type Result = Authorization[];

const invalidKey = 'The provided key element does not match the schema';

const builders: Record<string, (input: Input, env: DynamoDBEnvironment) => Result> = {
	GetItem: (input, env) =>
		single('GetItem', input, env, objectOr(input.Key), readAttributes(input, undefined)),
	DeleteItem: (input, env) => write('DeleteItem', input, env, objectOr(input.Key)),
	PutItem: (input, env) => write('PutItem', input, env, objectOr(input.Item)),
	UpdateItem: (input, env) => write('UpdateItem', input, env, objectOr(input.Key)),
	Query: (input, env) => query(input, env),
	Scan: (input, env) => {
		const select = selectOf(input);
		return wrap(
			authorization('Scan', input, env, {
				index: stringOr(input.IndexName),
				attributes: readAttributes(input, select),
				select,
			}),
		);
	},
	BatchGetItem: (input, env) =>
		batch('BatchGetItem', input, env, (request) => ({
			keys: arrayOr(objectOr(request).Keys).map(objectOr),
			attributes: readAttributes(objectOr(request), undefined),
		})),
	BatchWriteItem: (input, env) =>
		batch('BatchWriteItem', input, env, (request) => {
			const writes = arrayOr(request).map(objectOr);
			const targets = writes.map((w) =>
				w.PutRequest !== undefined && w.PutRequest !== null
					? objectOr(objectOr(w.PutRequest).Item)
					: objectOr(objectOr(w.DeleteRequest).Key),
			);
			// A batch write has no expressions: it names the attributes of its items and keys only.
			return { keys: targets, attributes: writeAttributes({}, targets.flatMap(Object.keys)) };
		}),
	TransactGetItems: (input, env) => transact(input, env, { Get: 'GetItem' }),
	TransactWriteItems: (input, env) =>
		transact(input, env, {
			Put: 'PutItem',
			Update: 'UpdateItem',
			Delete: 'DeleteItem',
			ConditionCheck: 'ConditionCheckItem',
		}),
	ExecuteStatement: (input, env) => partiQLAuthorization(stringOr(input.Statement) ?? '', env),
	DescribeTable: (input, env) => wrap(authorization('DescribeTable', input, env, {})),
};

/**
 * The authorizations for `operation`, or `undefined` when the mapping does not know that operation; throws
 * {@link RequestRejection} for a request DynamoDB would refuse.
 */
export function itemAuthorizations(
	operation: string,
	input: Input,
	env: DynamoDBEnvironment,
): Result | undefined {
	return Object.hasOwn(builders, operation) ? builders[operation](input, env) : undefined;
}

interface Options {
	index?: string;
	leadingKeys?: string[];
	attributes?: string[];
	select?: string;
}

function authorization(
	operation: string,
	input: Input,
	env: DynamoDBEnvironment,
	options: Options,
): Authorization {
	const table = tableNameOf(input.TableName);
	const index = options.index === undefined ? '' : `/index/${options.index}`;
	const context: Authorization['context'] = {};
	if (options.leadingKeys !== undefined) context['dynamodb:LeadingKeys'] = options.leadingKeys;
	if (options.attributes !== undefined) context['dynamodb:Attributes'] = options.attributes;
	if (options.select !== undefined) context['dynamodb:Select'] = options.select;
	for (const param of ['ReturnValues', 'ReturnConsumedCapacity']) {
		const value = stringOr(input[param]);
		if (value !== undefined) context[`dynamodb:${param}`] = value;
	}
	return {
		action: `dynamodb:${operation}`,
		resource: `arn:aws:dynamodb:${env.region}:${env.accountId}:table/${table}${index}`,
		context,
	};
}

/** A single-item write: the attributes of the item (PutItem) or key, with its update and condition. */
function write(operation: string, input: Input, env: DynamoDBEnvironment, target: Input): Result {
	return single(operation, input, env, target, writeAttributes(input, Object.keys(target)));
}

/** A single-item operation: LeadingKeys is the one partition key value, which must be readable. */
function single(
	operation: string,
	input: Input,
	env: DynamoDBEnvironment,
	key: Input,
	attributes: string[] | undefined,
): Result {
	const schema = schemaOf(input.TableName, undefined, env);
	let leadingKeys: string[] | undefined;
	if (schema !== null) {
		const value = keyValueString(key[schema.partitionKey]);
		if (value === null) {
			throw operation === 'PutItem'
				? new RequestRejection(
						400,
						'ValidationException',
						`One or more parameter values were invalid: Missing the key ${schema.partitionKey} in the item`,
					)
				: new RequestRejection(400, 'ValidationException', invalidKey);
		}
		leadingKeys = [value];
	}
	return wrap(authorization(operation, input, env, { leadingKeys, attributes }));
}

function query(input: Input, env: DynamoDBEnvironment): Result {
	const index = stringOr(input.IndexName);
	const schema = schemaOf(input.TableName, index, env);
	if (schema === null && index !== undefined && knownTable(input.TableName, env) !== null) {
		throw new RequestRejection(
			400,
			'ValidationException',
			`The table does not have the specified index: ${index}`,
		);
	}
	let leadingKeys: string[] | undefined;
	if (schema !== null) {
		const expression = stringOr(input.KeyConditionExpression);
		const found =
			expression !== undefined
				? partitionKeyValues(
						expression,
						schema.partitionKey,
						namesOf(input),
						objectOr(input.ExpressionAttributeValues),
					)
				: legacyPartitionKeyValues(objectOr(input.KeyConditions) as never, schema.partitionKey);
		// DynamoDB refuses such a query; refusing it here too means an absent LeadingKeys never reaches storage.
		if (found === null)
			throw new RequestRejection(
				400,
				'ValidationException',
				`Query condition missed key schema element: ${schema.partitionKey}`,
			);
		leadingKeys = found;
	}
	const select = selectOf(input);
	return wrap(
		authorization('Query', input, env, {
			index,
			leadingKeys,
			attributes: readAttributes(input, select),
			select,
		}),
	);
}

/** Batch operations: one authorization per table, LeadingKeys = every partition key value for that table. */
function batch(
	operation: string,
	input: Input,
	env: DynamoDBEnvironment,
	read: (request: unknown) => { keys: Input[]; attributes: string[] | undefined },
): Result {
	const authorizations: Authorization[] = [];
	for (const [tableName, request] of Object.entries(objectOr(input.RequestItems))) {
		const { keys, attributes } = read(request);
		const schema = schemaOf(tableName, undefined, env);
		let leadingKeys: string[] | undefined;
		if (schema !== null) {
			const values = keys.map((key) => keyValueString(key[schema.partitionKey]));
			if (values.length === 0 || values.some((v) => v === null))
				throw new RequestRejection(400, 'ValidationException', invalidKey);
			leadingKeys = [...new Set(values as string[])];
		}
		authorizations.push(
			authorization(operation, { ...input, TableName: tableName }, env, {
				leadingKeys,
				attributes,
			}),
		);
	}
	if (authorizations.length === 0)
		throw new RequestRejection(
			400,
			'ValidationException',
			`The requestItems parameter is required for ${operation}`,
		);
	return authorizations;
}

/**
 * Transactions: each item is authorized as the single-item action it performs, from the members its part
 * documents only (DynamoDB ignores others, and the transaction emulator never forwards them).
 */
function transact(input: Input, env: DynamoDBEnvironment, actions: Record<string, string>): Result {
	const authorizations: Authorization[] = [];
	for (const item of arrayOr(input.TransactItems).map(objectOr)) {
		const kind = Object.keys(item).find((k) => Object.hasOwn(actions, k));
		if (kind === undefined || Object.keys(item).length !== 1)
			throw new RequestRejection(400, 'ValidationException', 'Invalid TransactItem');
		const part: Input = {
			...documentedPart(kind, objectOr(item[kind])),
			ReturnConsumedCapacity: input.ReturnConsumedCapacity,
		};
		const operation = actions[kind]!;
		authorizations.push(
			...(operation === 'GetItem'
				? single(operation, part, env, objectOr(part.Key), readAttributes(part, undefined))
				: write(operation, part, env, objectOr(operation === 'PutItem' ? part.Item : part.Key))),
		);
	}
	return authorizations;
}

/** The key schema for the table (or its index) when the environment knows the table; `null` otherwise. */
function schemaOf(
	tableName: unknown,
	index: string | undefined,
	env: DynamoDBEnvironment,
): KeySchema | null {
	const table = knownTable(tableName, env);
	if (table === null || index === undefined) return table;
	return Object.hasOwn(table.indexes, index) ? table.indexes[index]! : null;
}

function wrap(authorization: Authorization): Result {
	return [authorization];
}
