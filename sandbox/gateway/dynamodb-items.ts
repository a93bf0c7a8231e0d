/** Per-operation DynamoDB → IAM mapping: one builder per API operation, all sharing the helpers below. */
import {
	keyValueString,
	legacyPartitionKeyValues,
	partitionKeyValues,
	topLevelAttributes,
} from './dynamodb-expression';
import { partiQLAuthorization } from './partiql';
import { rejected, type Authorization, type Mapping } from './types';
import type { DynamoDBEnvironment } from './dynamodb-request';
import type { KeySchema } from './table-schema';

type Input = Record<string, unknown>;
type Result = Mapping<Authorization[]>;

const invalidKey = 'The provided key element does not match the schema';

const builders: Record<string, (input: Input, env: DynamoDBEnvironment) => Result> = {
	GetItem: (input, env) => single('GetItem', input, env, keyOf(input.Key), readAttributes(input)),
	DeleteItem: (input, env) => single('DeleteItem', input, env, keyOf(input.Key), undefined),
	PutItem: (input, env) =>
		single('PutItem', input, env, keyOf(input.Item), Object.keys(objectOr(input.Item))),
	UpdateItem: (input, env) =>
		single('UpdateItem', input, env, keyOf(input.Key), updateAttributes(input)),
	Query: (input, env) => query(input, env),
	Scan: (input, env) =>
		wrap(
			authorization('Scan', input, env, {
				index: stringOr(input.IndexName),
				attributes: readAttributes(input),
				select: selectOf(input),
			}),
		),
	BatchGetItem: (input, env) =>
		batch('BatchGetItem', input, env, (request) => ({
			keys: arrayOr(objectOr(request).Keys).map(keyOf),
			attributes: readAttributes(objectOr(request)),
		})),
	BatchWriteItem: (input, env) =>
		batch('BatchWriteItem', input, env, (request) => {
			const writes = arrayOr(request).map(objectOr);
			const puts = writes
				.map((w) => objectOr(objectOr(w.PutRequest).Item))
				.filter((i) => Object.keys(i).length > 0);
			return {
				keys: writes.map((w) =>
					keyOf(
						w.PutRequest !== undefined
							? objectOr(w.PutRequest).Item
							: objectOr(w.DeleteRequest).Key,
					),
				),
				attributes: puts.length > 0 ? [...new Set(puts.flatMap((i) => Object.keys(i)))] : undefined,
			};
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

/** The authorizations for `operation`, or `undefined` when the gateway does not map that operation. */
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
			return operation === 'PutItem'
				? rejected(
						400,
						'ValidationException',
						`One or more parameter values were invalid: Missing the key ${schema.partitionKey} in the item`,
					)
				: rejected(400, 'ValidationException', invalidKey);
		}
		leadingKeys = [value];
	}
	return wrap(authorization(operation, input, env, { leadingKeys, attributes }));
}

function query(input: Input, env: DynamoDBEnvironment): Result {
	const index = stringOr(input.IndexName);
	const schema = schemaOf(input.TableName, index, env);
	if (
		schema === null &&
		index !== undefined &&
		tableNameOf(input.TableName) === env.table.tableName
	) {
		return rejected(
			400,
			'ValidationException',
			`The table does not have the specified index: ${index}`,
		);
	}
	let leadingKeys: string[] | undefined;
	if (schema !== null) {
		const names = objectOr(input.ExpressionAttributeNames) as Record<string, string>;
		const expression = stringOr(input.KeyConditionExpression);
		const found =
			expression !== undefined
				? partitionKeyValues(
						expression,
						schema.partitionKey,
						names,
						objectOr(input.ExpressionAttributeValues),
					)
				: legacyPartitionKeyValues(objectOr(input.KeyConditions) as never, schema.partitionKey);
		// DynamoDB refuses such a query; refusing it here too means an absent LeadingKeys never reaches storage.
		if (found === null)
			return rejected(
				400,
				'ValidationException',
				`Query condition missed key schema element: ${schema.partitionKey}`,
			);
		leadingKeys = found;
	}
	return wrap(
		authorization('Query', input, env, {
			index,
			leadingKeys,
			attributes: readAttributes(input),
			select: selectOf(input),
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
				return rejected(400, 'ValidationException', invalidKey);
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
		return rejected(
			400,
			'ValidationException',
			'The requestItems parameter is required for BatchGetItem/BatchWriteItem',
		);
	return { ok: true, value: authorizations };
}

/** Transactions: each item is authorized as the single-item action it performs. */
function transact(input: Input, env: DynamoDBEnvironment, actions: Record<string, string>): Result {
	const items = arrayOr(input.TransactItems).map(objectOr);
	if (items.length === 0)
		return rejected(400, 'ValidationException', 'TransactItems must not be empty');
	const authorizations: Authorization[] = [];
	for (const item of items) {
		const kind = Object.keys(item).find((k) => Object.hasOwn(actions, k));
		if (kind === undefined || Object.keys(item).length !== 1)
			return rejected(400, 'ValidationException', 'Invalid TransactItem');
		const part: Input = {
			...objectOr(item[kind]),
			ReturnConsumedCapacity: input.ReturnConsumedCapacity,
		};
		const operation = actions[kind];
		const key = keyOf(operation === 'PutItem' ? part.Item : part.Key);
		const attributes =
			operation === 'GetItem'
				? readAttributes(part)
				: operation === 'PutItem'
					? Object.keys(key)
					: operation === 'UpdateItem'
						? updateAttributes(part)
						: undefined;
		const mapped = single(operation, part, env, key, attributes);
		if (!mapped.ok) return mapped;
		authorizations.push(...mapped.value);
	}
	return { ok: true, value: authorizations };
}

/**
 * Attributes a read touches: those it returns (ProjectionExpression or legacy AttributesToGet) and those its
 * FilterExpression (or legacy QueryFilter/ScanFilter) tests, since a filter on an attribute reveals it as
 * surely as returning it. Absent when the request names none (then `dynamodb:Select` says what it reads).
 */
function readAttributes(input: Input): string[] | undefined {
	const names = objectOr(input.ExpressionAttributeNames) as Record<string, string>;
	const projection = stringOr(input.ProjectionExpression);
	const legacy = arrayOr(input.AttributesToGet).filter((a): a is string => typeof a === 'string');
	const filter = stringOr(input.FilterExpression);
	const touched = [
		...(projection !== undefined ? topLevelAttributes(projection, names) : legacy),
		...(filter !== undefined ? topLevelAttributes(filter, names) : []),
		...Object.keys(objectOr(input.QueryFilter ?? input.ScanFilter)),
	];
	return touched.length > 0 ? [...new Set(touched)] : undefined;
}

/** Attributes an update touches: the key plus every attribute named in UpdateExpression / AttributeUpdates. */
function updateAttributes(input: Input): string[] {
	const names = objectOr(input.ExpressionAttributeNames) as Record<string, string>;
	const expression = stringOr(input.UpdateExpression);
	const updated =
		expression !== undefined
			? topLevelAttributes(expression, names)
			: Object.keys(objectOr(input.AttributeUpdates));
	return [...new Set([...Object.keys(objectOr(input.Key)), ...updated])];
}

/** `Select` as sent, else DynamoDB's documented default: SPECIFIC_ATTRIBUTES with a projection,
 * ALL_PROJECTED_ATTRIBUTES on an index, ALL_ATTRIBUTES on a table. */
function selectOf(input: Input): string {
	const select = stringOr(input.Select);
	if (select !== undefined) return select;
	if (input.ProjectionExpression !== undefined || input.AttributesToGet !== undefined)
		return 'SPECIFIC_ATTRIBUTES';
	return input.IndexName !== undefined ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
}

/** TableName may be a name or a table ARN. */
function tableNameOf(value: unknown): string {
	const name = stringOr(value) ?? '';
	const arn = /^arn:aws[a-z-]*:dynamodb:[^:]*:\d*:table\/([^/]+)$/.exec(name);
	return arn === null ? name : arn[1];
}

/** The key schema for the table (or its index) when it is the sandbox's table; `null` otherwise. */
function schemaOf(
	tableName: unknown,
	index: string | undefined,
	env: DynamoDBEnvironment,
): KeySchema | null {
	if (tableNameOf(tableName) !== env.table.tableName) return null;
	if (index === undefined) return env.table;
	return Object.hasOwn(env.table.indexes, index) ? env.table.indexes[index] : null;
}

function wrap(authorization: Authorization): Result {
	return { ok: true, value: [authorization] };
}

function keyOf(value: unknown): Input {
	return objectOr(value);
}

function objectOr(value: unknown): Input {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Input)
		: {};
}

function arrayOr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function stringOr(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}
