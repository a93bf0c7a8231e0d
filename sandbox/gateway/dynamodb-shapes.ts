/**
 * The members of each DynamoDB operation the gateway reads, with their types (DynamoDB API Reference,
 * 2012-08-10). dynamodb-shape-check.ts checks a request against them before anything else reads it.
 * Members the gateway does not read are left to dynalite, which drops unknown ones.
 */
import { TRANSACT_PART_MEMBERS } from '../../src/lib/iam/request/dynamodb-parts';

export type Shape =
	| { kind: 'string' }
	| { kind: 'value'; inItem?: boolean }
	| { kind: 'map'; of: Shape; valueClass: string; ifNull?: string; wrap?: Wrap }
	| { kind: 'list'; of: Shape; ifNull?: string }
	| { kind: 'struct'; name: string; members: Record<string, Shape> };
type Wrap = (key: string, message: string) => string;

const string: Shape = { kind: 'string' };
const value: Shape = { kind: 'value' };
const strings: Shape = { kind: 'list', of: string };
const values: Shape = { kind: 'list', of: value };
const AV_CLASS = 'com.amazonaws.dynamodb.v20120810.AttributeValue';
const valueMap: Shape = { kind: 'map', of: value, valueClass: AV_CLASS };
const item: Shape = { kind: 'map', of: { kind: 'value', inItem: true }, valueClass: AV_CLASS };
const struct = (name: string, members: Record<string, Shape>): Shape => ({
	kind: 'struct',
	name,
	members,
});

// AWS does not document its words for a JSON null inside these maps and lists; these are DynamoDB Local's
// (AWS's own emulator, whose error catalogue names each case), and a generic one where it has none.
export const NULL_ENTRY = 'One or more parameter values were invalid';
const conditions: Shape = {
	kind: 'map',
	of: struct('Condition', { AttributeValueList: values, ComparisonOperator: string }),
	valueClass: 'com.amazonaws.dynamodb.v20120810.Condition',
	ifNull: 'The filter condition for an attribute cannot be null',
};

const common: Record<string, Shape> = {
	TableName: string,
	ReturnConsumedCapacity: string,
	ReturnValues: string,
	ReturnValuesOnConditionCheckFailure: string,
	ConditionalOperator: string,
	ExpressionAttributeNames: {
		kind: 'map',
		of: string,
		valueClass: 'java.lang.String',
		ifNull: NULL_ENTRY,
	},
	ExpressionAttributeValues: {
		kind: 'map',
		of: value,
		valueClass: AV_CLASS,
		// DynamoDB names the placeholder whose value it refuses (dynalite records the same form).
		wrap: (key, message) =>
			`ExpressionAttributeValues contains invalid value: ${message} for key ${key}`,
	},
	ProjectionExpression: string,
	FilterExpression: string,
	KeyConditionExpression: string,
	ConditionExpression: string,
	UpdateExpression: string,
	Select: string,
	IndexName: string,
	AttributesToGet: strings,
	ExclusiveStartKey: valueMap,
	Key: valueMap,
	Item: item,
	Expected: {
		kind: 'map',
		of: struct('ExpectedAttributeValue', {
			Value: value,
			AttributeValueList: values,
			ComparisonOperator: string,
		}),
		valueClass: 'com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue',
		ifNull: NULL_ENTRY,
	},
	AttributeUpdates: {
		kind: 'map',
		of: struct('AttributeValueUpdate', { Value: value, Action: string }),
		valueClass: 'com.amazonaws.dynamodb.v20120810.AttributeValueUpdate',
		ifNull: 'Supplied AttributeValueUpdate is empty, must contain one of the supported actions',
	},
	KeyConditions: conditions,
	QueryFilter: conditions,
	ScanFilter: conditions,
};

/** The shape of a transaction item's part, from the members the mapping authorizes (dynamodb-parts.ts). */
const part = (name: string): Shape =>
	struct(name, Object.fromEntries(TRANSACT_PART_MEMBERS[name]!.map((m) => [m, common[m]!])));
export const TRANSACT_PARTS: Record<string, Shape> = Object.fromEntries(
	Object.keys(TRANSACT_PART_MEMBERS).map((kind) => [kind, part(kind)]),
);

const pick = (...members: string[]) => Object.fromEntries(members.map((m) => [m, common[m]!]));
const READ = ['TableName', 'IndexName', 'Select', 'AttributesToGet', 'ConditionalOperator'];
const READ_EXPRESSIONS = ['ProjectionExpression', 'FilterExpression', 'ExclusiveStartKey'];
const PLACEHOLDERS = ['ExpressionAttributeNames', 'ExpressionAttributeValues'];
const WRITE = ['TableName', 'Expected', 'ConditionalOperator', 'ConditionExpression'];
const RETURNS = ['ReturnValues', 'ReturnConsumedCapacity', 'ReturnValuesOnConditionCheckFailure'];

/** The members each operation's request has, by name; `undefined` for operations the gateway does not map. */
export const OPERATIONS: Record<string, Record<string, Shape> | undefined> = {
	GetItem: pick(
		'TableName',
		'Key',
		'AttributesToGet',
		'ProjectionExpression',
		'ExpressionAttributeNames',
		'ReturnConsumedCapacity',
	),
	PutItem: pick('Item', ...WRITE, ...PLACEHOLDERS, ...RETURNS),
	UpdateItem: pick(
		'Key',
		'AttributeUpdates',
		'UpdateExpression',
		...WRITE,
		...PLACEHOLDERS,
		...RETURNS,
	),
	DeleteItem: pick('Key', ...WRITE, ...PLACEHOLDERS, ...RETURNS),
	Query: pick(
		...READ,
		...READ_EXPRESSIONS,
		...PLACEHOLDERS,
		'KeyConditions',
		'QueryFilter',
		'KeyConditionExpression',
		'ReturnConsumedCapacity',
	),
	Scan: pick(...READ, ...READ_EXPRESSIONS, ...PLACEHOLDERS, 'ScanFilter', 'ReturnConsumedCapacity'),
	BatchGetItem: {
		ReturnConsumedCapacity: string,
		RequestItems: {
			kind: 'map',
			of: struct('KeysAndAttributes', {
				Keys: {
					kind: 'list',
					of: valueMap,
					ifNull:
						'The list of keys in RequestItems for BatchGetItem may not contain null or empty values',
				},
				...pick('AttributesToGet', 'ProjectionExpression', 'ExpressionAttributeNames'),
			}),
			valueClass: 'com.amazonaws.dynamodb.v20120810.KeysAndAttributes',
			ifNull: NULL_ENTRY,
		},
	},
	BatchWriteItem: {
		ReturnConsumedCapacity: string,
		RequestItems: {
			kind: 'map',
			of: {
				kind: 'list',
				of: struct('WriteRequest', {
					PutRequest: struct('PutRequest', { Item: item }),
					DeleteRequest: struct('DeleteRequest', { Key: valueMap }),
				}),
				ifNull: NULL_ENTRY,
			},
			valueClass: 'java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>',
			ifNull: 'The batch write request list for a table cannot be null or empty',
		},
	},
	TransactGetItems: {
		ReturnConsumedCapacity: string,
		TransactItems: transactItems('TransactGetItem', ['Get']),
	},
	TransactWriteItems: {
		ReturnConsumedCapacity: string,
		ClientRequestToken: string,
		TransactItems: transactItems('TransactWriteItem', [
			'ConditionCheck',
			'Put',
			'Delete',
			'Update',
		]),
	},
	ExecuteStatement: { Statement: string, Parameters: values, ReturnConsumedCapacity: string },
	DescribeTable: { TableName: string },
};

function transactItems(name: string, kinds: string[]): Shape {
	const members = Object.fromEntries(kinds.map((kind) => [kind, TRANSACT_PARTS[kind]!]));
	return { kind: 'list', of: struct(name, members), ifNull: NULL_ENTRY };
}
