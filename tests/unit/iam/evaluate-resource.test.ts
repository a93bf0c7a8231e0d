/**
 * Resource-based and trust policies next to identity-based and session policies, within one account, as the IAM
 * User Guide decides them: "Policy evaluation logic" (Determining whether a request is allowed or denied within
 * an account), "Session policies", "IAM JSON policy elements: Principal", and the STS API Reference (AssumeRole,
 * GetCallerIdentity). Each table cites the guide's words it checks.
 */
import { describe, expect, it } from 'vitest';
import {
	evaluate,
	formatAccessDeniedMessage,
	parsePolicy,
	type AuthzRequest,
	type NamedPolicy,
	type PolicySet,
	type PolicyType,
} from '../../../src/lib/iam';
import { ACCOUNT } from './helpers';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/FedplayPlayer`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/alice`;
const OBJECT = 'arn:aws:s3:::fedplay-data/players/alice/profile.json';
const TOURNAMENT = `arn:aws:iam::${ACCOUNT}:role/FedplayTournament`;

const policy = (name: string, type: PolicyType, statements: unknown[]): NamedPolicy =>
	parsePolicy({ Version: '2012-10-17', Statement: statements }, name, type);

const allow = (action: string, resource = '*') => ({
	Effect: 'Allow',
	Action: action,
	Resource: resource,
});

/** The player role's identity-based policy: allows `action` (or nothing). */
const role = (action: string | null): NamedPolicy[] =>
	action === null ? [] : [policy('FedplayPlayerData', 'identity-based', [allow(action)])];

/** A session policy that allows `action` (or, with null, only something else). */
const sessionPolicy = (action: string | null): NamedPolicy[] => [
	policy('session-policy', 'session', [allow(action ?? 'dynamodb:Query')]),
];

const bucketPolicy = (principal: unknown, effect = 'Allow'): NamedPolicy =>
	policy('BucketPolicy', 'resource-based', [
		{
			Sid: 'Players',
			Effect: effect,
			Principal: principal,
			Action: 's3:GetObject',
			Resource: 'arn:aws:s3:::fedplay-data/*',
		},
	]);

const getObject: AuthzRequest = {
	principal: SESSION,
	action: 's3:GetObject',
	resource: OBJECT,
	context: {},
};

type Outcome = 'allow' | `deny by ${PolicyType}` | `explicit deny by ${PolicyType}`;

function outcome(request: AuthzRequest, policies: PolicySet): Outcome {
	const decision = evaluate(request, policies);
	if (decision.decision === 'allow') return 'allow';
	return `${decision.denyKind === 'explicit' ? 'explicit ' : ''}deny by ${decision.deniedBy!}`;
}

describe('an account principal delegates to the account’s IAM', () => {
	// Principal: "This delegates authority to the account. … The account ARN and the shortened account ID behave
	// the same way. Both delegate permissions to the account." Evaluation logic: "When the principal and the
	// resource are in separate AWS accounts, you must also use an identity-based policy" — and within the account,
	// the account's delegation is its identity-based policies.
	it.each<[string, Outcome, unknown, string | null]>([
		['the account id, no identity-based Allow', 'deny by identity-based', { AWS: ACCOUNT }, null],
		[
			'the account root ARN, no identity-based Allow',
			'deny by identity-based',
			{ AWS: `arn:aws:iam::${ACCOUNT}:root` },
			null,
		],
		[
			'the account id, an identity-based Allow for another action',
			'deny by identity-based',
			{ AWS: ACCOUNT },
			's3:PutObject',
		],
		['the account id, an identity-based Allow', 'allow', { AWS: ACCOUNT }, 's3:GetObject'],
		[
			'the account root ARN, an identity-based Allow',
			'allow',
			{ AWS: `arn:aws:iam::${ACCOUNT}:root` },
			's3:GetObject',
		],
		[
			'another account, an identity-based Allow (the bucket policy does not matter)',
			'allow',
			{ AWS: '210987654321' },
			's3:GetObject',
		],
		// "If a resource-based policy grants access to a principal in the same account, no additional
		// identity-based policy is required."
		['the role ARN, no identity-based Allow', 'allow', { AWS: ROLE }, null],
		['the session ARN, no identity-based Allow', 'allow', { AWS: SESSION }, null],
		['everyone (*), no identity-based Allow', 'allow', '*', null],
		['another role, no identity-based Allow', 'deny by identity-based', { AWS: `${ROLE}X` }, null],
	])('a bucket policy naming %s: %s', (_what, expected, principal, identityAllows) => {
		expect(
			outcome(getObject, { identity: role(identityAllows), resource: [bucketPolicy(principal)] }),
		).toBe(expected);
	});

	it('says in AWS’s words that no identity-based policy allows, and records how the bucket policy named the caller', () => {
		const decision = evaluate(getObject, {
			identity: [],
			resource: [bucketPolicy({ AWS: ACCOUNT })],
		});
		expect(formatAccessDeniedMessage(getObject, decision, { quoteResource: true })).toBe(
			`User: ${SESSION} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no identity-based policy allows the s3:GetObject action`,
		);
		expect(decision.evaluated).toEqual([
			expect.objectContaining({
				policy: 'BucketPolicy',
				sid: 'Players',
				principalMatch: 'account',
			}),
		]);
	});
});

describe('a role ARN grants before the session policy, a session ARN after it', () => {
	// Session policies: "A resource-based policy can specify the ARN of the user or role as a principal. In that
	// case, the permissions from the resource-based policy are added to the role or user's identity-based policy
	// before the session is created. The session policy limits the total permissions granted by the
	// resource-based policy and the identity-based policy." — "A resource-based policy can specify the ARN of the
	// session as a principal. In that case, the permissions from the resource-based policy are added after the
	// session is created. The resource-based policy permissions are not limited by the session policy."
	it.each<[string, Outcome, unknown, string | null, string | null]>([
		[
			'the role ARN, no identity-based Allow, a session policy without it',
			'deny by session',
			{ AWS: ROLE },
			null,
			null,
		],
		[
			'the role ARN, no identity-based Allow, a session policy with it',
			'allow',
			{ AWS: ROLE },
			null,
			's3:GetObject',
		],
		[
			'the session ARN, no identity-based Allow, a session policy without it',
			'allow',
			{ AWS: SESSION },
			null,
			null,
		],
		[
			'the session ARN, no identity-based Allow, a session policy with it',
			'allow',
			{ AWS: SESSION },
			null,
			's3:GetObject',
		],
		// Principal: "Identity-based policy types, such as permissions boundaries or session policies, do not limit
		// permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element".
		[
			'everyone (*), no identity-based Allow, a session policy without it',
			'allow',
			'*',
			null,
			null,
		],
		[
			'the account, an identity-based Allow, a session policy without it',
			'deny by session',
			{ AWS: ACCOUNT },
			's3:GetObject',
			null,
		],
		[
			'the account, an identity-based Allow, a session policy with it',
			'allow',
			{ AWS: ACCOUNT },
			's3:GetObject',
			's3:GetObject',
		],
		[
			'the account, no identity-based Allow, a session policy with it',
			'deny by identity-based',
			{ AWS: ACCOUNT },
			null,
			's3:GetObject',
		],
	])(
		'a bucket policy naming %s: %s',
		(_what, expected, principal, identityAllows, sessionAllows) => {
			const policies = {
				identity: role(identityAllows),
				session: sessionPolicy(sessionAllows),
				resource: [bucketPolicy(principal)],
			};
			expect(outcome(getObject, policies)).toBe(expected);
		},
	);

	it('names the deciding statement: the bucket policy’s, for a grant to the session itself', () => {
		const decision = evaluate(getObject, {
			identity: [],
			session: sessionPolicy(null),
			resource: [bucketPolicy({ AWS: SESSION })],
		});
		expect(decision.decidingStatement).toMatchObject({
			policy: 'BucketPolicy',
			policyType: 'resource-based',
			sid: 'Players',
			principalMatch: 'direct',
		});
		expect(decision.reason).toBe(
			'allowed by statement Players of the resource-based policy BucketPolicy',
		);
	});

	// "An explicit deny in any of these policies overrides the allow."
	it.each<[string, PolicySet, Outcome]>([
		[
			'a Deny in the session policy over a grant to the session',
			{
				identity: [],
				session: [
					policy('session-policy', 'session', [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]),
				],
				resource: [bucketPolicy({ AWS: SESSION })],
			},
			'explicit deny by session',
		],
		[
			'a Deny in the identity-based policy over a grant to the session',
			{
				identity: [
					policy('P', 'identity-based', [
						{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
					]),
				],
				resource: [bucketPolicy({ AWS: SESSION })],
			},
			'explicit deny by identity-based',
		],
		[
			'a bucket policy Deny naming only the account, over an identity-based Allow',
			{ identity: role('s3:GetObject'), resource: [bucketPolicy({ AWS: ACCOUNT }, 'Deny')] },
			'explicit deny by resource-based',
		],
		[
			'a bucket policy Deny naming the role, over a grant to the session',
			{
				identity: [],
				resource: [bucketPolicy({ AWS: SESSION }), bucketPolicy({ AWS: ROLE }, 'Deny')],
			},
			'explicit deny by resource-based',
		],
	])('%s', (_what, policies, expected) => {
		expect(outcome(getObject, policies)).toBe(expected);
	});
});

describe('a trust policy must allow, and naming the account delegates (sts:AssumeRole from a role session)', () => {
	// Evaluation logic: "IAM role trust policies and KMS key policies are exceptions to this logic, because they
	// must explicitly allow access for principals." STS API Reference, AssumeRole: "To allow a user to assume a
	// role in the same account, you can do either of the following: Attach a policy to the user that allows the
	// user to call AssumeRole (as long as the role's trust policy trusts the account). Add the user as a principal
	// directly in the role's trust policy."
	const assumeTournament: AuthzRequest = {
		principal: SESSION,
		action: 'sts:AssumeRole',
		resource: TOURNAMENT,
		context: { 'aws:PrincipalTag/role': 'organizer' },
	};
	const trust = (principal: unknown, extra: object = {}): NamedPolicy =>
		policy('FedplayTournament-trust-policy', 'trust', [
			{
				Sid: 'Organizers',
				Effect: 'Allow',
				Principal: principal,
				Action: 'sts:AssumeRole',
				...extra,
			},
		]);
	const organizers = { Condition: { StringEquals: { 'aws:PrincipalTag/role': 'organizer' } } };

	it.each<[string, Outcome, NamedPolicy, string | null, string | null | undefined]>([
		[
			'the account, no identity-based Allow',
			'deny by identity-based',
			trust({ AWS: ACCOUNT }),
			null,
			undefined,
		],
		[
			'the account, an identity-based Allow',
			'allow',
			trust({ AWS: ACCOUNT }),
			'sts:AssumeRole',
			undefined,
		],
		[
			'the account root ARN, an identity-based Allow',
			'allow',
			trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
			'sts:AssumeRole',
			undefined,
		],
		[
			'the account, an identity-based Allow, a session policy without it',
			'deny by session',
			trust({ AWS: ACCOUNT }),
			'sts:AssumeRole',
			null,
		],
		['the caller’s role, no identity-based Allow', 'allow', trust({ AWS: ROLE }), null, undefined],
		[
			'the caller’s role, a session policy without sts:AssumeRole',
			'deny by session',
			trust({ AWS: ROLE }),
			null,
			null,
		],
		['the caller’s session, no identity-based Allow', 'allow', trust({ AWS: SESSION }), null, null],
		[
			'another role, though the identity-based policy allows',
			'deny by trust',
			trust({ AWS: `${ROLE}X` }),
			'sts:AssumeRole',
			undefined,
		],
		[
			'a web identity provider, though the identity-based policy allows',
			'deny by trust',
			trust({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/localhost:4000` }),
			'sts:AssumeRole',
			undefined,
		],
		[
			'the caller’s role for organizers, an organizer',
			'allow',
			trust({ AWS: ROLE }, organizers),
			null,
			undefined,
		],
	])(
		'a trust policy naming %s: %s',
		(_what, expected, trustPolicy, identityAllows, sessionAllows) => {
			const policies: PolicySet = { identity: role(identityAllows), resource: [trustPolicy] };
			if (sessionAllows !== undefined) policies.session = sessionPolicy(sessionAllows);
			expect(outcome(assumeTournament, policies)).toBe(expected);
		},
	);

	it('denies a session without the organizer tag, charged to the role trust policy', () => {
		const request = { ...assumeTournament, context: { 'aws:PrincipalTag/role': 'player' } };
		const decision = evaluate(request, {
			identity: role('sts:AssumeRole'),
			resource: [trust({ AWS: ROLE }, organizers)],
		});
		expect(decision).toMatchObject({ decision: 'deny', denyKind: 'implicit', deniedBy: 'trust' });
		expect(decision.reason).toBe('because no role trust policy allows the sts:AssumeRole action');
		expect(decision.evaluated[1]?.conditions[0]).toMatchObject({
			actual: ['player'],
			matched: false,
		});
	});

	it('lets a bucket policy never stand in for the trust policy', () => {
		const decision = evaluate(assumeTournament, {
			identity: role('sts:AssumeRole'),
			resource: [
				policy('Other', 'resource-based', [
					{ Effect: 'Allow', Principal: { AWS: SESSION }, Action: 'sts:AssumeRole', Resource: '*' },
				]),
				trust({ AWS: `${ROLE}X` }),
			],
		});
		expect(decision.deniedBy).toBe('trust');
	});
});

describe('NotPrincipal, read strictly', () => {
	// NotPrincipal: "AWS might validate the account first, then the role, and then the assumed-role user", and
	// the guide's example lists the session, the role and the account to exempt a session from a Deny.
	const notPrincipal = (ids: string[], effect: 'Allow' | 'Deny') =>
		policy('BucketPolicy', 'resource-based', [
			{ Effect: effect, NotPrincipal: { AWS: ids }, Action: 's3:GetObject', Resource: '*' },
		]);
	const everything = role('s3:GetObject');

	it.each<[string, Outcome, string[]]>([
		['only the role', 'explicit deny by resource-based', [ROLE]],
		['only the account', 'explicit deny by resource-based', [`arn:aws:iam::${ACCOUNT}:root`]],
		[
			'the session, the role and the account',
			'allow',
			[SESSION, ROLE, `arn:aws:iam::${ACCOUNT}:root`],
		],
		['another role', 'explicit deny by resource-based', [`${ROLE}X`]],
	])('a Deny for everyone except %s: %s', (_what, expected, ids) => {
		expect(
			outcome(getObject, { identity: everything, resource: [notPrincipal(ids, 'Deny')] }),
		).toBe(expected);
	});

	it.each<[string, Outcome, string[]]>([
		['the role', 'deny by identity-based', [ROLE]],
		['the account', 'deny by identity-based', [ACCOUNT]],
		['another role', 'allow', [`${ROLE}X`]],
	])('an Allow for everyone except %s: %s', (_what, expected, ids) => {
		expect(outcome(getObject, { identity: [], resource: [notPrincipal(ids, 'Allow')] })).toBe(
			expected,
		);
	});
});

describe('sts:GetCallerIdentity needs no permission and cannot be denied', () => {
	// STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation. If an
	// administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity
	// action, you can still perform this operation."
	const whoAmI: AuthzRequest = {
		principal: SESSION,
		action: 'sts:GetCallerIdentity',
		resource: '*',
		context: {},
	};
	const denyAll = (type: PolicyType) =>
		policy('Deny', type, [{ Sid: 'NoSts', Effect: 'Deny', Action: 'sts:*', Resource: '*' }]);

	it.each<[string, AuthzRequest, PolicySet]>([
		['no policy at all', whoAmI, { identity: [] }],
		[
			'an explicit Deny in the identity-based policy',
			whoAmI,
			{ identity: [denyAll('identity-based')] },
		],
		['a session policy that allows nothing', whoAmI, { identity: [], session: [] }],
		[
			'an explicit Deny in the session policy',
			whoAmI,
			{ identity: role('*'), session: [denyAll('session')] },
		],
		[
			'the action in another case',
			{ ...whoAmI, action: 'STS:getcalleridentity' },
			{ identity: [denyAll('identity-based')] },
		],
	])('allows it with %s', (_what, request, policies) => {
		const decision = evaluate(request, policies);
		expect(decision).toMatchObject({
			decision: 'allow',
			denyKind: null,
			deniedBy: null,
			decidingStatement: null,
		});
		expect(decision.reason).toBe(
			`allowed without a policy: no permissions are required to perform ${request.action}`,
		);
	});

	it('still lists the Deny that matched, for the inspector', () => {
		const decision = evaluate(whoAmI, { identity: [denyAll('identity-based')] });
		expect(decision.evaluated.map((m) => [m.sid, m.effect])).toEqual([['NoSts', 'Deny']]);
	});

	it.each(['sts:DecodeAuthorizationMessage', 'sts:GetSessionToken', 'sts:GetCallerIdentityX'])(
		'leaves %s to the policies',
		(action) => {
			const decision = evaluate({ ...whoAmI, action }, { identity: [denyAll('identity-based')] });
			expect(decision.denyKind).toBe('explicit');
		},
	);
});
