/**
 * Issue 11, item 1: every way alice tried to read bob's `sub` (his UserId) out of the public leaderboard
 * index, with the answer the sandbox gives each (leaderboard-leak.test.ts), and the reads that are allowed.
 * Shared with inspector-agrees.test.ts, which checks the inspector explains each as the gateway decided.
 */
import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { playerPartition } from '../../src/lib/config/data-layout';

export const TableName = 'GameScores';
const IndexName = 'GameTitleIndex';
const indexArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex';
/** The partition key value of a player's items at the sandbox's first provider (`oidc1/bob`). */
export const partitionOf = (player: string) => playerPartition({ segment: 'oidc1', id: player });

const meteor = {
	TableName,
	IndexName,
	KeyConditionExpression: 'GameTitle = :g',
	ExpressionAttributeValues: { ':g': { S: 'Meteor' } },
};
const legacyMeteor = {
	TableName,
	IndexName,
	KeyConditions: {
		GameTitle: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'Meteor' }] },
	},
};
const bobValue = { ':g': { S: 'Meteor' }, ':u': { S: partitionOf('bob') } };
const denied = {
	name: 'AccessDeniedException',
	status: 400,
	message: `User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: dynamodb:Query on resource: ${indexArn} because no identity-based policy allows the dynamodb:Query action`,
};
const invalid = (message: string) => ({ name: 'ValidationException', status: 400, message });
const SPECIFIC_NEEDS_PROJECTION = invalid(
	'1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
);

/** Each attempt, with the answer alice gets: refused as DynamoDB refuses it, or denied by IAM. */
export const LEAK_ATTEMPTS: [string, QueryCommandInput, object][] = [
	[
		'SPECIFIC_ATTRIBUTES with no projection',
		{ ...meteor, Select: 'SPECIFIC_ATTRIBUTES' },
		SPECIFIC_NEEDS_PROJECTION,
	],
	[
		'legacy KeyConditions with SPECIFIC_ATTRIBUTES and no AttributesToGet',
		{ ...legacyMeteor, Select: 'SPECIFIC_ATTRIBUTES' },
		SPECIFIC_NEEDS_PROJECTION,
	],
	['legacy KeyConditions without AttributesToGet', legacyMeteor, denied],
	[
		'SPECIFIC_ATTRIBUTES with only a FilterExpression on DisplayName',
		{
			...meteor,
			Select: 'SPECIFIC_ATTRIBUTES',
			FilterExpression: 'DisplayName = :n',
			ExpressionAttributeValues: { ':g': { S: 'Meteor' }, ':n': { S: 'Bobby Tables' } },
		},
		SPECIFIC_NEEDS_PROJECTION,
	],
	[
		'a FilterExpression on UserId',
		{
			...meteor,
			ProjectionExpression: 'TopScore',
			FilterExpression: 'UserId = :u',
			ExpressionAttributeValues: bobValue,
		},
		denied,
	],
	[
		'a FilterExpression on UserId through a name placeholder',
		{
			...meteor,
			Select: 'SPECIFIC_ATTRIBUTES',
			ProjectionExpression: 'DisplayName',
			FilterExpression: 'begins_with(#u, :u)',
			ExpressionAttributeNames: { '#u': 'UserId' },
			ExpressionAttributeValues: bobValue,
		},
		denied,
	],
	[
		'a key condition naming UserId',
		{
			...meteor,
			KeyConditionExpression: 'GameTitle = :g AND UserId = :u',
			ProjectionExpression: 'TopScore',
			ExpressionAttributeValues: bobValue,
		},
		denied,
	],
	[
		'a Select COUNT filtered on UserId (a yes/no oracle for a sub)',
		{
			...meteor,
			Select: 'COUNT',
			FilterExpression: 'UserId = :u',
			ExpressionAttributeValues: bobValue,
		},
		denied,
	],
	[
		'legacy AttributesToGet naming UserId',
		{ ...legacyMeteor, AttributesToGet: ['TopScore', 'UserId'] },
		denied,
	],
	[
		'a legacy QueryFilter on UserId',
		{
			...legacyMeteor,
			AttributesToGet: ['TopScore'],
			QueryFilter: {
				UserId: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: partitionOf('bob') }] },
			},
		},
		denied,
	],
	['all projected attributes', { ...meteor, Select: 'ALL_PROJECTED_ATTRIBUTES' }, denied],
	[
		'a projection and AttributesToGet together',
		{ ...meteor, ProjectionExpression: 'TopScore', AttributesToGet: ['UserId'] },
		invalid(
			'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression, KeyConditionExpression}',
		),
	],
	[
		'a name placeholder nobody defined',
		{ ...meteor, ProjectionExpression: 'TopScore, #u' },
		invalid(
			'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #u',
		),
	],
	[
		'an unused name placeholder for UserId',
		{ ...meteor, ProjectionExpression: 'TopScore', ExpressionAttributeNames: { '#u': 'UserId' } },
		invalid('Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}'),
	],
];

/** Reads of the index that are allowed, and answer with public attributes only. */
export const PUBLIC_READS: [string, QueryCommandInput][] = [
	[
		'the app’s own leaderboard query',
		{
			...meteor,
			Select: 'SPECIFIC_ATTRIBUTES',
			ProjectionExpression: 'DisplayName, TopScore, TopScoreDateTime',
			ScanIndexForward: false,
		},
	],
	[
		'legacy KeyConditions with public AttributesToGet',
		{ ...legacyMeteor, AttributesToGet: ['DisplayName', 'TopScore'] },
	],
	[
		'a filter on a public attribute',
		{
			...meteor,
			ProjectionExpression: 'DisplayName, TopScore',
			FilterExpression: 'TopScoreDateTime > :t',
			ExpressionAttributeValues: { ':g': { S: 'Meteor' }, ':t': { S: '2025' } },
		},
	],
];
