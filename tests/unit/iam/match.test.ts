import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy, type AuthzRequest } from '../../../src/lib/iam';
import { ACCOUNT, decide, request } from './helpers';

const BUCKET = 'arn:aws:s3:::fedplay-data';

describe('Action and NotAction', () => {
	it.each([
		['s3:GetObject', 's3:GetObject', true],
		['s3:getobject', 's3:GetObject', true],
		['S3:GET*', 's3:GetObject', true],
		['s3:*', 's3:PutObject', true],
		['*', 'dynamodb:Query', true],
		['s3:Get?bject', 's3:GetObject', true],
		['s3:Get?bject', 's3:GetObjectAcl', false],
		['s3:Put*', 's3:GetObject', false],
		['dynamodb:*', 's3:GetObject', false],
		['s3:GetObject', 's3:GetObjectTagging', false],
	])('Action %s covers %s: %s', (pattern, action, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', Action: pattern, Resource: '*' }],
			request({ action }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it.each([
		['s3:GetObject', 's3:PutObject', true],
		['s3:GetObject', 's3:GetObject', false],
		['s3:*', 'dynamodb:GetItem', true],
		['s3:*', 's3:ListBucket', false],
	])('NotAction %s covers %s: %s', (pattern, action, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', NotAction: pattern, Resource: '*' }],
			request({ action }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it('does not substitute variables in Action', () => {
		// A variable key's colon would be the action's second colon, which IAM refuses: a key without one.
		const req = request({ action: 's3:GetObject', context: { ab: 'GetObject' } });
		expect(decide([{ Effect: 'Allow', Action: 's3:${ab}', Resource: '*' }], req).decision).toBe(
			'deny',
		);
	});
});

describe('Resource and NotResource', () => {
	it.each([
		['*', `${BUCKET}/players/alice/x`, true],
		[`${BUCKET}/players/alice/*`, `${BUCKET}/players/alice/saves/1.json`, true],
		[`${BUCKET}/players/alice/*`, `${BUCKET}/players/alicex/1.json`, false],
		[`${BUCKET}/players/Alice/*`, `${BUCKET}/players/alice/1.json`, false],
		[`${BUCKET}/players/?/x`, `${BUCKET}/players/a/x`, true],
		[`${BUCKET}/players/?/x`, `${BUCKET}/players/ab/x`, false],
		[`${BUCKET}`, `${BUCKET}/players/a`, false],
		['arn:aws:s3:::*', `${BUCKET}/players/a`, true],
		[
			'arn:aws:dynamodb:*:*:table/GameScores',
			`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/GameScores`,
			true,
		],
		[
			'arn:aws:dynamodb:*:*:table/GameScores',
			`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/GameScores/index/G`,
			false,
		],
		[
			'arn:aws:dynamodb:*:*:table/GameScores/index/*',
			`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/GameScores/index/G`,
			true,
		],
		// Inside a segment `*` stays within the segment; as a segment's last character it may cross colons.
		['arn:aws:dynamodb:us-*-1:*:table/T', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T`, true],
		['arn:aws:dynamodb:u*1:*:table/T', `arn:aws:dynamodb:us:x:east-1:${ACCOUNT}:table/T`, false],
		['arn:aws:dynamodb:us-east-?:*:table/T', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T`, true],
		['arn:aws:sqs:us-east-1:*:queue:*', `arn:aws:sqs:us-east-1:${ACCOUNT}:queue:a:b`, true],
	])('Resource %s covers %s: %s', (pattern, resource, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', Action: '*', Resource: pattern }],
			request({ resource }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it('accepts a list of resources (any one matches)', () => {
		const resource = `${BUCKET}/b`;
		const statement = { Effect: 'Allow', Action: '*', Resource: [`${BUCKET}/a`, `${BUCKET}/b`] };
		expect(decide([statement], request({ resource })).decision).toBe('allow');
	});

	it.each([
		[`${BUCKET}/admin/*`, `${BUCKET}/players/a`, true],
		[`${BUCKET}/admin/*`, `${BUCKET}/admin/a`, false],
	])('NotResource %s covers %s: %s', (pattern, resource, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', Action: '*', NotResource: pattern }],
			request({ resource }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it('lets a NotResource with an unresolved variable match nothing rather than everything', () => {
		const statement = {
			Effect: 'Allow',
			Action: '*',
			NotResource: `${BUCKET}/players/\${aws:username}/*`,
		};
		expect(decide([statement], request({ resource: `${BUCKET}/x` })).decision).toBe('deny');
	});

	it('does not match an ARN pattern against the `*` resource of resource-less actions', () => {
		// (Not sts:GetCallerIdentity, which needs no permission at all.)
		const req = request({ action: 'sts:DecodeAuthorizationMessage', resource: '*' });
		expect(decide([{ Effect: 'Allow', Action: 'sts:*', Resource: BUCKET }], req).decision).toBe(
			'deny',
		);
		expect(decide([{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }], req).decision).toBe(
			'allow',
		);
	});
});

describe('Principal and NotPrincipal', () => {
	const role = `arn:aws:iam::${ACCOUNT}:role/FedplayPlayer`;
	const session = `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/alice`;
	const base: AuthzRequest = {
		principal: session,
		action: 's3:GetObject',
		resource: `${BUCKET}/x`,
		context: {},
	};

	function bucketPolicy(principal: unknown, not = false, effect = 'Allow') {
		return parsePolicy(
			{
				Version: '2012-10-17',
				Statement: [
					{
						Effect: effect,
						[not ? 'NotPrincipal' : 'Principal']: principal,
						Action: '*',
						Resource: '*',
					},
				],
			},
			'BucketPolicy',
			'resource-based',
		);
	}

	it.each([
		['*', base, true],
		[{ AWS: '*' }, base, true],
		[{ AWS: session }, base, true],
		// An account principal "delegates authority to the account": it covers the caller, but grants nothing
		// without an identity-based Allow (evaluate-resource.test.ts).
		[{ AWS: ACCOUNT }, base, false],
		[{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, base, false],
		[{ AWS: role }, base, true],
		[{ AWS: `arn:aws:iam::${ACCOUNT}:role/game/FedplayPlayer` }, base, true],
		[{ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }, base, false],
		[{ AWS: '210987654321' }, base, false],
		[{ AWS: [`arn:aws:iam::210987654321:root`, role] }, base, true],
		[
			{ Federated: 'accounts.google.com' },
			{ ...base, principalFederated: 'accounts.google.com' },
			true,
		],
		[
			{ Federated: 'accounts.google.com' },
			{ ...base, principalFederated: 'www.amazon.com' },
			false,
		],
		[{ Federated: 'accounts.google.com' }, base, false],
		[
			{ Service: 'lambda.amazonaws.com' },
			{ ...base, principalService: 'lambda.amazonaws.com' },
			true,
		],
		[{ Service: 'lambda.amazonaws.com' }, base, false],
		[{ CanonicalUser: 'a'.repeat(64) }, base, false],
	])('Principal %j grants the request on its own: %s', (principal, req, allowed) => {
		const decision = evaluate(req, { identity: [], resource: [bucketPolicy(principal)] });
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it.each([
		[{ AWS: ACCOUNT }, true],
		[{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, true],
		[{ AWS: role }, true],
		[{ AWS: session }, true],
		[{ AWS: '*' }, true],
		[{ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }, false],
		[{ AWS: '210987654321' }, false],
	])('a Deny with Principal %j covers the request: %s', (principal, covered) => {
		const everything = parsePolicy(
			{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
			'Role',
			'identity-based',
		);
		const decision = evaluate(base, {
			identity: [everything],
			resource: [bucketPolicy(principal, false, 'Deny')],
		});
		expect(decision.denyKind).toBe(covered ? 'explicit' : null);
	});

	it.each([
		[{ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }, true],
		[{ AWS: session }, false],
	])('NotPrincipal %j covers the request: %s', (principal, allowed) => {
		const decision = evaluate(base, { identity: [], resource: [bucketPolicy(principal, true)] });
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});
});
