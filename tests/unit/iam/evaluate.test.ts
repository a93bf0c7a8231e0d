import { describe, expect, it } from 'vitest';
import {
	evaluate,
	evaluateTrust,
	formatAccessDeniedMessage,
	parsePolicy,
	type NamedPolicy,
	type PolicyDocument,
} from '../../../src/lib/iam';
import { ACCOUNT, PRINCIPAL, request } from './helpers';

const OBJECT = 'arn:aws:s3:::fedplay-data/players/alice/profile.json';

function policy(
	name: string,
	type: 'identity-based' | 'session' | 'resource-based',
	statements: unknown[],
) {
	return parsePolicy({ Version: '2012-10-17', Statement: statements }, name, type);
}

const allowGet = {
	Sid: 'AllowGet',
	Effect: 'Allow',
	Action: 's3:GetObject',
	Resource: 'arn:aws:s3:::fedplay-data/*',
};
const allowAll = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
const denyGet = { Sid: 'DenyGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' };

describe('evaluate: the decision rules', () => {
	it('allows with an Allow in an identity-based policy and names the statement that granted', () => {
		const decision = evaluate(request(), {
			identity: [policy('Player', 'identity-based', [allowGet])],
		});
		expect(decision).toMatchObject({ decision: 'allow', denyKind: null, deniedBy: null });
		expect(decision.decidingStatement).toMatchObject({
			policy: 'Player',
			index: 0,
			sid: 'AllowGet',
			effect: 'Allow',
		});
		expect(decision.reason).toBe(
			'allowed by statement AllowGet of the identity-based policy Player',
		);
	});

	it('denies implicitly, charged to identity-based policies, when nothing allows', () => {
		const decision = evaluate(request(), {
			identity: [policy('Player', 'identity-based', [{ ...allowGet, Action: 's3:PutObject' }])],
		});
		expect(decision).toMatchObject({
			decision: 'deny',
			denyKind: 'implicit',
			deniedBy: 'identity-based',
			decidingStatement: null,
		});
		expect(decision.reason).toBe('because no identity-based policy allows the s3:GetObject action');
		expect(decision.evaluated).toEqual([]);
	});

	it('lets an explicit Deny win over an Allow, whichever comes first', () => {
		for (const statements of [
			[allowGet, denyGet],
			[denyGet, allowGet],
		]) {
			const decision = evaluate(request(), {
				identity: [policy('Player', 'identity-based', statements)],
			});
			expect(decision).toMatchObject({
				decision: 'deny',
				denyKind: 'explicit',
				deniedBy: 'identity-based',
			});
			expect(decision.decidingStatement?.sid).toBe('DenyGet');
			expect(decision.reason).toBe('with an explicit deny in an identity-based policy');
			expect(decision.evaluated).toHaveLength(2);
		}
	});

	it('lets a Deny in another identity-based policy win', () => {
		const identity = [
			policy('A', 'identity-based', [allowAll]),
			policy('B', 'identity-based', [denyGet]),
		];
		expect(evaluate(request(), { identity }).decidingStatement?.policy).toBe('B');
	});

	it('ignores a Deny whose condition does not match, but still lists it as evaluated', () => {
		const deny = { ...denyGet, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
		const decision = evaluate(request({ context: { 'aws:SecureTransport': 'true' } }), {
			identity: [policy('Player', 'identity-based', [allowGet, deny])],
		});
		expect(decision.decision).toBe('allow');
		expect(decision.evaluated.map((m) => [m.sid, m.conditions.map((c) => c.matched)])).toEqual([
			['AllowGet', []],
			['DenyGet', [false]],
		]);
	});

	describe('session policies: the intersection', () => {
		const identity = [policy('Player', 'identity-based', [allowAll])];

		it('allows what both the role and the session policy allow', () => {
			const session = [policy('session-policy', 'session', [allowGet])];
			expect(evaluate(request(), { identity, session }).decision).toBe('allow');
		});

		it('denies what the session policy does not allow, charged to the session policy', () => {
			const session = [
				policy('session-policy', 'session', [{ ...allowGet, Action: 's3:ListBucket' }]),
			];
			const decision = evaluate(request(), { identity, session });
			expect(decision).toMatchObject({
				decision: 'deny',
				denyKind: 'implicit',
				deniedBy: 'session',
			});
			expect(decision.reason).toBe('because no session policy allows the s3:GetObject action');
		});

		it('treats an empty session policy list as present: it allows nothing', () => {
			expect(evaluate(request(), { identity, session: [] })).toMatchObject({
				decision: 'deny',
				deniedBy: 'session',
			});
		});

		it('denies what the role does not allow even if the session policy does', () => {
			const session = [policy('session-policy', 'session', [allowAll])];
			const decision = evaluate(request(), {
				identity: [policy('Player', 'identity-based', [])],
				session,
			});
			expect(decision).toMatchObject({ decision: 'deny', deniedBy: 'identity-based' });
		});

		it('reports an explicit deny in a session policy', () => {
			const session = [policy('session-policy', 'session', [allowAll, denyGet])];
			const decision = evaluate(request(), { identity, session });
			expect(decision).toMatchObject({
				decision: 'deny',
				denyKind: 'explicit',
				deniedBy: 'session',
			});
			expect(decision.reason).toBe('with an explicit deny in a session policy');
		});
	});

	describe('resource-based policies', () => {
		const bucket = (effect: 'Allow' | 'Deny') =>
			policy('BucketPolicy', 'resource-based', [
				{
					Effect: effect,
					Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/FedplayPlayer` },
					Action: 's3:GetObject',
					Resource: 'arn:aws:s3:::fedplay-data/*',
				},
			]);

		it('grants on its own when the identity policies say nothing (same account)', () => {
			const decision = evaluate(request(), { identity: [], resource: [bucket('Allow')] });
			expect(decision.decision).toBe('allow');
			expect(decision.decidingStatement?.policyType).toBe('resource-based');
		});

		it('denies explicitly from a resource-based policy', () => {
			const decision = evaluate(request(), {
				identity: [policy('P', 'identity-based', [allowAll])],
				resource: [bucket('Deny')],
			});
			expect(decision).toMatchObject({
				denyKind: 'explicit',
				deniedBy: 'resource-based',
				reason: 'with an explicit deny in a resource-based policy',
			});
		});
	});

	it('evaluates a NamedPolicy built by hand (not through parsePolicy) the same way', () => {
		const document = {
			Version: '2012-10-17',
			Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
		};
		const handmade: NamedPolicy = {
			name: 'Hand',
			type: 'identity-based',
			document: document as unknown as PolicyDocument,
		};
		expect(evaluate(request(), { identity: [handmade] }).decision).toBe('allow');
		expect(evaluate(request({ action: 's3:PutObject' }), { identity: [handmade] }).decision).toBe(
			'deny',
		);
	});

	it('evaluates a 10-statement policy with variables, the same answer on every call', () => {
		const statements = Array.from({ length: 10 }, (_, i) => ({
			Effect: 'Allow',
			Action: [`dynamodb:Get${i}`, 's3:GetObject'],
			Resource: `arn:aws:s3:::fedplay-data/players/\${localhost:4000:sub}/${i}/*`,
			Condition: { StringLike: { 's3:prefix': ['players/${localhost:4000:sub}/*'] } },
		}));
		const identity = [policy('Big', 'identity-based', statements)];
		const alice = request({
			resource: 'arn:aws:s3:::fedplay-data/players/alice/9/x',
			context: { 'localhost:4000:sub': 'alice', 's3:prefix': 'players/alice/' },
		});
		const bob = { ...alice, context: { ...alice.context, 'localhost:4000:sub': 'bob' } };
		// Cached patterns must be keyed by the variable values: alternate callers must not leak into each other.
		for (let i = 0; i < 50; i++) {
			expect(evaluate(alice, { identity }).decision).toBe('allow');
			expect(evaluate(bob, { identity }).decision).toBe('deny');
		}
	});
});

describe('evaluateTrust', () => {
	const issuer = 'localhost:4000';
	const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;
	const trust = parsePolicy(
		{
			Version: '2012-10-17',
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Federated: provider },
					Action: 'sts:AssumeRoleWithWebIdentity',
					Condition: { StringEquals: { [`${issuer}:aud`]: 'fedplay' } },
				},
			],
		},
		'FedplayPlayerTrust',
		'trust',
	);
	const assume = {
		principal: `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/alice`,
		principalFederated: provider,
		action: 'sts:AssumeRoleWithWebIdentity',
		resource: `arn:aws:iam::${ACCOUNT}:role/FedplayPlayer`,
		context: { [`${issuer}:aud`]: 'fedplay', [`${issuer}:sub`]: 'alice' },
	};

	it('allows the federated provider named in Principal with the right audience', () => {
		expect(evaluateTrust(assume, trust)).toMatchObject({
			decision: 'allow',
			decidingStatement: { policyType: 'trust' },
		});
	});

	it.each([
		[
			'another provider',
			{ ...assume, principalFederated: `arn:aws:iam::${ACCOUNT}:oidc-provider/evil.example` },
		],
		['no federated principal', { ...assume, principalFederated: undefined }],
		['a wrong audience', { ...assume, context: { [`${issuer}:aud`]: 'other-app' } }],
		['another action', { ...assume, action: 'sts:AssumeRole' }],
	])('denies %s, charged to the role trust policy', (_what, req) => {
		const decision = evaluateTrust(req, trust);
		expect(decision).toMatchObject({ decision: 'deny', denyKind: 'implicit', deniedBy: 'trust' });
		expect(decision.reason).toBe(`because no role trust policy allows the ${req.action} action`);
	});

	it('reports an explicit deny in the trust policy', () => {
		const withDeny = parsePolicy(
			{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:*' }] },
			'T',
			'trust',
		);
		expect(evaluateTrust(assume, withDeny).reason).toBe(
			'with an explicit deny in a role trust policy',
		);
	});
});

describe('formatAccessDeniedMessage', () => {
	const identity = [policy('Player', 'identity-based', [])];

	it('writes the AWS sentence with the resource', () => {
		const req = request();
		expect(formatAccessDeniedMessage(req, evaluate(req, { identity }))).toBe(
			`User: ${PRINCIPAL} is not authorized to perform: s3:GetObject on resource: ${OBJECT} because no identity-based policy allows the s3:GetObject action`,
		);
	});

	it('quotes the resource the way S3 does when asked', () => {
		const req = request();
		expect(
			formatAccessDeniedMessage(req, evaluate(req, { identity }), { quoteResource: true }),
		).toContain(`on resource: "${OBJECT}" because`);
	});

	it('leaves out the resource when it is *', () => {
		const req = request({ action: 'sts:DecodeAuthorizationMessage', resource: '*' });
		expect(formatAccessDeniedMessage(req, evaluate(req, { identity }))).toBe(
			`User: ${PRINCIPAL} is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy allows the sts:DecodeAuthorizationMessage action`,
		);
	});
});
