import { describe, expect, it } from 'vitest';
import { CallLog, type CallLogEntry } from '../../../src/lib/aws/call-log';
import { claimTimes, decodeJwt } from '../../../src/lib/aws/jwt';
import { identityTokenOf, sanitizeForLog } from '../../../src/lib/aws/sanitize';
import { buildFlow, type FlowContext } from '../../../src/lib/inspector/flow';
import { knownPolicySet, roleFromTemplate } from '../../../src/lib/inspector/role-policies';
import { sessionFacts, sessionIdentity } from '../../../src/lib/inspector/session-facts';
import { env } from '../iam/request/dynamodb-fixture';
import { dynamoDBRequest, s3Request } from './recorded';
import { config, ROLE } from './session-config';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = {
	iss: 'http://localhost:4000',
	sub: 'alice',
	aud: 'fedplay-web',
	iat: 1_700_000_000,
	exp: 1_700_003_600,
	name: 'Alice',
};
const ID_TOKEN = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(claims)}.${'s'.repeat(40)}`;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLESECRETKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENaVeryLongOpaqueValue0123456789';
const ARN = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/alice';

describe('decodeJwt', () => {
	it('reads the header and claims, and exp/iat as dates', () => {
		const decoded = decodeJwt(ID_TOKEN);
		expect(decoded?.header).toEqual({ alg: 'RS256', kid: 'k1' });
		expect(decoded?.claims.sub).toBe('alice');
		expect(claimTimes(claims).exp?.toISOString()).toBe('2023-11-14T23:13:20.000Z');
	});

	it.each(['', 'a.b', 'not.a.jwt', `${b64({ alg: 'x' })}.bm90IGpzb24.sig`])(
		'returns null for %j',
		(token) => {
			expect(decodeJwt(token)).toBeNull();
		},
	);
});

describe('sanitizeForLog', () => {
	it('redacts secret fields and JWTs, and drops bodies and metadata', () => {
		const out = sanitizeForLog({
			WebIdentityToken: ID_TOKEN,
			Credentials: { SecretAccessKey: SECRET, SessionToken: SESSION_TOKEN, AccessKeyId: 'ASIAX' },
			Body: new Uint8Array(10),
			Expiration: new Date('2030-01-01T00:00:00Z'),
			$metadata: { requestId: 'r' },
		});
		const text = JSON.stringify(out);
		for (const secret of [ID_TOKEN, SECRET, SESSION_TOKEN]) expect(text).not.toContain(secret);
		expect(out).toMatchObject({
			Body: '[body]',
			Expiration: '2030-01-01T00:00:00.000Z',
			Credentials: { AccessKeyId: 'ASIAX' },
		});
		expect(out).not.toHaveProperty('$metadata');
	});

	it('keeps DynamoDB keys as they were, so a denial can be rebuilt', () => {
		const input = { TableName: 'GameScores', Key: { UserId: { S: 'bob' } } };
		expect(sanitizeForLog(input)).toEqual(input);
	});

	it('decodes the WebIdentityToken of an AssumeRoleWithWebIdentity input', () => {
		expect(identityTokenOf({ WebIdentityToken: ID_TOKEN })?.claims.sub).toBe('alice');
		expect(identityTokenOf({})).toBeUndefined();
	});
});

function entry(partial: Partial<CallLogEntry> & Pick<CallLogEntry, 'service' | 'operation'>) {
	return {
		status: 200,
		ok: true,
		durationMs: 5,
		requestId: 'r',
		time: '2024-01-01T00:00:00.000Z',
		attempts: 1,
		retried: false,
		attemptStatuses: [200],
		request: null,
		response: null,
		...partial,
	};
}

const bobsItem = {
	TableName: 'GameScores',
	Key: { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'TokenRush' } },
};

function session(): CallLogEntry[] {
	const log = new CallLog();
	const assume = (policy?: string) =>
		log.add(
			entry({
				service: 'STS',
				operation: 'AssumeRoleWithWebIdentity',
				input: sanitizeForLog({
					RoleArn: ROLE,
					RoleSessionName: 'alice',
					WebIdentityToken: ID_TOKEN,
					...(policy ? { Policy: policy } : {}),
				}),
				output: sanitizeForLog({
					Credentials: {
						AccessKeyId: 'ASIAEXAMPLE',
						SecretAccessKey: SECRET,
						SessionToken: SESSION_TOKEN,
						Expiration: new Date('2030-01-01T00:00:00Z'),
					},
					AssumedRoleUser: { Arn: ARN, AssumedRoleId: 'AROAEXAMPLE:alice' },
					SubjectFromWebIdentityToken: 'alice',
					Audience: 'fedplay-web',
					Provider: 'localhost:4000',
					PackedPolicySize: 6,
				}),
				identityToken: identityTokenOf({ WebIdentityToken: ID_TOKEN }),
			}),
		);
	assume();
	log.add(
		entry({
			service: 'STS',
			operation: 'GetCallerIdentity',
			output: { Account: '123456789012', Arn: ARN, UserId: 'AROAEXAMPLE:alice' },
		}),
	);
	log.add(
		entry({
			service: 'S3',
			operation: 'GetObject',
			input: { Bucket: 'fedplay-game-data', Key: 'players/oidc1/alice/profile.json' },
			request: s3Request(
				'GET',
				'/fedplay-game-data/players/oidc1/alice/profile.json?x-id=GetObject',
			),
		}),
	);
	log.add(
		entry({
			service: 'DynamoDB',
			operation: 'GetItem',
			status: 400,
			ok: false,
			input: bobsItem,
			request: dynamoDBRequest('GetItem', bobsItem),
			error: {
				category: 'access-denied',
				code: 'AccessDeniedException',
				message: `User: ${ARN} is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/GameScores because no identity-based policy allows the dynamodb:GetItem action`,
			},
		}),
	);
	assume(
		'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
	);
	return [...log.entries()];
}

describe('sessionFacts', () => {
	it('reads the last AssumeRoleWithWebIdentity and GetCallerIdentity, with no secret', () => {
		const facts = sessionFacts(session());
		expect(facts).toMatchObject({
			roleArn: ROLE,
			assumedRoleArn: ARN,
			assumedRoleId: 'AROAEXAMPLE:alice',
			subjectFromWebIdentityToken: 'alice',
			audience: 'fedplay-web',
			provider: 'localhost:4000',
			packedPolicySize: 6,
			accessKeyId: 'ASIAEXAMPLE',
			callerIdentity: { account: '123456789012', arn: ARN },
			assumeCount: 2,
		});
		expect(facts?.sessionPolicy).toContain('s3:*');
		expect(facts?.identityToken?.claims.name).toBe('Alice');
		const text = JSON.stringify(facts);
		for (const secret of [ID_TOKEN, SECRET, SESSION_TOKEN]) expect(text).not.toContain(secret);
	});

	it('is null before any role was assumed', () => {
		expect(sessionFacts([])).toBeNull();
		expect(sessionIdentity(null, config)).toBeNull();
	});

	it('gives the identity a denied request is rebuilt with', () => {
		expect(sessionIdentity(sessionFacts(session()), config)).toEqual({
			principal: ARN,
			provider: 'localhost:4000',
			sub: 'alice',
			aud: 'fedplay-web',
			accountId: '123456789012',
			region: 'us-east-1',
			// Where the calls went: the config's bucket and endpoint (path-style at localhost), the
			// template's table: the sandbox's environment as the mapping's own tests see it.
			environment: env,
		});
	});

	it('without STS’s Audience, gives :aud what STS saw: the token’s azp when set', () => {
		const facts = {
			assumedRoleArn: ARN,
			subjectFromWebIdentityToken: 'alice',
			provider: 'http://localhost:4000',
			audience: null,
			identityToken: {
				header: {},
				claims: { iss: 'http://localhost:4000', azp: 'fedplay-web', aud: ['api', 'fedplay-web'] },
			},
		};
		expect(sessionIdentity(facts, config)?.aud).toBe('fedplay-web');
		const noAzp = { ...facts, identityToken: { header: {}, claims: { aud: ['api', 'x'] } } };
		expect(sessionIdentity(noAzp, config)).not.toHaveProperty('aud');
	});
});

describe('buildFlow', () => {
	const entries = session();
	const role = roleFromTemplate(config, ROLE);
	const context: FlowContext = {
		identity: sessionIdentity(sessionFacts(entries), config, 'oidc1'),
		policies: knownPolicySet(role, null),
		role,
	};
	const steps = buildFlow(entries, context);

	it('draws the session in order: sign-in, assume, caller identity, data calls, re-assume', () => {
		expect(steps.map((s) => [s.kind, s.from, s.to])).toEqual([
			['sign-in', 'provider', 'browser'],
			['assume-role', 'browser', 'sts'],
			['caller-identity', 'browser', 'sts'],
			['data-call', 'browser', 's3'],
			['denial', 'browser', 'dynamodb'],
			['refresh', 'browser', 'sts'],
		]);
	});

	it('shows the ID token claims on the sign-in step, and the trust policy on AssumeRole', () => {
		expect(steps[0]?.token?.claims.sub).toBe('alice');
		expect(steps[0]?.time).toBe('2023-11-14T22:13:20.000Z');
		expect(steps[1]?.policy?.json).toContain('sts:AssumeRoleWithWebIdentity');
		expect(steps[5]?.label).toContain('session policy');
	});

	it('names the statement that allowed a data call', () => {
		expect(steps[3]?.policy?.title).toBe(
			's3:GetObject allowed by statement OwnObjects of FedplayPlayerData',
		);
	});

	it('explains a denial with the failing condition and its values', () => {
		expect(steps[4]?.proves).toContain(
			'dynamodb:LeadingKeys was [oidc1/bob]; the policy requires your partition key [oidc1/alice]',
		);
		expect(steps[4]?.reply).toBe('400 AccessDeniedException');
	});
});
