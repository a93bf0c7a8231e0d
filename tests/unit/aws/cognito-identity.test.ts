import { describe, expect, it } from 'vitest';
import { CallLog } from '../../../src/lib/aws/call-log';
import { createCognitoIdentityCalls, errorCodeOf } from '../../../src/lib/aws/cognito-identity';
import { createClock } from '../../../src/lib/aws/clock';
import { awsErrorFacts } from '../../../src/lib/aws/errors';

/*
 * The app's fetch-based Cognito Identity client, against a recorded `fetch` (the sandbox's real answers are
 * exercised by the Chromium tests and tests/integration/cognito-*.test.ts). Request shapes follow botocore's
 * cognito-identity model (JSON 1.1, AWSCognitoIdentityService target prefix).
 */

const POOL = 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9';
const IDENTITY = 'us-east-1:11111111-2222-3333-4444-555555555555';
// A JWT-shaped token (not signed: the client never verifies).
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID_TOKEN = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss: 'http://localhost:4000', sub: 'alice', aud: 'fedplay-web' })}.${'s'.repeat(40)}`;
const COGNITO_TOKEN = `${b64({ alg: 'RS512', kid: 'us-east-1-1' })}.${b64({ iss: 'https://cognito-identity.amazonaws.com', sub: IDENTITY, aud: POOL, amr: ['authenticated', 'localhost:4000'] })}.${'t'.repeat(40)}`;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
const SESSION = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENVALUE1234567890';

interface Sent {
	url: string;
	init: RequestInit;
}

function fakeFetch(answer: { status?: number; body: unknown; headers?: Record<string, string> }) {
	const sent: Sent[] = [];
	const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
		sent.push({ url: String(url), init: init ?? {} });
		return new Response(
			typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body),
			{
				status: answer.status ?? 200,
				headers: {
					'content-type': 'application/x-amz-json-1.1',
					'x-amzn-RequestId': 'req-1',
					...answer.headers,
				},
			},
		);
	};
	return { sent, fetch: fetch as typeof globalThis.fetch };
}

function client(fetch: typeof globalThis.fetch, log = new CallLog()) {
	return {
		log,
		calls: createCognitoIdentityCalls({
			region: 'us-east-1',
			endpoint: 'http://localhost:4566',
			fetch,
			callLog: log,
		}),
	};
}

describe('the Cognito Identity client', () => {
	it('sends GetId as an unsigned JSON 1.1 POST with its target and Logins', async () => {
		const { sent, fetch } = fakeFetch({ body: { IdentityId: IDENTITY } });
		const { calls } = client(fetch);
		const answer = await calls.getId({
			IdentityPoolId: POOL,
			Logins: { 'localhost:4000': ID_TOKEN },
		});
		expect(answer).toEqual({ IdentityId: IDENTITY });
		expect(sent).toHaveLength(1);
		const [{ url, init }] = sent as [Sent];
		expect(url).toBe('http://localhost:4566');
		expect(init.method).toBe('POST');
		expect(init.credentials).toBe('omit');
		expect(init.headers).toEqual({
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': 'AWSCognitoIdentityService.GetId',
		});
		expect(Object.keys(init.headers as object)).not.toContain('Authorization');
		expect(JSON.parse(String(init.body))).toEqual({
			IdentityPoolId: POOL,
			Logins: { 'localhost:4000': ID_TOKEN },
		});
	});

	it('uses the region’s endpoint without an override', async () => {
		const { sent, fetch } = fakeFetch({ body: { IdentityId: IDENTITY } });
		await createCognitoIdentityCalls({ region: 'eu-west-1', fetch, callLog: null }).getId({
			IdentityPoolId: POOL,
		});
		expect(sent[0]!.url).toBe('https://cognito-identity.eu-west-1.amazonaws.com/');
	});

	it('reads credentials with SecretKey and Expiration in epoch seconds', async () => {
		const { fetch } = fakeFetch({
			body: {
				IdentityId: IDENTITY,
				Credentials: {
					AccessKeyId: 'ASIAEXAMPLE000000001',
					SecretKey: SECRET,
					SessionToken: SESSION,
					Expiration: 1_767_272_400,
				},
			},
		});
		const { calls } = client(fetch);
		const answer = await calls.getCredentialsForIdentity({ IdentityId: IDENTITY });
		expect(answer.Credentials).toEqual({
			AccessKeyId: 'ASIAEXAMPLE000000001',
			SecretKey: SECRET,
			SessionToken: SESSION,
			Expiration: 1_767_272_400_000,
		});
	});

	it('refuses an answer without credentials rather than handing out half of them', async () => {
		const { fetch } = fakeFetch({
			body: { IdentityId: IDENTITY, Credentials: { AccessKeyId: 'ASIA' } },
		});
		await expect(
			client(fetch).calls.getCredentialsForIdentity({ IdentityId: IDENTITY }),
		).rejects.toMatchObject({ name: 'SerializationException' });
	});

	it('turns Cognito’s error into the SDK’s shape, code from x-amzn-ErrorType', async () => {
		const { fetch } = fakeFetch({
			status: 400,
			headers: { 'x-amzn-ErrorType': 'NotAuthorizedException:' },
			body: {
				__type: 'NotAuthorizedException',
				message: 'Unauthenticated access is not supported for this identity pool.',
			},
		});
		const error = await client(fetch)
			.calls.getId({ IdentityPoolId: POOL })
			.catch((e: unknown) => e);
		expect(awsErrorFacts(error)).toMatchObject({
			code: 'NotAuthorizedException',
			message: 'Unauthenticated access is not supported for this identity pool.',
			status: 400,
			requestId: 'req-1',
			category: 'identity-pool',
		});
	});

	it('reads the bare code out of every form AWS sends it in', () => {
		expect(errorCodeOf('ResourceNotFoundException:http://internal.amazon.com/', null)).toBe(
			'ResourceNotFoundException',
		);
		expect(
			errorCodeOf(null, { __type: 'com.amazonaws.cognito.identity#InvalidParameterException' }),
		).toBe('InvalidParameterException');
		expect(errorCodeOf(null, {})).toBe('UnknownError');
	});

	it('logs each call with Logins, secrets and tokens redacted, and the tokens’ claims decoded', async () => {
		const log = new CallLog();
		const first = fakeFetch({ body: { IdentityId: IDENTITY, Token: COGNITO_TOKEN } });
		await client(first.fetch, log).calls.getOpenIdToken({
			IdentityId: IDENTITY,
			Logins: { 'localhost:4000': ID_TOKEN },
		});
		const second = fakeFetch({
			body: {
				IdentityId: IDENTITY,
				Credentials: {
					AccessKeyId: 'ASIAEXAMPLE000000001',
					SecretKey: SECRET,
					SessionToken: SESSION,
					Expiration: 1_767_272_400,
				},
			},
		});
		await client(second.fetch, log).calls.getCredentialsForIdentity({ IdentityId: IDENTITY });
		const [openId, credentials] = log.entries();
		expect(openId).toMatchObject({
			service: 'CognitoIdentity',
			operation: 'GetOpenIdToken',
			ok: true,
			status: 200,
			requestId: 'req-1',
		});
		expect(openId!.identityToken?.claims.amr).toEqual(['authenticated', 'localhost:4000']);
		const everything = JSON.stringify(log.entries());
		for (const secret of [ID_TOKEN, COGNITO_TOKEN, SECRET, SESSION]) {
			expect(everything).not.toContain(secret);
			expect(log.exportJson()).not.toContain(secret);
		}
		expect(credentials!.output).toMatchObject({ IdentityId: IDENTITY });
		expect(openId!.input).toMatchObject({ IdentityId: IDENTITY });
	});

	it('logs a failure with what the code means, and a network failure with no status', async () => {
		const log = new CallLog();
		const { fetch } = fakeFetch({
			status: 400,
			body: { __type: 'ResourceNotFoundException', message: `IdentityPool '${POOL}' not found.` },
		});
		await client(fetch, log)
			.calls.getId({ IdentityPoolId: POOL })
			.catch(() => {});
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof globalThis.fetch;
		await client(offline, log)
			.calls.getId({ IdentityPoolId: POOL })
			.catch(() => {});
		const [notFound, network] = log.entries();
		expect(notFound).toMatchObject({
			ok: false,
			status: 400,
			error: { code: 'ResourceNotFoundException', category: 'identity-pool' },
		});
		expect(network).toMatchObject({ ok: false, status: null, error: { category: 'network' } });
	});

	it('feeds the corrected clock from the answer’s Date header', async () => {
		const clock = createClock();
		const ahead = new Date(Date.now() + 600_000).toUTCString();
		const { fetch } = fakeFetch({ body: { IdentityId: IDENTITY }, headers: { date: ahead } });
		await createCognitoIdentityCalls({
			region: 'us-east-1',
			fetch,
			clock,
			callLog: null,
		}).getId({ IdentityPoolId: POOL });
		expect(clock.skewMs).toBeGreaterThan(590_000);
	});
});
