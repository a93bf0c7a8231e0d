import { describe, expect, it } from 'vitest';
import {
	partitionKeyValues,
	topLevelAttributes,
} from '../../../../src/lib/iam/request/dynamodb-expression';
import { S, dynamoDBMapper, meteorOnIndex as onIndex, tableArn } from './dynamodb-fixture';

const { authorizations, map, mapBody } = dynamoDBMapper();

describe('mapRequest for DynamoDB', () => {
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
				ExpressionAttributeValues: { ':one': { N: '1' }, ':z': { N: '0' } },
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
					Update: {
						TableName: 'GameScores',
						Key: key('alice'),
						UpdateExpression: 'SET Wins = :w',
						ExpressionAttributeValues: { ':w': { N: '1' } },
					},
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
				KeyConditionExpression: 'GameTitle = :g',
				FilterExpression: 'UserId = :u',
				ExpressionAttributeValues: { ':g': S('M'), ':u': S('a') },
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
			// The gateway answers DynamoDB's own words first (gateway/dynamodb-validation.test.ts).
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
		const mapped = mapBody('GetItem', '{');
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

/**
 * Issue 11, item 1: reads of the leaderboard index that returned every player's UserId. Each is now
 * either refused as DynamoDB refuses it, or authorized with `dynamodb:Attributes` naming UserId (which
 * the Leaderboard statement denies) or naming nothing (which its Null guard denies).
 */
describe('the leaderboard index variants that leaked UserId', () => {
	it.each([
		[
			'a FilterExpression',
			{ FilterExpression: 'UserId = :u' },
			['DisplayName', 'UserId', 'GameTitle'],
		],
		[
			'a FilterExpression through a name placeholder',
			{ FilterExpression: 'begins_with(#u, :u)', ExpressionAttributeNames: { '#u': 'UserId' } },
			['DisplayName', 'UserId', 'GameTitle'],
		],
		[
			'the key condition',
			{ KeyConditionExpression: 'GameTitle = :g AND UserId = :u' },
			['DisplayName', 'GameTitle', 'UserId'],
		],
	])('names UserId in dynamodb:Attributes when %s tests it', (_, extra, attributes) => {
		const [authorization] = authorizations('Query', {
			...onIndex,
			ProjectionExpression: 'DisplayName',
			ExpressionAttributeValues: { ':g': S('Meteor'), ':u': S('bob') },
			...extra,
		});
		expect(authorization.context['dynamodb:Attributes']).toEqual(attributes);
	});

	it.each([
		[
			'a legacy QueryFilter',
			{ QueryFilter: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('bob')] } } },
			['TopScore', 'UserId', 'GameTitle'],
		],
		[
			'a legacy AttributesToGet',
			{ AttributesToGet: ['TopScore', 'UserId'] },
			['TopScore', 'UserId', 'GameTitle'],
		],
	])('names UserId when %s does', (_, extra, attributes) => {
		const [authorization] = authorizations('Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditions: { GameTitle: { ComparisonOperator: 'EQ', AttributeValueList: [S('M')] } },
			AttributesToGet: ['TopScore'],
			...extra,
		});
		expect(authorization.context).toMatchObject({
			'dynamodb:Attributes': attributes,
			'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
		});
	});

	it.each([
		['no Select and no projection', {}, 'ALL_PROJECTED_ATTRIBUTES'],
		[
			'ALL_PROJECTED_ATTRIBUTES',
			{ Select: 'ALL_PROJECTED_ATTRIBUTES' },
			'ALL_PROJECTED_ATTRIBUTES',
		],
		[
			'a filter but no projection',
			{ FilterExpression: 'TopScore > :g' },
			'ALL_PROJECTED_ATTRIBUTES',
		],
	])('names no attribute for a read of whole items (%s)', (_, extra, select) => {
		const [authorization] = authorizations('Query', { ...onIndex, ...extra });
		expect(authorization.context['dynamodb:Select']).toBe(select);
		expect(authorization.context).not.toHaveProperty('dynamodb:Attributes');
	});

	it('counts the filter and key condition of a COUNT, which returns no attribute but tests them', () => {
		const [authorization] = authorizations('Query', {
			...onIndex,
			Select: 'COUNT',
			FilterExpression: 'UserId = :u',
			ExpressionAttributeValues: { ':g': S('Meteor'), ':u': S('bob') },
		});
		expect(authorization.context).toMatchObject({
			'dynamodb:Select': 'COUNT',
			'dynamodb:Attributes': ['UserId', 'GameTitle'],
		});
	});
});

describe('dynamodb:Attributes is the union of every attribute a request names', () => {
	const key = { UserId: S('alice'), GameTitle: S('M') };

	it.each([
		[
			'PutItem',
			{
				TableName: 'GameScores',
				Item: { ...key, Wins: { N: '1' } },
				ConditionExpression: 'attribute_not_exists(Secret)',
			},
			['UserId', 'GameTitle', 'Wins', 'Secret'],
		],
		[
			'PutItem',
			{
				TableName: 'GameScores',
				Item: key,
				Expected: { Secret: { Exists: false } },
			},
			['UserId', 'GameTitle', 'Secret'],
		],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				UpdateExpression: 'SET Wins = :w',
				ConditionExpression: 'Secret = :w',
				ExpressionAttributeValues: { ':w': { N: '1' } },
			},
			['UserId', 'GameTitle', 'Wins', 'Secret'],
		],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				AttributeUpdates: { Wins: { Action: 'PUT', Value: { N: '1' } } },
				Expected: { Secret: { Exists: false } },
			},
			['UserId', 'GameTitle', 'Wins', 'Secret'],
		],
		[
			'DeleteItem',
			{ TableName: 'GameScores', Key: key, ConditionExpression: 'attribute_exists(Secret)' },
			['UserId', 'GameTitle', 'Secret'],
		],
		[
			'Scan',
			{
				TableName: 'GameScores',
				ProjectionExpression: 'TopScore',
				FilterExpression: 'Secret = :s',
				ExpressionAttributeValues: { ':s': S('x') },
			},
			['TopScore', 'Secret'],
		],
		[
			'Scan',
			{
				TableName: 'GameScores',
				AttributesToGet: ['TopScore'],
				ScanFilter: { Secret: { ComparisonOperator: 'NOT_NULL' } },
			},
			['TopScore', 'Secret'],
		],
		[
			'BatchGetItem',
			{
				RequestItems: {
					GameScores: {
						Keys: [key],
						ProjectionExpression: '#s',
						ExpressionAttributeNames: { '#s': 'Secret' },
					},
				},
			},
			['Secret'],
		],
		[
			'BatchWriteItem',
			{ RequestItems: { GameScores: [{ DeleteRequest: { Key: key } }] } },
			['UserId', 'GameTitle'],
		],
	])('%s names %j', (operation, input, attributes) => {
		expect(authorizations(operation, input)[0]!.context['dynamodb:Attributes']).toEqual(attributes);
	});

	it('names every part’s attributes in a transaction, and ignores members a part does not document', () => {
		const result = authorizations('TransactWriteItems', {
			TransactItems: [
				{
					Put: {
						TableName: 'GameScores',
						Item: { ...key, Wins: { N: '1' } },
						ConditionExpression: 'attribute_not_exists(Secret)',
						// Not a TransactWriteItems member: DynamoDB ignores it, so does the gateway.
						Expected: { Other: { Exists: false } },
					},
				},
				{
					ConditionCheck: {
						TableName: 'GameScores',
						Key: { UserId: S('alice'), GameTitle: S('N') },
						ConditionExpression: '#t > :t',
						ExpressionAttributeNames: { '#t': 'TopScore' },
						ExpressionAttributeValues: { ':t': { N: '3' } },
					},
				},
			],
		});
		expect(result.map((a) => a.context['dynamodb:Attributes'])).toEqual([
			['UserId', 'GameTitle', 'Wins', 'Secret'],
			['UserId', 'GameTitle', 'TopScore'],
		]);
	});

	it('names the projection of a TransactGetItems Get, and nothing for a whole item', () => {
		const result = authorizations('TransactGetItems', {
			TransactItems: [
				{ Get: { TableName: 'GameScores', Key: key, ProjectionExpression: 'Wins' } },
				{ Get: { TableName: 'GameScores', Key: key } },
			],
		});
		expect(result.map((a) => a.context['dynamodb:Attributes'])).toEqual([['Wins'], undefined]);
	});
});
