import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/lib/iam';
import { createDeveloperPrincipal, identityPoolArn } from '../../../sandbox/developer-principal';

/* The sandbox developer principal (sandbox only): long-term keys, and a policy that allows the developer and
 * describe calls on the sandbox's pools and nothing else. */

const POOL = 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9';
const developer = createDeveloperPrincipal('123456789012', 'us-east-1', [POOL]);
const decide = (action: string, resource: string) =>
	evaluate(
		{ principal: developer.arn, action, resource, context: {} },
		{ identity: developer.policies },
	);

describe('the sandbox developer principal', () => {
	it('is an IAM user with fresh AKIA keys', () => {
		expect(developer.arn).toBe('arn:aws:iam::123456789012:user/fedplay-sandbox-developer');
		expect(developer.userId).toMatch(/^AIDA[A-Z0-9]{17}$/);
		expect(developer.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
		expect(developer.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
		const another = createDeveloperPrincipal('123456789012', 'us-east-1', [POOL]);
		expect(another.accessKeyId).not.toBe(developer.accessKeyId);
		expect(another.secretAccessKey).not.toBe(developer.secretAccessKey);
	});

	it.each([
		'GetOpenIdTokenForDeveloperIdentity',
		'LookupDeveloperIdentity',
		'DescribeIdentityPool',
		'DescribeIdentity',
		'ListIdentities',
		'GetIdentityPoolRoles',
	])('may call %s on the sandbox’s pool, and on no other pool', (operation) => {
		const action = `cognito-identity:${operation}`;
		expect(decide(action, identityPoolArn('123456789012', 'us-east-1', POOL)).decision).toBe(
			'allow',
		);
		const other = identityPoolArn('123456789012', 'us-east-1', 'us-east-1:0000');
		expect(decide(action, other).decision).toBe('deny');
	});

	it.each([
		['cognito-identity:ListIdentityPools', '*', 'allow'],
		[
			'cognito-identity:DeleteIdentityPool',
			identityPoolArn('123456789012', 'us-east-1', POOL),
			'deny',
		],
		[
			'cognito-identity:SetIdentityPoolRoles',
			identityPoolArn('123456789012', 'us-east-1', POOL),
			'deny',
		],
		['s3:GetObject', 'arn:aws:s3:::fedplay-game-data/players/oidc1/alice/profile.json', 'deny'],
		['dynamodb:Query', 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores', 'deny'],
		['sts:AssumeRole', 'arn:aws:iam::123456789012:role/fedplay-player', 'deny'],
	])('%s on %s: %s', (action, resource, decision) => {
		expect(decide(action, resource).decision).toBe(decision);
	});

	it('may list pools but reach none when the template has no pool', () => {
		const bare = createDeveloperPrincipal('123456789012', 'us-east-1', []);
		const arn = identityPoolArn('123456789012', 'us-east-1', POOL);
		const request = {
			principal: bare.arn,
			action: 'cognito-identity:DescribeIdentityPool',
			resource: arn,
			context: {},
		};
		expect(evaluate(request, { identity: bare.policies }).decision).toBe('deny');
	});
});
