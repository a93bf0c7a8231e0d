// Policies from AWS's documentation, decided as AWS documents them.
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateTrust, parsePolicy, type AuthzRequest } from '../../../src/lib/iam';

const ACCOUNT = '123456789012';

describe('IAM User Guide: per-user home folder in S3 (StringLike s3:prefix with ${aws:username})', () => {
	const policy = parsePolicy(
		{
			Version: '2012-10-17',
			Statement: [
				{
					Sid: 'AllowListingOfUserFolder',
					Effect: 'Allow',
					Action: 's3:ListBucket',
					Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
					Condition: { StringLike: { 's3:prefix': ['${aws:username}/*', '${aws:username}'] } },
				},
				{
					Sid: 'AllowAllS3ActionsInUserFolder',
					Effect: 'Allow',
					Action: 's3:*Object',
					Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*',
				},
			],
		},
		'HomeFolder',
		'identity-based',
	);
	const as = (
		user: string | null,
		action: string,
		resource: string,
		extra: Record<string, string> = {},
	): AuthzRequest => ({
		principal: `arn:aws:iam::${ACCOUNT}:user/${user ?? 'role'}`,
		action,
		resource,
		context: { ...(user ? { 'aws:username': user } : {}), ...extra },
	});
	const bucket = 'arn:aws:s3:::amzn-s3-demo-bucket';

	it.each([
		[
			'lists their own folder',
			as('alice', 's3:ListBucket', bucket, { 's3:prefix': 'alice/' }),
			'allow',
		],
		[
			'lists their folder name itself',
			as('alice', 's3:ListBucket', bucket, { 's3:prefix': 'alice' }),
			'allow',
		],
		[
			'lists another user’s folder',
			as('alice', 's3:ListBucket', bucket, { 's3:prefix': 'bob/' }),
			'deny',
		],
		[
			'lists a folder that merely starts with their name',
			as('alice', 's3:ListBucket', bucket, { 's3:prefix': 'alicebob/' }),
			'deny',
		],
		['lists the whole bucket (no prefix)', as('alice', 's3:ListBucket', bucket), 'deny'],
		['reads their own object', as('alice', 's3:GetObject', `${bucket}/alice/notes.txt`), 'allow'],
		['writes their own object', as('alice', 's3:PutObject', `${bucket}/alice/a/b.txt`), 'allow'],
		[
			'deletes their own object',
			as('alice', 's3:DeleteObject', `${bucket}/alice/a/b.txt`),
			'allow',
		],
		['reads another user’s object', as('alice', 's3:GetObject', `${bucket}/bob/notes.txt`), 'deny'],
		[
			'changes an ACL (not *Object)',
			as('alice', 's3:PutObjectAcl', `${bucket}/alice/notes.txt`),
			'deny',
		],
		[
			'reads with no aws:username (an assumed role)',
			as(null, 's3:GetObject', `${bucket}/alice/notes.txt`),
			'deny',
		],
	])('a user who %s: %s', (_what, req, decision) => {
		expect(evaluate(req, { identity: [policy] }).decision).toBe(decision);
	});
});

describe('DynamoDB Developer Guide: GameScores fine-grained access (LeadingKeys, Attributes, Select)', () => {
	const table = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/GameScores`;
	const policy = parsePolicy(
		{
			Version: '2012-10-17',
			Statement: [
				{
					Sid: 'AllowAccessToOnlyItemsMatchingUserID',
					Effect: 'Allow',
					Action: [
						'dynamodb:GetItem',
						'dynamodb:BatchGetItem',
						'dynamodb:Query',
						'dynamodb:PutItem',
						'dynamodb:UpdateItem',
						'dynamodb:DeleteItem',
						'dynamodb:BatchWriteItem',
					],
					Resource: [table],
					Condition: {
						'ForAllValues:StringEquals': {
							'dynamodb:LeadingKeys': ['${www.amazon.com:user_id}'],
							'dynamodb:Attributes': [
								'UserId',
								'GameTitle',
								'Wins',
								'Losses',
								'TopScore',
								'TopScoreDateTime',
							],
						},
						StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
					},
				},
			],
		},
		'GameScoresPolicy',
		'identity-based',
	);
	const user = 'amzn1.account.ALICE';
	const call = (
		action: string,
		context: Record<string, string | string[]>,
		resource = table,
	): AuthzRequest => ({
		principal: `arn:aws:sts::${ACCOUNT}:assumed-role/GameRole/web-identity`,
		action,
		resource,
		context: { 'www.amazon.com:user_id': user, ...context },
	});

	it.each([
		[
			'GetItem on their own item',
			call('dynamodb:GetItem', { 'dynamodb:LeadingKeys': [user] }),
			'allow',
		],
		[
			'GetItem of allowed attributes',
			call('dynamodb:GetItem', {
				'dynamodb:LeadingKeys': [user],
				'dynamodb:Attributes': ['Wins', 'TopScore'],
				'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
			}),
			'allow',
		],
		[
			'GetItem on another player’s item',
			call('dynamodb:GetItem', { 'dynamodb:LeadingKeys': ['amzn1.account.BOB'] }),
			'deny',
		],
		[
			'GetItem on a key that merely starts with their id',
			call('dynamodb:GetItem', { 'dynamodb:LeadingKeys': [`${user}#x`] }),
			'deny',
		],
		[
			'BatchGetItem mixing their key and another',
			call('dynamodb:BatchGetItem', { 'dynamodb:LeadingKeys': [user, 'amzn1.account.BOB'] }),
			'deny',
		],
		[
			'BatchGetItem of their keys only',
			call('dynamodb:BatchGetItem', { 'dynamodb:LeadingKeys': [user, user] }),
			'allow',
		],
		[
			'Query asking for an attribute outside the list',
			call('dynamodb:Query', {
				'dynamodb:LeadingKeys': [user],
				'dynamodb:Attributes': ['Wins', 'CreditCard'],
			}),
			'deny',
		],
		[
			'Query with Select ALL_ATTRIBUTES',
			call('dynamodb:Query', {
				'dynamodb:LeadingKeys': [user],
				'dynamodb:Select': 'ALL_ATTRIBUTES',
			}),
			'deny',
		],
		[
			'PutItem of their own item',
			call('dynamodb:PutItem', {
				'dynamodb:LeadingKeys': [user],
				'dynamodb:Attributes': ['UserId', 'GameTitle', 'TopScore'],
			}),
			'allow',
		],
		['Scan (left out on purpose)', call('dynamodb:Scan', {}), 'deny'],
		[
			'Query on the GameTitleIndex (another resource)',
			call('dynamodb:Query', { 'dynamodb:LeadingKeys': [user] }, `${table}/index/GameTitleIndex`),
			'deny',
		],
		['DeleteTable', call('dynamodb:DeleteTable', { 'dynamodb:LeadingKeys': [user] }), 'deny'],
		[
			'a caller without a user_id',
			{
				...call('dynamodb:GetItem', { 'dynamodb:LeadingKeys': [user] }),
				context: { 'dynamodb:LeadingKeys': [user] },
			},
			'deny',
		],
	])('%s: %s', (_what, req, decision) => {
		expect(evaluate(req, { identity: [policy] }).decision).toBe(decision);
	});

	it('records the resolved LeadingKeys condition for the inspector', () => {
		const decision = evaluate(
			call('dynamodb:GetItem', { 'dynamodb:LeadingKeys': ['amzn1.account.BOB'] }),
			{ identity: [policy] },
		);
		expect(decision.evaluated[0]?.conditions[0]).toEqual({
			operator: 'ForAllValues:StringEquals',
			key: 'dynamodb:LeadingKeys',
			expected: [user],
			actual: ['amzn1.account.BOB'],
			matched: false,
		});
		expect(decision.reason).toBe(
			'because no identity-based policy allows the dynamodb:GetItem action',
		);
	});

	it('passes ForAllValues when LeadingKeys is absent, as AWS does — so a gateway must always supply it', () => {
		expect(evaluate(call('dynamodb:Query', {}), { identity: [policy] }).decision).toBe('allow');
	});
});

describe('IAM User Guide: web identity trust policy (StringEquals accounts.google.com:aud)', () => {
	const trust = parsePolicy(
		{
			Version: '2012-10-17',
			Statement: {
				Effect: 'Allow',
				Principal: { Federated: 'accounts.google.com' },
				Action: 'sts:AssumeRoleWithWebIdentity',
				Condition: { StringEquals: { 'accounts.google.com:aud': '66677788899900pro0' } },
			},
		},
		'GoogleTrust',
		'trust',
	);
	const assume = (federated: string, aud: string): AuthzRequest => ({
		principal: 'accounts.google.com',
		principalFederated: federated,
		action: 'sts:AssumeRoleWithWebIdentity',
		resource: `arn:aws:iam::${ACCOUNT}:role/GoogleRole`,
		context: { 'accounts.google.com:aud': aud, 'accounts.google.com:sub': '110000000000000000000' },
	});

	it.each([
		[
			'the app’s own audience from Google',
			assume('accounts.google.com', '66677788899900pro0'),
			'allow',
		],
		['another app’s audience', assume('accounts.google.com', 'someone-else'), 'deny'],
		['another provider', assume('www.amazon.com', '66677788899900pro0'), 'deny'],
	])('%s: %s', (_what, req, decision) => {
		expect(evaluateTrust(req, trust).decision).toBe(decision);
	});
});
