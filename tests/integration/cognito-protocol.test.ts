/**
 * Cognito Identity's wire protocol on the sandbox endpoint, read raw (fetch) where the SDK would hide it:
 * AWS JSON 1.1 in and out, errors as `{"__type", "message"}` with `x-amzn-ErrorType`, `x-amzn-ErrorMessage` and
 * `x-amzn-RequestId`, CORS for any origin with the SDK's headers exposed, the model's validation messages,
 * and credentials with `SecretKey` and an epoch-seconds `Expiration`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { poolOf } from './cognito-clients';
import { startTestSandbox } from './gateway-clients';

let sandbox: Sandbox;
let poolId: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	poolId = poolOf(sandbox).id;
});

afterAll(async () => {
	await sandbox?.close();
});

/** One raw Cognito Identity call. */
function call(
	operation: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	return fetch(sandbox.awsEndpoint, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `AWSCognitoIdentityService.${operation}`,
			...headers,
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

async function errorOf(response: Response) {
	return {
		status: response.status,
		body: (await response.json()) as unknown,
		type: response.headers.get('x-amzn-errortype'),
		headerMessage: response.headers.get('x-amzn-errormessage'),
	};
}

describe('the JSON 1.1 protocol', () => {
	it('answers GetId with an identity id in the pool’s region, as application/x-amz-json-1.1', async () => {
		const response = await call('GetId', { IdentityPoolId: poolId });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
		expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
		const body = (await response.json()) as { IdentityId: string };
		expect(Object.keys(body)).toEqual(['IdentityId']);
		expect(body.IdentityId).toMatch(
			/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});

	it('returns credentials with SecretKey, not SecretAccessKey, and Expiration in epoch seconds', async () => {
		const { IdentityId } = (await (await call('GetId', { IdentityPoolId: poolId })).json()) as {
			IdentityId: string;
		};
		const before = Date.now() / 1000;
		const response = await call('GetCredentialsForIdentity', { IdentityId });
		const body = (await response.json()) as {
			IdentityId: string;
			Credentials: Record<string, unknown>;
		};
		expect(body.IdentityId).toBe(IdentityId);
		expect(Object.keys(body.Credentials).sort()).toEqual([
			'AccessKeyId',
			'Expiration',
			'SecretKey',
			'SessionToken',
		]);
		expect(body.Credentials['AccessKeyId']).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(typeof body.Credentials['Expiration']).toBe('number');
		const expiration = body.Credentials['Expiration'] as number;
		expect(Number.isInteger(expiration)).toBe(true);
		// An hour, whole seconds: the enhanced flow's session length.
		expect(expiration - before).toBeGreaterThan(3590);
		expect(expiration - before).toBeLessThanOrEqual(3601);
	});

	it('answers an error with __type and message, and the same in x-amzn-ErrorType and x-amzn-ErrorMessage', async () => {
		const missing = 'us-east-1:00000000-0000-4000-8000-000000000000';
		const error = await errorOf(await call('GetId', { IdentityPoolId: missing }));
		expect(error).toEqual({
			status: 400,
			body: {
				__type: 'ResourceNotFoundException',
				message: `IdentityPool '${missing}' not found.`,
			},
			type: 'ResourceNotFoundException:',
			headerMessage: `IdentityPool '${missing}' not found.`,
		});
	});

	it.each([
		['not JSON', '{"IdentityPoolId":'],
		['a list', '[]'],
		['a string', '"us-east-1:0"'],
		['null', 'null'],
	])('refuses a body that is %s with SerializationException', async (_, body) => {
		const error = await errorOf(await call('GetId', body));
		expect(error.status).toBe(400);
		expect(error.body).toEqual({
			__type: 'SerializationException',
			message: 'Start of structure or map found where not expected.',
		});
	});

	it.each([
		['IdentityPoolId', { IdentityPoolId: 5 }, "Expected a string at 'identityPoolId'."],
		['Logins', { IdentityPoolId: 'us-east-1:0', Logins: ['x'] }, "Expected a map at 'logins'."],
		[
			'a login token',
			{ IdentityPoolId: 'us-east-1:0', Logins: { a: 1 } },
			"Expected a string at 'logins.a'.",
		],
	])('refuses %s of the wrong JSON type with SerializationException', async (_, body, message) => {
		expect((await errorOf(await call('GetId', body))).body).toEqual({
			__type: 'SerializationException',
			message,
		});
	});

	it('refuses an unknown operation with UnknownOperationException', async () => {
		const error = await errorOf(await call('GetSecrets', {}));
		expect(error.status).toBe(400);
		expect(error.body).toEqual({ __type: 'UnknownOperationException', message: '' });
	});

	it('says which real operations it does not emulate (501), instead of pretending they do not exist', async () => {
		const error = await errorOf(await call('CreateIdentityPool', {}));
		expect(error.status).toBe(501);
		expect(error.body).toMatchObject({ __type: 'NotImplemented' });
		expect((error.body as { message: string }).message).toContain('infra/fedplay.template.json');
	});
});

describe('the model’s constraints, in Cognito’s words (ValidationException)', () => {
	const pattern = 'Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+';
	it.each([
		['us-east-1_AbCdEf', 'a user pool id'],
		['us-east-1', 'no GUID'],
		['us-east-1:ABCDEF', 'upper-case hex'],
		['us east 1:abc', 'a space'],
	])('refuses the pool id %j (%s)', async (value) => {
		const error = await errorOf(await call('GetId', { IdentityPoolId: value }));
		expect(error.status).toBe(400);
		expect(error.body).toEqual({
			__type: 'ValidationException',
			message: `1 validation error detected: Value '${value}' at 'identityPoolId' failed to satisfy constraint: ${pattern}`,
		});
	});

	it('lists every violation of one member', async () => {
		const value = `us-east-1:${'a'.repeat(46)}`;
		expect((await errorOf(await call('GetId', { IdentityPoolId: value }))).body).toEqual({
			__type: 'ValidationException',
			message: `1 validation error detected: Value '${value}' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55`,
		});
		expect((await errorOf(await call('GetId', { IdentityPoolId: '' }))).body).toEqual({
			__type: 'ValidationException',
			message: `2 validation errors detected: Value '' at 'identityPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'identityPoolId' failed to satisfy constraint: ${pattern}`,
		});
	});

	it.each([
		[
			'GetId',
			{},
			"Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
		],
		[
			'GetCredentialsForIdentity',
			{ IdentityId: null },
			"Value null at 'identityId' failed to satisfy constraint: Member must not be null",
		],
		[
			'UnlinkIdentity',
			{ IdentityId: 'us-east-1:0', Logins: {} },
			"Value null at 'loginsToRemove' failed to satisfy constraint: Member must not be null",
		],
	])('%s without a required member', async (operation, body, problem) => {
		expect((await errorOf(await call(operation, body))).body).toEqual({
			__type: 'ValidationException',
			message: `1 validation error detected: ${problem}`,
		});
	});

	it('refuses more than 10 logins, an empty provider name and an empty token', async () => {
		const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 't']));
		expect(
			(await errorOf(await call('GetId', { IdentityPoolId: poolId, Logins: eleven }))).body,
		).toEqual({
			__type: 'ValidationException',
			message:
				"1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10",
		});
		const empty = { IdentityPoolId: poolId, Logins: { '': 'token', x: '' } };
		expect((await errorOf(await call('GetId', empty))).body).toEqual({
			__type: 'ValidationException',
			message:
				"2 validation errors detected: Value at 'logins' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]; Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length greater than or equal to 1]",
		});
	});

	it('never echoes a login token in a validation message', async () => {
		const token = `secret-${'x'.repeat(50_000)}`;
		const error = await errorOf(
			await call('GetId', { IdentityPoolId: poolId, Logins: { k: token } }),
		);
		expect(JSON.stringify(error.body)).not.toContain('secret-');
		expect(error.body).toMatchObject({ __type: 'ValidationException' });
	});
});

describe('CORS, as Cognito Identity answers browsers', () => {
	it('allows any origin on an answer and exposes the headers the SDK reads', async () => {
		for (const origin of ['https://game.example.org', 'http://localhost:5173']) {
			const response = await call('GetId', { IdentityPoolId: poolId }, { Origin: origin });
			expect(response.headers.get('access-control-allow-origin')).toBe('*');
			const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
			for (const name of ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'])
				expect(exposed.split(',')).toContain(name);
		}
		const error = await call('GetId', { IdentityPoolId: 'x' }, { Origin: 'https://a.example' });
		expect(error.status).toBe(400);
		expect(error.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('answers the preflight of an unsigned call from any origin, for POST and the headers asked', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'OPTIONS',
			headers: {
				Origin: 'https://game.example.org',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers':
					'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
			},
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		expect(response.headers.get('access-control-allow-methods')).toBe('POST');
		expect(response.headers.get('access-control-allow-headers')).toBe(
			'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
		);
		expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
	});

	it('still answers a signed call’s preflight (DynamoDB’s) only for the app’s origins', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'OPTIONS',
			headers: {
				Origin: 'https://game.example.org',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers': 'authorization,content-type,x-amz-date,x-amz-target',
			},
		});
		expect(response.status).toBe(403);
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
	});
});
