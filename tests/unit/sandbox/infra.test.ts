import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateTrust } from '../../../src/lib/iam';
import { loadInfra, policySetFor, TEMPLATE_PATH } from '../../../sandbox/infra';
import { INFRA_OPTIONS } from './infra-options';

const options = INFRA_OPTIONS;
const infra = loadInfra(options);
const [player, arcade] = infra.roles;
const alice = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice';
const aliceContext = { 'localhost:4000:sub': 'alice', 'localhost:4000:aud': 'fedplay-web' };
const BUCKET = 'arn:aws:s3:::fedplay-game-data';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';

describe('loadInfra resolves the production template with sandbox values', () => {
	it('registers one OIDC provider per issuer', () => {
		expect(infra.oidcProviders).toEqual([
			{
				url: 'http://localhost:4000',
				arn: 'arn:aws:iam::123456789012:oidc-provider/localhost:4000',
				clientIds: ['fedplay-web'],
			},
			{
				url: 'http://localhost:4001',
				arn: 'arn:aws:iam::123456789012:oidc-provider/localhost:4001',
				clientIds: ['fedplay-web'],
			},
		]);
	});

	it('names the roles and their limits', () => {
		expect(
			infra.roles.map((r) => [r.logicalId, r.arn, r.maxSessionDuration, r.dataSegment]),
		).toEqual([
			['PlayerRole', 'arn:aws:iam::123456789012:role/fedplay-player', 3600, 'oidc1'],
			['SecondPlayerRole', 'arn:aws:iam::123456789012:role/fedplay-player-arcade', 3600, 'oidc2'],
		]);
		expect(player?.permissionPolicies.map((p) => p.name)).toEqual(['FedplayPlayerData']);
	});

	it('builds per-provider policy variables, not CloudFormation substitutions', () => {
		const resources = player!.permissionPolicies[0]!.document.Statement.flatMap(
			(s) => s.Resource ?? [],
		);
		expect(resources).toContain(
			'arn:aws:s3:::fedplay-game-data/players/oidc1/${localhost:4000:sub}/*',
		);
		expect(JSON.stringify(arcade!.permissionPolicies)).toContain('${localhost:4001:sub}');
		expect(JSON.stringify(arcade!.permissionPolicies)).not.toContain('localhost:4000');
	});

	it('gives the gateway the table definition', () => {
		expect(infra.tableDefinition).toMatchObject({
			TableName: 'GameScores',
			KeySchema: [
				{ AttributeName: 'UserId', KeyType: 'HASH' },
				{ AttributeName: 'GameTitle', KeyType: 'RANGE' },
			],
			GlobalSecondaryIndexes: [
				{ IndexName: 'GameTitleIndex', Projection: { ProjectionType: 'INCLUDE' } },
			],
		});
	});

	it('leaves out the second provider and its role when there is one issuer', () => {
		const single = loadInfra({ ...options, providers: [options.providers[0]!] });
		expect(single.oidcProviders).toHaveLength(1);
		expect(single.roles.map((r) => r.name)).toEqual(['fedplay-player']);
	});

	it('refuses a template with an intrinsic function it cannot resolve', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fedplay-infra-'));
		const templatePath = join(dir, 'template.json');
		writeFileSync(
			templatePath,
			JSON.stringify({
				Resources: {
					Table: {
						Type: 'AWS::DynamoDB::Table',
						Properties: { TableName: { 'Fn::ImportValue': 'x' } },
					},
				},
			}),
		);
		expect(() => loadInfra({ ...options, templatePath })).toThrow(
			/Fn::ImportValue is not supported/,
		);
	});

	it('reads the template from infra/', () => {
		expect(TEMPLATE_PATH).toMatch(/infra\/fedplay\.template\.json$/);
	});
});

function trust(federated: string, aud: string, sub: string, role = player!) {
	const host = federated.split('/')[1];
	return evaluateTrust(
		{
			principal: federated,
			principalFederated: federated,
			action: 'sts:AssumeRoleWithWebIdentity',
			resource: role.arn,
			context: { [`${host}:aud`]: aud, [`${host}:sub`]: sub },
		},
		role.trustPolicy,
	).decision;
}

describe('the template policies, decided by the evaluator', () => {
	it.each([
		[
			'the first provider, right audience',
			'arn:aws:iam::123456789012:oidc-provider/localhost:4000',
			'fedplay-web',
			'allow',
		],
		[
			'the first provider, another audience',
			'arn:aws:iam::123456789012:oidc-provider/localhost:4000',
			'other',
			'deny',
		],
		[
			'the second provider',
			'arn:aws:iam::123456789012:oidc-provider/localhost:4001',
			'fedplay-web',
			'deny',
		],
	])('trust of the player role: %s', (_case, federated, aud, decision) => {
		expect(trust(federated, aud, 'alice')).toBe(decision);
	});

	// A `/` in the identity would name a folder or partition inside another one (`bob/saves`).
	it.each(['bob/saves', 'a/b', '/', 'x/', '/x', 'alice//', 'a/b/c'])(
		'trust of either player role refuses a sub containing a slash: %s',
		(sub) => {
			for (const [role, host] of [
				[player!, 'localhost:4000'],
				[arcade!, 'localhost:4001'],
			] as const) {
				const federated = `arn:aws:iam::123456789012:oidc-provider/${host}`;
				expect(trust(federated, 'fedplay-web', sub, role)).toBe('deny');
				expect(trust(federated, 'fedplay-web', sub.replaceAll('/', '-'), role)).toBe('allow');
			}
		},
	);

	it.each([
		['s3:GetObject', `${BUCKET}/players/oidc1/alice/profile.json`, {}, 'allow'],
		['s3:PutObject', `${BUCKET}/players/oidc1/bob/profile.json`, {}, 'deny'],
		['s3:GetObject', `${BUCKET}/players/oidc1/alice-evil/profile.json`, {}, 'deny'],
		['s3:GetObject', `${BUCKET}/players/oidc2/alice/profile.json`, {}, 'deny'],
		['s3:GetObject', `${BUCKET}/players/alice/profile.json`, {}, 'deny'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/oidc1/alice/' }, 'allow'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/oidc1/alice/saves/' }, 'allow'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/oidc2/alice/' }, 'deny'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/alice/' }, 'deny'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/oidc1/' }, 'deny'],
		['s3:ListBucket', BUCKET, { 's3:prefix': 'players/' }, 'deny'],
		['dynamodb:GetItem', TABLE, { 'dynamodb:LeadingKeys': ['oidc1/alice'] }, 'allow'],
		['dynamodb:GetItem', TABLE, { 'dynamodb:LeadingKeys': ['oidc2/alice'] }, 'deny'],
		['dynamodb:GetItem', TABLE, { 'dynamodb:LeadingKeys': ['alice'] }, 'deny'],
		[
			'dynamodb:BatchGetItem',
			TABLE,
			{ 'dynamodb:LeadingKeys': ['oidc1/alice', 'oidc1/bob'] },
			'deny',
		],
		['dynamodb:Scan', 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores', {}, 'deny'],
		[
			'dynamodb:Query',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex',
			{
				'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
				'dynamodb:Attributes': ['GameTitle', 'TopScore', 'DisplayName'],
			},
			'allow',
		],
		[
			'dynamodb:Query',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex',
			{ 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES', 'dynamodb:Attributes': ['GameTitle', 'UserId'] },
			'deny',
		],
		[
			'dynamodb:Query',
			'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/GameTitleIndex',
			{ 'dynamodb:Select': 'ALL_ATTRIBUTES' },
			'deny',
		],
		['sts:GetCallerIdentity', '*', {}, 'allow'],
		['sts:DecodeAuthorizationMessage', '*', {}, 'allow'],
	])('alice: %s on %s %j → %s', (action, resource, context, decision) => {
		const result = evaluate(
			{ principal: alice, action, resource, context: { ...aliceContext, ...context } },
			policySetFor(infra, { roleArn: player!.arn }),
		);
		expect(result.decision).toBe(decision);
	});

	it('gives a second-provider session no access through the first provider variables', () => {
		const result = evaluate(
			{
				principal: 'arn:aws:sts::123456789012:assumed-role/fedplay-player-arcade/fedplay-alice',
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::fedplay-game-data/players/oidc1/alice/profile.json',
				context: { 'localhost:4001:sub': 'arcade-alice' },
			},
			policySetFor(infra, { roleArn: arcade!.arn }),
		);
		expect(result.decision).toBe('deny');
	});

	it('keeps the same sub at the two providers apart: each role reaches only its own segment', () => {
		const decide = (role: typeof player, host: string, resource: string, context = {}) =>
			evaluate(
				{
					principal: `arn:aws:sts::123456789012:assumed-role/${role!.name}/fedplay-alice`,
					action: resource.startsWith(TABLE) ? 'dynamodb:GetItem' : 's3:GetObject',
					resource,
					context: { [`${host}:sub`]: 'alice', ...context },
				},
				policySetFor(infra, { roleArn: role!.arn }),
			).decision;
		const keys = (userId: string) => ({ 'dynamodb:LeadingKeys': [userId] });
		expect(decide(arcade, 'localhost:4001', `${BUCKET}/players/oidc2/alice/x`)).toBe('allow');
		expect(decide(arcade, 'localhost:4001', `${BUCKET}/players/oidc1/alice/x`)).toBe('deny');
		expect(decide(player, 'localhost:4000', `${BUCKET}/players/oidc2/alice/x`)).toBe('deny');
		expect(decide(arcade, 'localhost:4001', TABLE, keys('oidc2/alice'))).toBe('allow');
		expect(decide(arcade, 'localhost:4001', TABLE, keys('oidc1/alice'))).toBe('deny');
		expect(decide(player, 'localhost:4000', TABLE, keys('oidc2/alice'))).toBe('deny');
	});
});
