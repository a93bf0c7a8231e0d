import { describe, expect, it } from 'vitest';
import { loadInfra } from '../../../sandbox/infra';
import { parsePolicy, type PolicySet } from '../../../src/lib/iam';
import { explainDenial } from '../../../src/lib/inspector/explain-denial';
import {
	requestContextFromSdkInput,
	type SessionIdentity,
} from '../../../src/lib/inspector/request-context';

// The policies that deploy (infra/fedplay.template.json), resolved with sandbox values.
const infra = loadInfra({
	accountId: '123456789012',
	region: 'us-east-1',
	providers: [{ url: 'http://localhost:4000', clientId: 'fedplay-web' }],
	bucketName: 'fedplay-game-data',
	tableName: 'GameScores',
});
const role = infra.roles[0];
if (!role) throw new Error('the template defines no role');
const rolePolicies: PolicySet = { identity: role.permissionPolicies };

const alice: SessionIdentity = {
	principal: `arn:aws:sts::123456789012:assumed-role/${role.name}/alice`,
	provider: 'localhost:4000',
	sub: 'alice',
	aud: 'fedplay-web',
	segment: 'oidc1',
	accountId: '123456789012',
	region: 'us-east-1',
};

const ALICE = { segment: 'oidc1', id: 'alice' };

function only(service: string, operation: string, input: unknown) {
	const [request, ...rest] = requestContextFromSdkInput(service, operation, input, alice);
	if (!request || rest.length > 0) throw new Error('expected exactly one authorization');
	return request;
}

describe('requestContextFromSdkInput', () => {
	it.each([
		[
			'S3',
			'GetObject',
			{ Bucket: 'b', Key: 'players/alice/profile.json' },
			's3:GetObject',
			'arn:aws:s3:::b/players/alice/profile.json',
		],
		['S3', 'HeadObject', { Bucket: 'b', Key: 'k' }, 's3:GetObject', 'arn:aws:s3:::b/k'],
		['S3', 'PutObject', { Bucket: 'b', Key: 'k', Body: 'x' }, 's3:PutObject', 'arn:aws:s3:::b/k'],
		['S3', 'DeleteObject', { Bucket: 'b', Key: 'k' }, 's3:DeleteObject', 'arn:aws:s3:::b/k'],
		[
			'S3',
			'ListObjectsV2',
			{ Bucket: 'b', Prefix: 'players/alice/' },
			's3:ListBucket',
			'arn:aws:s3:::b',
		],
		[
			'DynamoDB',
			'GetItem',
			{ TableName: 'GameScores', Key: { UserId: { S: 'alice' }, GameTitle: { S: 'Token Rush' } } },
			'dynamodb:GetItem',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores',
		],
		[
			'DynamoDB',
			'Query',
			{
				TableName: 'GameScores',
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': 'Token Rush' },
			},
			'dynamodb:Query',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex',
		],
	])('maps %s %s to %s', (service, operation, input, action, resource) => {
		const request = only(service, operation, input);
		expect(request).toMatchObject({ principal: alice.principal, action, resource });
		expect(request.context['localhost:4000:sub']).toBe('alice');
	});

	it('reads LeadingKeys from typed and document-client keys alike', () => {
		const typed = only('DynamoDB', 'PutItem', {
			TableName: 'GameScores',
			Item: { UserId: { S: 'bob' }, Wins: { N: '1' } },
		});
		const plain = only('DynamoDB', 'UpdateItem', {
			TableName: 'GameScores',
			Key: { UserId: 'bob', GameTitle: 'Token Rush' },
		});
		expect(typed.context['dynamodb:LeadingKeys']).toEqual(['bob']);
		expect(typed.context['dynamodb:Attributes']).toEqual(['UserId', 'Wins']);
		expect(plain.context['dynamodb:LeadingKeys']).toEqual(['bob']);
	});

	it('reads the partition key of a Query from its KeyConditionExpression, with names', () => {
		const request = only('DynamoDB', 'Query', {
			TableName: 'GameScores',
			KeyConditionExpression: '#pk = :u AND GameTitle = :g',
			ExpressionAttributeNames: { '#pk': 'UserId' },
			ExpressionAttributeValues: { ':u': { S: 'carol' }, ':g': { S: 'Token Rush' } },
		});
		expect(request.context['dynamodb:LeadingKeys']).toEqual(['carol']);
	});

	it('maps BatchGetItem to all its partition keys and TransactWriteItems to one authorization per item', () => {
		const [batch] = requestContextFromSdkInput(
			'DynamoDB',
			'BatchGetItem',
			{
				RequestItems: {
					GameScores: { Keys: [{ UserId: 'alice' }, { UserId: 'bob' }, { UserId: 'alice' }] },
				},
			},
			alice,
		);
		const transact = requestContextFromSdkInput(
			'DynamoDB',
			'TransactWriteItems',
			{
				TransactItems: [
					{ Put: { TableName: 'GameScores', Item: { UserId: 'alice', GameTitle: 'a' } } },
					{ Update: { TableName: 'GameScores', Key: { UserId: 'alice', GameTitle: 'b' } } },
				],
			},
			alice,
		);
		expect(batch?.context['dynamodb:LeadingKeys']).toEqual(['alice', 'bob']);
		expect(transact.map((r) => r.action)).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
	});

	it('maps nothing it does not know', () => {
		expect(
			requestContextFromSdkInput('DynamoDB', 'Scan', { TableName: 'GameScores' }, alice),
		).toEqual([]);
	});
});

describe("explainDenial for the app's own denials", () => {
	it.each([
		['bob at her provider', 'oidc1/bob'],
		['alice at the other provider', 'oidc2/alice'],
		['her bare sub (the old layout)', 'alice'],
	])("says alice's write to the partition of %s fails on LeadingKeys", (_name, userId) => {
		const request = only('DynamoDB', 'PutItem', {
			TableName: 'GameScores',
			Item: { UserId: userId, GameTitle: 'Token Rush' },
		});
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.decision.denyKind).toBe('implicit');
		expect(explanation.decidingStatement?.sid).toBe('OwnScores');
		expect(explanation.failedConditions).toEqual([
			{
				key: 'dynamodb:LeadingKeys',
				operator: 'ForAllValues:StringEquals',
				expected: ['oidc1/alice'],
				actual: [userId],
			},
		]);
		expect(explanation.text).toContain(
			`dynamodb:LeadingKeys was [${userId}]; the policy requires your partition key [oidc1/alice]`,
		);
		expect(explanation.hint).toContain('Use your own partition key (oidc1/alice)');
	});

	it("says alice reading bob's profile misses the only resource she may read", () => {
		const request = only('S3', 'GetObject', {
			Bucket: 'fedplay-game-data',
			Key: 'players/oidc1/bob/profile.json',
		});
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.failedConditions).toEqual([]);
		expect(explanation.resourceNearMisses[0]).toMatchObject({
			sid: 'OwnObjects',
			resources: ['arn:aws:s3:::fedplay-game-data/players/oidc1/alice/*'],
		});
		expect(explanation.text).toContain(
			'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
		);
	});

	it('says which prefix a listing must use', () => {
		const request = only('S3', 'ListObjectsV2', {
			Bucket: 'fedplay-game-data',
			Prefix: 'players/',
		});
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.failedConditions[0]).toMatchObject({
			key: 's3:prefix',
			actual: ['players/'],
		});
		expect(explanation.hint).toContain('players/oidc1/alice/');
	});

	it('explains a leaderboard query that asks for more attributes than the index statement allows', () => {
		const request = only('DynamoDB', 'Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			ExpressionAttributeValues: { ':g': 'Token Rush' },
			ProjectionExpression: 'GameTitle, TopScore, UserId',
		});
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.decidingStatement?.sid).toBe('Leaderboard');
		expect(explanation.failedConditions.map((c) => c.key)).toContain('dynamodb:Attributes');
	});

	it('blames a scope-down session policy that lacks an Allow', () => {
		const session = parsePolicy(
			{
				Version: '2012-10-17',
				Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
			},
			'session-policy',
			'session',
		);
		const request = only('DynamoDB', 'PutItem', {
			TableName: 'GameScores',
			Item: { UserId: 'oidc1/alice', GameTitle: 'x' },
		});
		const explanation = explainDenial(
			request,
			{ ...rolePolicies, session: [session] },
			{ player: ALICE },
		);
		expect(explanation.decision.deniedBy).toBe('session');
		expect(explanation.text).toContain('session-policy');
		expect(explanation.hint).toContain('re-assume the role');
	});

	it('names the Deny statement of an explicit deny', () => {
		const session = parsePolicy(
			{
				Version: '2012-10-17',
				Statement: [
					{ Effect: 'Allow', Action: '*', Resource: '*' },
					{ Sid: 'NoWrites', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
				],
			},
			'session-policy',
			'session',
		);
		const request = only('S3', 'PutObject', {
			Bucket: 'fedplay-game-data',
			Key: 'players/oidc1/alice/save.json',
		});
		const explanation = explainDenial(request, { ...rolePolicies, session: [session] });
		expect(explanation.decidingStatement?.sid).toBe('NoWrites');
		expect(explanation.text).toContain('explicit Deny (statement NoWrites of session-policy)');
	});

	it('says so when the known policies allow the request', () => {
		const request = only('S3', 'GetObject', {
			Bucket: 'fedplay-game-data',
			Key: 'players/oidc1/alice/profile.json',
		});
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.decision.decision).toBe('allow');
		expect(explanation.hint).toContain('cannot see');
	});
});
