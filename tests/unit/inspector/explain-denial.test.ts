import { describe, expect, it } from 'vitest';
import { loadInfra } from '../../../sandbox/infra';
import { parsePolicy, type PolicySet } from '../../../src/lib/iam';
import type { LoggedRequest } from '../../../src/lib/aws/call-log';
import { explainDenial } from '../../../src/lib/inspector/explain-denial';
import { requestContextOf, type SessionIdentity } from '../../../src/lib/inspector/request-context';
import { requestEnvironment } from '../../../src/lib/inspector/request-environment';
import { dynamoDBRequest, s3Request } from './recorded';
import { config } from './session-config';

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
	environment: requestEnvironment(config, '123456789012'),
};

const ALICE = { segment: 'oidc1', id: 'alice' };

function rebuilt(service: string, request: LoggedRequest | null) {
	return requestContextOf({ service, request }, alice);
}

function only(service: string, request: LoggedRequest) {
	const [rebuiltRequest, ...rest] = rebuilt(service, request);
	if (!rebuiltRequest || rest.length > 0) throw new Error('expected exactly one authorization');
	return rebuiltRequest;
}

const s3 = (method: string, path: string) => only('S3', s3Request(method, path));
const dynamoDB = (operation: string, input: object) =>
	only('DynamoDB', dynamoDBRequest(operation, input));

describe('requestContextOf a recorded call', () => {
	it.each([
		[
			'S3',
			s3Request('GET', '/fedplay-game-data/players/oidc1/alice/profile.json?x-id=GetObject'),
			's3:GetObject',
			'arn:aws:s3:::fedplay-game-data/players/oidc1/alice/profile.json',
		],
		[
			'S3',
			s3Request('HEAD', '/fedplay-game-data/k'),
			's3:GetObject',
			'arn:aws:s3:::fedplay-game-data/k',
		],
		[
			'S3',
			s3Request('PUT', '/fedplay-game-data/k?x-id=PutObject'),
			's3:PutObject',
			'arn:aws:s3:::fedplay-game-data/k',
		],
		[
			'S3',
			s3Request('DELETE', '/fedplay-game-data/k?x-id=DeleteObject'),
			's3:DeleteObject',
			'arn:aws:s3:::fedplay-game-data/k',
		],
		[
			'S3',
			s3Request('GET', '/fedplay-game-data?list-type=2&prefix=players%2Foidc1%2Falice%2F'),
			's3:ListBucket',
			'arn:aws:s3:::fedplay-game-data',
		],
		[
			'DynamoDB',
			dynamoDBRequest('GetItem', {
				TableName: 'GameScores',
				Key: { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'Token Rush' } },
			}),
			'dynamodb:GetItem',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores',
		],
		[
			'DynamoDB',
			dynamoDBRequest('Query', {
				TableName: 'GameScores',
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': { S: 'Token Rush' } },
			}),
			'dynamodb:Query',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex',
		],
	])('maps %s %o to %s', (service, request, action, resource) => {
		const rebuiltRequest = only(service, request);
		expect(rebuiltRequest).toMatchObject({ principal: alice.principal, action, resource });
		expect(rebuiltRequest.context['localhost:4000:sub']).toBe('alice');
		expect(rebuiltRequest.context['localhost:4000:aud']).toBe('fedplay-web');
	});

	it('reads LeadingKeys and Attributes from the marshalled body', () => {
		const put = dynamoDB('PutItem', {
			TableName: 'GameScores',
			Item: { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Token Rush' }, Wins: { N: '1' } },
		});
		expect(put.context['dynamodb:LeadingKeys']).toEqual(['oidc1/bob']);
		expect(put.context['dynamodb:Attributes']).toEqual(['UserId', 'GameTitle', 'Wins']);
	});

	it('reads the partition key of a Query from its KeyConditionExpression, with names', () => {
		const request = dynamoDB('Query', {
			TableName: 'GameScores',
			KeyConditionExpression: '#pk = :u AND GameTitle = :g',
			ExpressionAttributeNames: { '#pk': 'UserId' },
			ExpressionAttributeValues: { ':u': { S: 'oidc1/carol' }, ':g': { S: 'Token Rush' } },
		});
		expect(request.context['dynamodb:LeadingKeys']).toEqual(['oidc1/carol']);
	});

	it('maps BatchGetItem to all its partition keys and TransactWriteItems to one authorization per item', () => {
		const [batch] = rebuilt(
			'DynamoDB',
			dynamoDBRequest('BatchGetItem', {
				RequestItems: {
					GameScores: {
						Keys: ['alice', 'bob', 'alice'].map((p) => ({
							UserId: { S: `oidc1/${p}` },
							GameTitle: { S: 'a' },
						})),
					},
				},
			}),
		);
		const transact = rebuilt(
			'DynamoDB',
			dynamoDBRequest('TransactWriteItems', {
				TransactItems: [
					{
						Put: {
							TableName: 'GameScores',
							Item: { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'a' } },
						},
					},
					{
						Update: {
							TableName: 'GameScores',
							Key: { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'b' } },
						},
					},
				],
			}),
		);
		expect(batch?.context['dynamodb:LeadingKeys']).toEqual(['oidc1/alice', 'oidc1/bob']);
		expect(transact.map((r) => r.action)).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
	});

	it.each([
		['an STS call', 'STS', s3Request('POST', '/')],
		['a call that recorded no request', 'DynamoDB', null],
		[
			'a body the log cut short',
			'DynamoDB',
			{ ...dynamoDBRequest('GetItem', {}), body: '{"TableName":"Ga… [40 more characters]' },
		],
		['another bucket', 'S3', s3Request('GET', '/other-bucket/k')],
	])('maps nothing for %s', (_name, service, request) => {
		expect(rebuilt(service, request)).toEqual([]);
	});
});

describe("explainDenial for the app's own denials", () => {
	it.each([
		['bob at her provider', 'oidc1/bob'],
		['alice at the other provider', 'oidc2/alice'],
		['her bare sub (the old layout)', 'alice'],
	])("says alice's write to the partition of %s fails on LeadingKeys", (_name, userId) => {
		const request = dynamoDB('PutItem', {
			TableName: 'GameScores',
			Item: { UserId: { S: userId }, GameTitle: { S: 'Token Rush' } },
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
		const request = s3('GET', '/fedplay-game-data/players/oidc1/bob/profile.json?x-id=GetObject');
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
		const request = s3('GET', '/fedplay-game-data?list-type=2&prefix=players%2F');
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.failedConditions[0]).toMatchObject({
			key: 's3:prefix',
			actual: ['players/'],
		});
		expect(explanation.hint).toContain('players/oidc1/alice/');
	});

	it('explains a leaderboard query that asks for more attributes than the index statement allows', () => {
		const request = dynamoDB('Query', {
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			ExpressionAttributeValues: { ':g': { S: 'Token Rush' } },
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
		const request = dynamoDB('PutItem', {
			TableName: 'GameScores',
			Item: { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'x' } },
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
		const request = s3('PUT', '/fedplay-game-data/players/oidc1/alice/save.json?x-id=PutObject');
		const explanation = explainDenial(request, { ...rolePolicies, session: [session] });
		expect(explanation.decidingStatement?.sid).toBe('NoWrites');
		expect(explanation.text).toContain('explicit Deny (statement NoWrites of session-policy)');
	});

	it('says so when the known policies allow the request', () => {
		const request = s3('GET', '/fedplay-game-data/players/oidc1/alice/profile.json?x-id=GetObject');
		const explanation = explainDenial(request, rolePolicies, { player: ALICE });
		expect(explanation.decision.decision).toBe('allow');
		expect(explanation.hint).toContain('cannot see');
	});
});
