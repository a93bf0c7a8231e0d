import { describe, expect, it } from 'vitest';
import { CallLog } from '../../../src/lib/aws/call-log';
import { createCognitoIdentityCalls } from '../../../src/lib/aws/cognito-identity';
import { buildFlow, LIFELINES } from '../../../src/lib/inspector/flow';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';
import { toCognitoError } from '../../../src/lib/federation/errors';

/*
 * The flow view and the explainer on Amazon Cognito's calls: the steps come from the session's real
 * (logged) requests, made here by the app's own Cognito client against a recorded fetch.
 */

const POOL = 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9';
const IDENTITY = 'us-east-1:00000000-0000-0000-0000-00000000000b';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID_TOKEN = `${b64({ alg: 'RS256' })}.${b64({ iss: 'http://localhost:4000', sub: 'alice', aud: 'fedplay-web', iat: 1_767_268_800 })}.${'s'.repeat(40)}`;
const COGNITO_TOKEN = `${b64({ alg: 'RS512' })}.${b64({ iss: 'https://cognito-identity.amazonaws.com', sub: IDENTITY, aud: POOL, amr: ['authenticated', 'localhost:4000'] })}.${'t'.repeat(40)}`;

function answering(body: unknown, status = 200) {
	return (async () =>
		new Response(JSON.stringify(body), {
			status,
			headers:
				status === 200 ? {} : { 'x-amzn-ErrorType': `${(body as { __type: string }).__type}:` },
		})) as typeof fetch;
}

async function logged(...steps: [string, unknown, number?][]) {
	const log = new CallLog();
	for (const [operation, body, status] of steps) {
		const calls = createCognitoIdentityCalls({
			region: 'us-east-1',
			fetch: answering(body, status),
			callLog: log,
		});
		const logins = { Logins: { 'localhost:4000': ID_TOKEN } };
		const call =
			operation === 'GetId'
				? calls.getId({ IdentityPoolId: POOL, ...logins })
				: operation === 'GetOpenIdToken'
					? calls.getOpenIdToken({ IdentityId: IDENTITY, ...logins })
					: calls.getCredentialsForIdentity({ IdentityId: IDENTITY, ...logins });
		await call.catch(() => {});
	}
	return log.entries();
}

const context = { identity: null, policies: { identity: [] }, role: null };

describe('the flow view on an identity pool session', () => {
	it('has a Cognito lifeline between the provider and STS', () => {
		expect(LIFELINES.map((l) => l.id)).toEqual([
			'browser',
			'provider',
			'cognito',
			'sts',
			's3',
			'dynamodb',
		]);
	});

	it('draws the sign-in, then GetId and GetCredentialsForIdentity to Cognito (enhanced flow)', async () => {
		const entries = await logged(
			['GetId', { IdentityId: IDENTITY }],
			[
				'GetCredentialsForIdentity',
				{
					IdentityId: IDENTITY,
					Credentials: {
						AccessKeyId: 'ASIAX',
						SecretKey: 'k'.repeat(40),
						SessionToken: 't'.repeat(60),
						Expiration: 1_767_272_400,
					},
				},
			],
		);
		const steps = buildFlow(entries, context as never);
		expect(steps.map((s) => [s.kind, s.from, s.to])).toEqual([
			['sign-in', 'provider', 'browser'],
			['cognito', 'browser', 'cognito'],
			['cognito', 'browser', 'cognito'],
		]);
		expect(steps[1]!.label).toBe('GetId (Logins: localhost:4000)');
		expect(steps[1]!.proves).toContain(IDENTITY);
		expect(steps[2]!.reply).toBe('200 · credentials');
		expect(steps[2]!.proves).toMatch(/Enhanced flow/);
	});

	it('draws GetOpenIdToken with the Cognito token’s amr (basic flow), and a refusal in plain words', async () => {
		const entries = await logged(
			['GetOpenIdToken', { IdentityId: IDENTITY, Token: COGNITO_TOKEN }],
			[
				'GetCredentialsForIdentity',
				{
					__type: 'NotAuthorizedException',
					message: `Access to Identity '${IDENTITY}' is forbidden.`,
				},
				400,
			],
		);
		const steps = buildFlow(entries, context as never).filter((s) => s.kind === 'cognito');
		expect(steps[0]!.proves).toContain('"authenticated","localhost:4000"');
		expect(steps[1]).toMatchObject({ ok: false, reply: '400 NotAuthorizedException' });
		expect(steps[1]!.proves).toMatch(/merged into another identity|disabled/);
	});
});

describe('Cognito’s errors in plain words', () => {
	const cases: [string, string, RegExp, string][] = [
		[
			'NotAuthorizedException',
			'Unauthenticated access is not supported for this identity pool.',
			/does not allow guests/,
			'Guests cannot play here',
		],
		[
			'NotAuthorizedException',
			"Logins don't match. Please include at least one valid login for this identity or identity pool.",
			/no login sent with the request is one of its logins/,
			'This identity belongs to someone else',
		],
		[
			'NotAuthorizedException',
			'Invalid login token. Token expired: 1767268800 >= 1767268000',
			/had expired/,
			'Your sign-in has expired',
		],
		[
			'NotAuthorizedException',
			"Invalid login token. Issuer doesn't match providerName",
			/did not accept the ID token/,
			'The identity pool did not accept your sign-in',
		],
		[
			'NotAuthorizedException',
			`Access to Identity '${IDENTITY}' is forbidden.`,
			/merged into/,
			'This identity was merged into another one',
		],
		[
			'ResourceNotFoundException',
			`IdentityPool '${POOL}' not found.`,
			/no such identity pool/,
			'The identity pool was not found',
		],
		[
			'InvalidIdentityPoolConfigurationException',
			'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
			/no role for this kind of identity/,
			'The identity pool is not set up',
		],
		[
			'InvalidParameterException',
			'Basic (classic) flow is not enabled, please use enhanced flow.',
			/basic \(classic\) flow/,
			'The basic flow is turned off for this pool',
		],
	];

	it.each(cases)('%s: %s', async (code, message, meaning, title) => {
		const error = Object.assign(new Error(message), {
			name: code,
			$metadata: { httpStatusCode: 400, requestId: 'r' },
		});
		const app = await toCognitoError(error);
		expect(app.message).toMatch(meaning);
		expect(app.details).toMatchObject({ title, upstreamCode: code, upstreamMessage: message });
		const explained = explainAwsError(error);
		expect(explained.code).toBe(code);
		expect(explained.summary).toMatch(meaning);
	});

	it('an expired login token ends the sign-in (the source renews it first)', async () => {
		const error = Object.assign(new Error('Invalid login token. Token expired: 1 >= 0'), {
			name: 'NotAuthorizedException',
		});
		expect((await toCognitoError(error)).code).toBe('session-expired');
	});

	it('DynamoDB’s ResourceNotFoundException keeps its own meaning in the explainer', () => {
		const error = Object.assign(new Error('Requested resource not found'), {
			name: 'ResourceNotFoundException',
			$metadata: { httpStatusCode: 400 },
		});
		expect(explainAwsError(error).category).toBe('not-found');
	});
});
