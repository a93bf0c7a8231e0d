import { describe, expect, it } from 'vitest';
import { mapDynamoDBRequest } from '../../../sandbox/gateway/dynamodb-request';
import {
	partitionKeyValues,
	topLevelAttributes,
} from '../../../sandbox/gateway/dynamodb-expression';

const table = {
	tableName: 'GameScores',
	partitionKey: 'UserId',
	sortKey: 'GameTitle',
	indexes: { GameTitleIndex: { partitionKey: 'GameTitle', sortKey: 'TopScore' } },
};
const env = { region: 'us-east-1', accountId: '123456789012', table };
const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';
const S = (s: string) => ({ S: s });

function map(operation: string, input: unknown) {
	return mapDynamoDBRequest(
		`DynamoDB_20120810.${operation}`,
		Buffer.from(JSON.stringify(input)),
		env,
	);
}

function authorizations(operation: string, input: unknown) {
	const mapped = map(operation, input);
	if (!mapped.ok) throw new Error(`rejected: ${mapped.rejection.code} ${mapped.rejection.message}`);
	return mapped.value.authorizations;
}

describe('mapDynamoDBRequest', () => {
	it.each([
		[
			'GetItem',
			{ TableName: 'GameScores', Key: { UserId: S('alice'), GameTitle: S('Meteor') } },
			{ 'dynamodb:LeadingKeys': ['alice'] },
		],
		[
			'GetItem',
			{
				TableName: 'GameScores',
				Key: { UserId: S('alice'), GameTitle: S('M') },
				ProjectionExpression: '#w, Losses, Profile.Avatar[0]',
				ExpressionAttributeNames: { '#w': 'Wins' },
			},
			{ 'dynamodb:Attributes': ['Wins', 'Losses', 'Profile'] },
		],
		[
			'PutItem',
			{
				TableName: 'GameScores',
				Item: { UserId: S('alice'), GameTitle: S('M'), Wins: { N: '1' } },
				ReturnValues: 'ALL_OLD',
			},
			{
				'dynamodb:LeadingKeys': ['alice'],
				'dynamodb:Attributes': ['UserId', 'GameTitle', 'Wins'],
				'dynamodb:ReturnValues': 'ALL_OLD',
			},
		],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: { UserId: S('alice'), GameTitle: S('M') },
				UpdateExpression:
					'SET #w = #w + :one, TopScore = if_not_exists(TopScore, :z) REMOVE Old.Nested',
				ExpressionAttributeNames: { '#w': 'Wins' },
			},
			{ 'dynamodb:Attributes': ['UserId', 'GameTitle', 'Wins', 'TopScore', 'Old'] },
		],
		[
			'DeleteItem',
			{
				TableName: 'GameScores',
				Key: { UserId: S('alice'), GameTitle: S('M') },
				ReturnConsumedCapacity: 'TOTAL',
			},
			{ 'dynamodb:LeadingKeys': ['alice'], 'dynamodb:ReturnConsumedCapacity': 'TOTAL' },
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditionExpression: '#u = :u AND begins_with(GameTitle, :g)',
				ExpressionAttributeNames: { '#u': 'UserId' },
				ExpressionAttributeValues: { ':u': S('alice'), ':g': S('M') },
			},
			{ 'dynamodb:LeadingKeys': ['alice'], 'dynamodb:Select': 'ALL_ATTRIBUTES' },
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditions: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('bob')] } },
			},
			{ 'dynamodb:LeadingKeys': ['bob'] },
		],
	])('%s carries the documented condition keys', (operation, input, context) => {
		const [authorization] = authorizations(operation, input);
		expect(authorization).toMatchObject({
			action: `dynamodb:${operation}`,
			resource: tableArn,
			context,
		});
	});

	it('authorizes a Query on an index against the index ARN, with the index partition key as LeadingKeys', () => {
		const [authorization] = authorizations('Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			ExpressionAttributeValues: { ':g': S('Meteor') },
			ProjectionExpression: 'GameTitle, TopScore',
		});
		expect(authorization).toEqual({
			action: 'dynamodb:Query',
			resource: `${tableArn}/index/GameTitleIndex`,
			context: {
				'dynamodb:LeadingKeys': ['Meteor'],
				'dynamodb:Attributes': ['GameTitle', 'TopScore'],
				'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
			},
		});
	});

	it('defaults Select on an index to ALL_PROJECTED_ATTRIBUTES, as DynamoDB does', () => {
		const [authorization] = authorizations('Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			ExpressionAttributeValues: { ':g': S('M') },
		});
		expect(authorization.context['dynamodb:Select']).toBe('ALL_PROJECTED_ATTRIBUTES');
	});

	it('authorizes BatchGetItem once per table with every partition key value in LeadingKeys', () => {
		const result = authorizations('BatchGetItem', {
			RequestItems: {
				GameScores: {
					Keys: [
						{ UserId: S('alice'), GameTitle: S('A') },
						{ UserId: S('bob'), GameTitle: S('A') },
						{ UserId: S('alice'), GameTitle: S('B') },
					],
				},
			},
		});
		expect(result).toEqual([
			{
				action: 'dynamodb:BatchGetItem',
				resource: tableArn,
				context: { 'dynamodb:LeadingKeys': ['alice', 'bob'] },
			},
		]);
	});

	it('authorizes BatchWriteItem puts and deletes together, with the put attributes', () => {
		const [authorization] = authorizations('BatchWriteItem', {
			RequestItems: {
				GameScores: [
					{ PutRequest: { Item: { UserId: S('alice'), GameTitle: S('A'), Wins: { N: '1' } } } },
					{ DeleteRequest: { Key: { UserId: S('bob'), GameTitle: S('A') } } },
				],
			},
		});
		expect(authorization.context).toEqual({
			'dynamodb:LeadingKeys': ['alice', 'bob'],
			'dynamodb:Attributes': ['UserId', 'GameTitle', 'Wins'],
		});
	});

	it('authorizes each transaction item as the single-item action it performs', () => {
		const key = (u: string) => ({ UserId: S(u), GameTitle: S('A') });
		const result = authorizations('TransactWriteItems', {
			TransactItems: [
				{ Put: { TableName: 'GameScores', Item: key('alice') } },
				{
					Update: { TableName: 'GameScores', Key: key('alice'), UpdateExpression: 'SET Wins = :w' },
				},
				{ Delete: { TableName: 'GameScores', Key: key('bob') } },
				{
					ConditionCheck: {
						TableName: 'GameScores',
						Key: key('carol'),
						ConditionExpression: 'attribute_exists(UserId)',
					},
				},
			],
		});
		expect(result.map((a) => [a.action, a.context['dynamodb:LeadingKeys']])).toEqual([
			['dynamodb:PutItem', ['alice']],
			['dynamodb:UpdateItem', ['alice']],
			['dynamodb:DeleteItem', ['bob']],
			['dynamodb:ConditionCheckItem', ['carol']],
		]);
		const gets = authorizations('TransactGetItems', {
			TransactItems: [
				{ Get: { TableName: 'GameScores', Key: key('alice') } },
				{ Get: { TableName: 'GameScores', Key: key('bob') } },
			],
		});
		expect(gets.map((a) => a.action)).toEqual(['dynamodb:GetItem', 'dynamodb:GetItem']);
	});

	it.each([
		['SELECT * FROM "GameScores" WHERE UserId = \'bob\'', 'dynamodb:PartiQLSelect', tableArn],
		[
			'select GameTitle from "GameScores"."GameTitleIndex"',
			'dynamodb:PartiQLSelect',
			`${tableArn}/index/GameTitleIndex`,
		],
		["INSERT INTO GameScores VALUE {'UserId': 'bob'}", 'dynamodb:PartiQLInsert', tableArn],
		['UPDATE "GameScores" SET Wins = 1 WHERE UserId = \'bob\'', 'dynamodb:PartiQLUpdate', tableArn],
		['DELETE FROM "GameScores" WHERE UserId = \'bob\'', 'dynamodb:PartiQLDelete', tableArn],
	])('maps ExecuteStatement %j to %s', (Statement, action, resource) => {
		expect(authorizations('ExecuteStatement', { Statement })).toEqual([
			{ action, resource, context: {} },
		]);
	});

	it.each([
		[
			'Scan',
			{ TableName: 'GameScores' },
			{ action: 'dynamodb:Scan', context: { 'dynamodb:Select': 'ALL_ATTRIBUTES' } },
		],
		[
			'DescribeTable',
			{ TableName: 'GameScores' },
			{ action: 'dynamodb:DescribeTable', context: {} },
		],
		[
			'GetItem',
			{ TableName: tableArn, Key: { UserId: S('a'), GameTitle: S('b') } },
			{ action: 'dynamodb:GetItem', resource: tableArn },
		],
	])('maps %s', (operation, input, expected) => {
		expect(authorizations(operation, input)[0]).toMatchObject(expected);
	});

	it.each([
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditionExpression: 'begins_with(UserId, :u)',
				ExpressionAttributeValues: { ':u': S('a') },
			},
			'Query condition missed key schema element: UserId',
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				FilterExpression: 'UserId = :u',
				ExpressionAttributeValues: { ':u': S('a') },
			},
			'Query condition missed key schema element: UserId',
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditionExpression: 'UserId = :a OR UserId = :b',
				ExpressionAttributeValues: { ':a': S('a'), ':b': S('b') },
			},
			'Query condition missed key schema element: UserId',
		],
		[
			'GetItem',
			{ TableName: 'GameScores', Key: { GameTitle: S('x') } },
			'The provided key element does not match the schema',
		],
		[
			'PutItem',
			{ TableName: 'GameScores', Item: { GameTitle: S('x') } },
			'One or more parameter values were invalid: Missing the key UserId in the item',
		],
		[
			'BatchGetItem',
			{ RequestItems: { GameScores: { Keys: [{ UserId: S('a') }, { GameTitle: S('x') }] } } },
			'The provided key element does not match the schema',
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				IndexName: 'Nope',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': S('x') },
			},
			'The table does not have the specified index: Nope',
		],
	])(
		'refuses %s whose partition key it cannot determine (never forwards an absent LeadingKeys)',
		(operation, input, message) => {
			const mapped = map(operation, input);
			expect(!mapped.ok && mapped.rejection).toEqual({
				status: 400,
				code: 'ValidationException',
				message,
			});
		},
	);

	it.each([
		'ListTables',
		'CreateTable',
		'DeleteTable',
		'BatchExecuteStatement',
		'ExecuteTransaction',
		'RestoreTableFromBackup',
	])('denies the unmapped operation %s without forwarding it', (operation) => {
		const mapped = map(operation, { TableName: 'GameScores' });
		expect(!mapped.ok && mapped.rejection).toMatchObject({
			status: 400,
			code: 'AccessDeniedException',
		});
	});

	it('answers a body that is not JSON with SerializationException', () => {
		const mapped = mapDynamoDBRequest('DynamoDB_20120810.GetItem', Buffer.from('{'), env);
		expect(!mapped.ok && mapped.rejection.code).toBe('SerializationException');
	});
});

describe('expressions', () => {
	it.each([
		['#a = :v', { '#a': 'UserId' }, ['alice']],
		[':v = UserId AND GameTitle BETWEEN :x AND :y', undefined, ['alice']],
		['(UserId = :v) AND (GameTitle = :x)', undefined, ['alice']],
		['UserId = :v AND UserId = :w', undefined, ['alice', 'bob']],
		['UserId > :v', undefined, null],
		['GameTitle = :x', undefined, null],
	])('partitionKeyValues(%j)', (expression, names, expected) => {
		const values = { ':v': S('alice'), ':w': S('bob'), ':x': S('x'), ':y': S('y') };
		expect(partitionKeyValues(expression, 'UserId', names, values)).toEqual(expected);
	});

	it('reads the top-level names of a projection, skipping nested elements and functions', () => {
		expect(topLevelAttributes('a.b, #c[1].d, size', { '#c': 'C' })).toEqual(['a', 'C', 'size']);
		expect(
			topLevelAttributes('SET x = list_append(y, :v) ADD z :n DELETE s :t', undefined),
		).toEqual(['x', 'y', 'z', 's']);
	});
});

describe('attributes a read touches', () => {
	it('counts the attributes a FilterExpression tests, so a filter cannot probe a hidden attribute', () => {
		const [authorization] = authorizations('Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			FilterExpression: '#u = :bob AND NOT attribute_exists(Secret) OR TopScore BETWEEN :a AND :b',
			ExpressionAttributeNames: { '#u': 'UserId' },
			ExpressionAttributeValues: {
				':g': S('M'),
				':bob': S('bob'),
				':a': { N: '1' },
				':b': { N: '2' },
			},
			ProjectionExpression: 'GameTitle, TopScore',
		});
		expect(authorization.context['dynamodb:Attributes']).toEqual([
			'GameTitle',
			'TopScore',
			'UserId',
			'Secret',
		]);
	});
});
