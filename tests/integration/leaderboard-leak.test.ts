/**
 * Issue 11, item 1, over HTTP with the real SDK: alice tries every way she can think of to read bob's
 * `sub` (his UserId) out of the public leaderboard index. Each attempt is refused as real DynamoDB refuses
 * it, or denied by the role's Leaderboard statement; what is allowed answers without anyone's UserId.
 */
import {
	QueryCommand,
	type DynamoDBClient,
	type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { playerPartition } from '../../src/lib/config/data-layout';
import {
	destroyClients,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';

const TableName = 'GameScores';
const IndexName = 'GameTitleIndex';
const indexArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex';
/** The partition key value of a player's items at the sandbox's first provider (`oidc1/bob`). */
const partitionOf = (player: string) => playerPartition({ segment: 'oidc1', id: player });

let sandbox: Sandbox;
let alice: PlayerClients;
let bob: PlayerClients;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	[alice, bob] = await Promise.all([
		playerClients(sandbox, 'alice'),
		playerClients(sandbox, 'bob'),
	]);
	for (const [player, clients, score] of [
		['alice', alice, 10],
		['bob', bob, 20],
	] as const) {
		await clients.doc.send(
			new PutCommand({
				TableName,
				Item: {
					UserId: partitionOf(player),
					GameTitle: 'Meteor',
					TopScore: score,
					TopScoreDateTime: '2026-01-01T00:00:00Z',
					DisplayName: player === 'bob' ? 'Bobby Tables' : 'Alice A.',
				},
			}),
		);
	}
});

afterAll(async () => {
	destroyClients(alice, bob);
	await sandbox?.close();
});

/** What alice got back — the answer or the error — as text, to search for bob's UserId. */
async function outcome(client: DynamoDBClient, input: QueryCommandInput) {
	try {
		const answer = await client.send(new QueryCommand(input));
		return { ok: true as const, text: JSON.stringify(answer), answer };
	} catch (error) {
		const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
		const failure = { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
		return { ok: false as const, text: JSON.stringify(failure), failure };
	}
}

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

describe('alice cannot read bob’s UserId through the leaderboard index', () => {
	it.each<[string, QueryCommandInput, object]>([
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
	])('%s', async (_, input, expected) => {
		const answer = await outcome(alice.dynamodb, input);
		expect(answer.ok ? answer.answer : answer.failure).toEqual(expected);
		expect(answer.text).not.toContain(`"${partitionOf('bob')}"`);
		expect(answer.text).not.toContain('UserId"');
	});

	it.each<[string, QueryCommandInput]>([
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
	])('answers %s with public attributes only', async (_, input) => {
		const answer = await outcome(alice.dynamodb, input);
		expect(answer.ok).toBe(true);
		expect(answer.text).toContain('Bobby Tables');
		expect(answer.text).not.toContain(`"${partitionOf('bob')}"`);
		expect(answer.text).not.toContain('UserId');
	});
});
