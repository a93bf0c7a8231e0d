/**
 * DynamoDB's parameter rules, decided by the gateway before it authorizes: every case here is a request
 * real DynamoDB refuses with a ValidationException, answered with DynamoDB's own words (sources are cited
 * in sandbox/gateway/dynamodb-validation.ts).
 */
import { describe, expect, it } from 'vitest';
import { meteorOnIndex } from '../iam/request/dynamodb-fixture';
import { S, rejection } from './dynamodb-fixture';

const key = { UserId: S('alice'), GameTitle: S('M') };
const query = {
	TableName: 'GameScores',
	KeyConditionExpression: 'UserId = :u',
	ExpressionAttributeValues: { ':u': S('alice') },
};
const onIndex = {
	TableName: 'GameScores',
	IndexName: 'GameTitleIndex',
	KeyConditionExpression: 'GameTitle = :g',
	ExpressionAttributeValues: { ':g': S('M') },
};
const mixed = (legacy: string, expression: string) =>
	`Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy}} Expression parameters: {${expression}}`;

function refused(operation: string, input: unknown, message: string) {
	expect(rejection(operation, input)).toEqual({
		status: 400,
		code: 'ValidationException',
		message,
	});
}

describe('Select against the projection', () => {
	it.each([
		[
			'Query',
			{ ...onIndex, Select: 'SPECIFIC_ATTRIBUTES' },
			'1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
		],
		[
			'Scan',
			{ TableName: 'GameScores', Select: 'SPECIFIC_ATTRIBUTES' },
			'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
		],
		[
			'Query',
			{ ...onIndex, Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'TopScore' },
			'1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES',
		],
		[
			'Query',
			{ ...onIndex, Select: 'ALL_PROJECTED_ATTRIBUTES', ProjectionExpression: 'TopScore' },
			'1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES',
		],
		[
			'Scan',
			{ TableName: 'GameScores', Select: 'COUNT', ProjectionExpression: 'TopScore' },
			'Cannot specify the ProjectionExpression when choosing to get only the Count',
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				Select: 'COUNT',
				AttributesToGet: ['TopScore'],
				KeyConditions: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('a')] } },
			},
			'1 validation error detected: Cannot specify the AttributesToGet when choosing to get only the Count',
		],
		[
			'Query',
			{ ...query, Select: 'ALL_PROJECTED_ATTRIBUTES' },
			'1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
		],
		[
			'Scan',
			{ TableName: 'GameScores', Select: 'ALL_PROJECTED_ATTRIBUTES' },
			'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
		],
		[
			'Query',
			{ ...onIndex, Select: 'specific_attributes', ProjectionExpression: 'TopScore' },
			"1 validation error detected: Value 'specific_attributes' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
		],
	])('%s %j', (operation, input, message) => refused(operation, input, message));

	it.each([
		[{ ...onIndex, Select: 'SPECIFIC_ATTRIBUTES', ProjectionExpression: 'TopScore' }],
		[{ ...onIndex, Select: 'ALL_PROJECTED_ATTRIBUTES' }],
		[{ ...onIndex, Select: 'COUNT' }],
		[{ ...query, Select: 'ALL_ATTRIBUTES' }],
	])('accepts %j', (input) => {
		expect(rejection('Query', input)).toBeUndefined();
	});
});

describe('legacy and expression parameters never mix', () => {
	it.each([
		[
			'Query',
			{
				...query,
				QueryFilter: { Wins: { ComparisonOperator: 'NOT_NULL' } },
			},
			mixed('QueryFilter', 'KeyConditionExpression'),
		],
		[
			'Query',
			{ ...onIndex, ProjectionExpression: 'TopScore', AttributesToGet: ['TopScore'] },
			mixed('AttributesToGet', 'ProjectionExpression, KeyConditionExpression'),
		],
		[
			'Query',
			{
				...query,
				KeyConditions: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('alice')] } },
			},
			mixed('KeyConditions', 'KeyConditionExpression'),
		],
		[
			'Query',
			{
				...query,
				FilterExpression: 'Wins > :u',
				ConditionalOperator: 'AND',
			},
			mixed('ConditionalOperator', 'FilterExpression, KeyConditionExpression'),
		],
		[
			'Scan',
			{
				TableName: 'GameScores',
				FilterExpression: 'Wins > :w',
				ExpressionAttributeValues: { ':w': { N: '1' } },
				ScanFilter: { Losses: { ComparisonOperator: 'NOT_NULL' } },
			},
			mixed('ScanFilter', 'FilterExpression'),
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: key,
				AttributesToGet: ['Wins'],
				ProjectionExpression: 'Wins',
			},
			mixed('AttributesToGet', 'ProjectionExpression'),
		],
		[
			'PutItem',
			{
				TableName: 'GameScores',
				Item: key,
				Expected: { Wins: { Exists: false } },
				ConditionExpression: 'attribute_not_exists(Wins)',
			},
			mixed('Expected', 'ConditionExpression'),
		],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				AttributeUpdates: { Wins: { Action: 'PUT', Value: { N: '1' } } },
				UpdateExpression: 'SET Losses = :l',
				ExpressionAttributeValues: { ':l': { N: '1' } },
			},
			mixed('AttributeUpdates', 'UpdateExpression'),
		],
		[
			'DeleteItem',
			{
				TableName: 'GameScores',
				Key: key,
				Expected: { Wins: { Exists: false } },
				ConditionExpression: 'attribute_not_exists(Wins)',
			},
			mixed('Expected', 'ConditionExpression'),
		],
		[
			'BatchGetItem',
			{
				RequestItems: {
					GameScores: { Keys: [key], AttributesToGet: ['Wins'], ProjectionExpression: 'Wins' },
				},
			},
			mixed('AttributesToGet', 'ProjectionExpression'),
		],
	])('%s %j', (operation, input, message) => refused(operation, input, message));

	it('accepts legacy KeyConditions beside a FilterExpression, as DynamoDB does', () => {
		expect(
			rejection('Query', {
				TableName: 'GameScores',
				KeyConditions: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('alice')] } },
				FilterExpression: 'Wins > :w',
				ExpressionAttributeValues: { ':w': { N: '1' } },
			}),
		).toBeUndefined();
	});
});

describe('expression placeholders are defined and used', () => {
	it.each([
		[
			'GetItem',
			{ TableName: 'GameScores', Key: key, ProjectionExpression: '#u' },
			'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #u',
		],
		[
			'Query',
			{ ...onIndex, ProjectionExpression: 'TopScore', FilterExpression: 'DisplayName = :n' },
			'Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :n',
		],
		[
			'UpdateItem',
			{ TableName: 'GameScores', Key: key, UpdateExpression: 'SET Wins = :w' },
			'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :w',
		],
		[
			'Query',
			{
				...onIndex,
				ProjectionExpression: 'TopScore',
				ExpressionAttributeNames: { '#u': 'UserId' },
			},
			'Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}',
		],
		[
			'PutItem',
			{
				TableName: 'GameScores',
				Item: key,
				ConditionExpression: 'attribute_not_exists(Wins)',
				ExpressionAttributeValues: { ':u': S('x') },
			},
			'Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}',
		],
		[
			'GetItem',
			{ TableName: 'GameScores', Key: key, ExpressionAttributeNames: { '#u': 'UserId' } },
			'ExpressionAttributeNames can only be specified when using expressions',
		],
		[
			'DeleteItem',
			{ TableName: 'GameScores', Key: key, ExpressionAttributeValues: { ':u': S('x') } },
			'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null',
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: key,
				ProjectionExpression: 'Wins',
				ExpressionAttributeNames: {},
			},
			'ExpressionAttributeNames must not be empty',
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: key,
				ProjectionExpression: 'Wins',
				ExpressionAttributeNames: { u: 'UserId' },
			},
			'ExpressionAttributeNames contains invalid key: Syntax error; key: "u"',
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: key,
				ProjectionExpression: `#${'n'.repeat(255)}`,
				ExpressionAttributeNames: { [`#${'n'.repeat(255)}`]: 'Wins' },
			},
			'ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256',
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: key,
				ProjectionExpression: '#w',
				ExpressionAttributeNames: { '#w': '' },
			},
			'ExpressionAttributeNames contains invalid value: Empty attribute name for key #w',
		],
		[
			'GetItem',
			{ TableName: 'GameScores', Key: key, ProjectionExpression: '' },
			'Invalid ProjectionExpression: The expression can not be empty;',
		],
	])('%s %j', (operation, input, message) => refused(operation, input, message));

	it('checks each part of a transaction', () => {
		refused(
			'TransactWriteItems',
			{
				TransactItems: [
					{ Put: { TableName: 'GameScores', Item: key } },
					{ Delete: { TableName: 'GameScores', Key: key, ConditionExpression: '#s = :s' } },
				],
			},
			'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #s',
		);
	});
});

describe('expressions are at most 4 KB', () => {
	const pad = (bytes: number) => 'a'.repeat(bytes);

	it.each([
		['ProjectionExpression', pad(4096), undefined],
		[
			'ProjectionExpression',
			pad(4097),
			'Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
		],
		// Counted in UTF-8 bytes, not characters: 2,049 two-byte characters.
		[
			'ProjectionExpression',
			`#${'é'.repeat(2048)}`,
			'Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
		],
	])('GetItem %s of %#', (parameter, expression, message) => {
		const input = { TableName: 'GameScores', Key: key, [parameter]: expression };
		expect(rejection('GetItem', input)?.message).toBe(message);
	});

	it('refuses an UpdateExpression over 4 KB in DynamoDB’s words for it', () => {
		refused(
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				UpdateExpression: `SET ${pad(4090)} = :v`,
				ExpressionAttributeValues: { ':v': S('x') },
			},
			'Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;',
		);
	});

	it('refuses a FilterExpression and a ConditionExpression over 4 KB', () => {
		const long = Array.from({ length: 400 }, (_, i) => `a${i} = :v`).join(' OR ');
		refused(
			'Scan',
			{
				TableName: 'GameScores',
				FilterExpression: long,
				ExpressionAttributeValues: { ':v': S('x') },
			},
			`Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: ${long.length}`,
		);
		refused(
			'TransactWriteItems',
			{
				TransactItems: [
					{
						ConditionCheck: {
							TableName: 'GameScores',
							Key: key,
							ConditionExpression: long,
							ExpressionAttributeValues: { ':v': S('x') },
						},
					},
				],
			},
			`Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: ${long.length}`,
		);
	});
});

describe('a Query with no key condition', () => {
	it("is refused in DynamoDB's own words before the mapping reads its partition key", () => {
		// dynalite records the same answer.
		refused(
			'Query',
			{
				TableName: 'GameScores',
				FilterExpression: 'UserId = :u',
				ExpressionAttributeValues: { ':u': S('a') },
			},
			'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
		);
	});
});

/**
 * Issue 11, item 1: reads of the leaderboard index that returned every player's UserId. These are refused
 * as DynamoDB refuses them; the others are authorized with `dynamodb:Attributes` naming UserId or nothing
 * (tests/unit/iam/request/dynamodb-request.test.ts).
 */
describe('the leaderboard index variants that leaked UserId', () => {
	const specificNeedsProjection =
		'1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES';

	it.each([
		['SPECIFIC_ATTRIBUTES with no projection', { ...meteorOnIndex, Select: 'SPECIFIC_ATTRIBUTES' }],
		[
			'legacy KeyConditions without AttributesToGet',
			{
				TableName: 'GameScores',
				IndexName: 'GameTitleIndex',
				Select: 'SPECIFIC_ATTRIBUTES',
				KeyConditions: {
					GameTitle: { ComparisonOperator: 'EQ', AttributeValueList: [S('Meteor')] },
				},
			},
		],
		[
			'SPECIFIC_ATTRIBUTES with only a FilterExpression on DisplayName',
			{
				...meteorOnIndex,
				Select: 'SPECIFIC_ATTRIBUTES',
				FilterExpression: 'DisplayName = :n',
				ExpressionAttributeValues: { ':g': S('Meteor'), ':n': S('bob') },
			},
		],
	])('refuses %s as DynamoDB does, before authorizing', (_, input) => {
		expect(rejection('Query', input)).toEqual({
			status: 400,
			code: 'ValidationException',
			message: specificNeedsProjection,
		});
	});
});

describe('ReturnValuesOnConditionCheckFailure (issue 13)', () => {
	const enumOf = (value: string, member: string) =>
		`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`;
	const item = { ...key, Wins: { N: '1' } };

	it.each([
		['PutItem', { TableName: 'GameScores', Item: item }],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				UpdateExpression: 'SET Wins = :w',
				ExpressionAttributeValues: { ':w': { N: '2' } },
			},
		],
		['DeleteItem', { TableName: 'GameScores', Key: key }],
	])('%s: refuses any value but ALL_OLD and NONE, before authorizing', (operation, input) => {
		for (const value of ['ALL_NEW', 'UPDATED_OLD', 'all_old', ''])
			refused(
				operation,
				{ ...input, ReturnValuesOnConditionCheckFailure: value },
				enumOf(value, 'returnValuesOnConditionCheckFailure'),
			);
		for (const value of ['ALL_OLD', 'NONE'])
			expect(
				rejection(operation, { ...input, ReturnValuesOnConditionCheckFailure: value }),
			).toBeUndefined();
	});

	it('names the transaction part in the message, counting from 1', () => {
		refused(
			'TransactWriteItems',
			{
				TransactItems: [
					{ Put: { TableName: 'GameScores', Item: item } },
					{
						ConditionCheck: {
							TableName: 'GameScores',
							Key: key,
							ConditionExpression: 'attribute_exists(Wins)',
							ReturnValuesOnConditionCheckFailure: 'ALL_NEW',
						},
					},
				],
			},
			enumOf(
				'ALL_NEW',
				'transactItems.2.member.conditionCheck.returnValuesOnConditionCheckFailure',
			),
		);
	});

	it('is no member of GetItem, whose value DynamoDB ignores', () => {
		expect(
			rejection('GetItem', {
				TableName: 'GameScores',
				Key: key,
				ReturnValuesOnConditionCheckFailure: 'ALL_NEW',
			}),
		).toBeUndefined();
	});

	it.each([
		['PutItem', { TableName: 'GameScores', Item: item, ReturnValuesOnConditionCheckFailure: 1 }],
		[
			'TransactWriteItems',
			{ ClientRequestToken: 7, TransactItems: [{ Put: { TableName: 'GameScores', Item: item } }] },
		],
	])('%s: a member of the wrong type is a SerializationException', (operation, input) => {
		expect(rejection(operation, input)).toMatchObject({
			status: 400,
			code: 'SerializationException',
		});
	});
});
