/**
 * The sandbox STS with the real `@aws-sdk/client-sts`: AssumeRoleWithWebIdentity (unsigned) with every
 * documented response field and every parameter limit; GetCallerIdentity and DecodeAuthorizationMessage signed
 * with the temporary credentials, refusing a wrong secret, a foreign token, expiry and clock skew.
 */
import {
	AssumeRoleWithWebIdentityCommand,
	DecodeAuthorizationMessageCommand,
	GetCallerIdentityCommand,
	STSClient,
	type AssumeRoleWithWebIdentityCommandInput,
	type Credentials,
} from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FREE_PORTS, createSandbox, sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { createAuthorizationMessageCodec } from '../../sandbox/sts';
import { sendRaw, sendSigned } from './gateway-raw';
import { stsFailure as failure } from './sts-clients';

let sandbox: Sandbox;
let anonymous: STSClient;
const sentHeaders: Record<string, string>[] = [];

beforeAll(async () => {
	sandbox = await createSandbox(FREE_PORTS);
	anonymous = new STSClient({ region: 'us-east-1', endpoint: sandbox.awsEndpoint, maxAttempts: 1 });
	// Innermost step: sees the request exactly as it goes on the wire, after any signing.
	anonymous.middlewareStack.add(
		(next) => async (args) => {
			sentHeaders.push({ ...(args.request as { headers: Record<string, string> }).headers });
			return next(args);
		},
		{ step: 'deserialize', name: 'captureHeaders' },
	);
});

afterAll(async () => {
	anonymous?.destroy();
	await sandbox?.close();
});

afterEach(() => sandbox.clock.reset());

async function assume(input: Partial<AssumeRoleWithWebIdentityCommandInput> = {}) {
	return anonymous.send(
		new AssumeRoleWithWebIdentityCommand({
			RoleArn: sandbox.roleArns[0],
			RoleSessionName: 'fedplay-alice',
			WebIdentityToken: await sandbox.idps[0]!.issueIdToken('alice'),
			DurationSeconds: 900,
			...input,
		}),
	);
}

/** A client signing with `credentials`; `clockOffsetMs` shifts its signing time. */
function signedClient(credentials: Credentials, clockOffsetMs = 0): STSClient {
	return new STSClient({
		region: 'us-east-1',
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
		systemClockOffset: clockOffsetMs,
		credentials: {
			accessKeyId: credentials.AccessKeyId!,
			secretAccessKey: credentials.SecretAccessKey!,
			sessionToken: credentials.SessionToken!,
		},
	});
}

describe('AssumeRoleWithWebIdentity', () => {
	it('answers with every documented field and fresh credentials bound to the player', async () => {
		const before = Math.floor(Date.now() / 1000) * 1000; // STS expirations carry whole seconds
		const policy = JSON.stringify({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
		});
		const answer = await assume({ Policy: policy });
		const accountId = sandbox.config.accountId;
		expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(answer.Credentials?.SecretAccessKey).toHaveLength(40);
		expect(answer.Credentials?.SessionToken?.length).toBeGreaterThan(200);
		const expiration = answer.Credentials!.Expiration!.getTime();
		expect(expiration).toBeGreaterThanOrEqual(before + 900_000);
		expect(expiration).toBeLessThanOrEqual(Date.now() + 900_000);
		expect(answer.SubjectFromWebIdentityToken).toBe('alice');
		expect(answer.AssumedRoleUser?.Arn).toBe(
			`arn:aws:sts::${accountId}:assumed-role/fedplay-player/fedplay-alice`,
		);
		expect(answer.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:fedplay-alice$/);
		expect(answer.Provider).toBe(sandbox.issuers[0]);
		expect(answer.Audience).toBe(sandbox.config.clientId);
		expect(answer.PackedPolicySize).toBeGreaterThan(0);
		expect(answer.PackedPolicySize).toBeLessThanOrEqual(100);
		expect(answer.SourceIdentity).toBe('alice@fedplay-id.example');
	});

	it('is sent unsigned by the SDK (no Authorization, no security token)', async () => {
		sentHeaders.length = 0;
		await assume();
		expect(sentHeaders).toHaveLength(1);
		const names = Object.keys(sentHeaders[0]!).map((name) => name.toLowerCase());
		expect(names).not.toContain('authorization');
		expect(names).not.toContain('x-amz-security-token');
	});

	it('issues new credentials on every call', async () => {
		const [a, b] = await Promise.all([assume(), assume()]);
		expect(a.Credentials?.AccessKeyId).not.toBe(b.Credentials?.AccessKeyId);
	});

	it.each([
		[
			'DurationSeconds below 900',
			{ DurationSeconds: 899 },
			"Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
		],
		[
			'DurationSeconds above 43200',
			{ DurationSeconds: 43201 },
			"Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
		],
		[
			'a RoleSessionName with a space',
			{ RoleSessionName: 'alice smith' },
			"Value 'alice smith' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
		],
		[
			'a RoleSessionName of one character',
			{ RoleSessionName: 'a' },
			"Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
		],
		[
			'a RoleSessionName of 65 characters',
			{ RoleSessionName: 'a'.repeat(65) },
			'Member must have length less than or equal to 64',
		],
		[
			'a Policy over 2048 characters',
			{ Policy: ' '.repeat(2049) },
			"at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048",
		],
		[
			'a RoleArn under 20 characters',
			{ RoleArn: 'arn:aws:iam::1:role' },
			"at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
		],
	])('refuses %s with ValidationError', async (_case, input, message) => {
		const refused = await failure(assume(input));
		expect(refused).toMatchObject({ code: 'ValidationError', status: 400 });
		expect(refused.message).toMatch(/^1 validation error detected: /);
		expect(refused.message).toContain(message);
	});

	it('lists every violation in one ValidationError', async () => {
		const refused = await failure(assume({ RoleSessionName: 'x', DurationSeconds: 60 }));
		expect(refused.message).toMatch(/^2 validation errors detected: .*; /);
	});

	it('refuses a DurationSeconds over the role MaxSessionDuration', async () => {
		expect(await failure(assume({ DurationSeconds: 7200 }))).toEqual({
			code: 'ValidationError',
			status: 400,
			message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		});
	});

	it.each([
		['not JSON', '{"Version": '],
		['a statement without Effect', JSON.stringify({ Statement: [{ Action: '*', Resource: '*' }] })],
		[
			'a Principal in a session policy',
			JSON.stringify({
				Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
			}),
		],
	])('refuses a session Policy that is %s with MalformedPolicyDocument', async (_case, policy) => {
		expect(await failure(assume({ Policy: policy }))).toMatchObject({
			code: 'MalformedPolicyDocument',
			status: 400,
		});
	});
});

describe('GetCallerIdentity', () => {
	it('names the assumed role for the new credentials', async () => {
		const { Credentials, AssumedRoleUser } = await assume();
		const client = signedClient(Credentials!);
		const me = await client.send(new GetCallerIdentityCommand({}));
		client.destroy();
		expect(me).toMatchObject({
			Arn: AssumedRoleUser!.Arn,
			UserId: AssumedRoleUser!.AssumedRoleId,
			Account: sandbox.config.accountId,
		});
	});

	it('refuses an unsigned call with MissingAuthenticationToken', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'Action=GetCallerIdentity&Version=2011-06-15',
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
	});

	it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
		const { Credentials } = await assume();
		const client = signedClient({ ...Credentials!, SecretAccessKey: 'x'.repeat(40) });
		const refused = await failure(client.send(new GetCallerIdentityCommand({})));
		client.destroy();
		expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
		expect(refused.message).not.toContain(Credentials!.SecretAccessKey!);
	});

	it('refuses a session token issued with other credentials with InvalidClientTokenId', async () => {
		const [mine, theirs] = await Promise.all([assume(), assume()]);
		const client = signedClient({
			...mine.Credentials!,
			SessionToken: theirs.Credentials!.SessionToken,
		});
		expect(await failure(client.send(new GetCallerIdentityCommand({})))).toEqual({
			code: 'InvalidClientTokenId',
			status: 403,
			message: 'The security token included in the request is invalid.',
		});
		client.destroy();
	});

	it('refuses an access key the sandbox never issued', async () => {
		const { Credentials } = await assume();
		const client = signedClient({ ...Credentials!, AccessKeyId: 'ASIAAAAAAAAAAAAAAAAA' });
		expect(await failure(client.send(new GetCallerIdentityCommand({})))).toMatchObject({
			code: 'InvalidClientTokenId',
			status: 403,
		});
		client.destroy();
	});

	it('refuses expired credentials with ExpiredToken', async () => {
		const { Credentials } = await assume();
		const later = 901_000;
		sandbox.clock.advance(later);
		const client = signedClient(Credentials!, later);
		expect(await failure(client.send(new GetCallerIdentityCommand({})))).toEqual({
			code: 'ExpiredToken',
			status: 403,
			message: 'The security token included in the request is expired',
		});
		client.destroy();
	});

	it.each([
		[
			'behind',
			-16 * 60_000,
			/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
		],
		['ahead', 16 * 60_000, /^Signature not yet current: \d{8}T\d{6}Z is still later than /],
	])('refuses a signing clock 16 minutes %s', async (_case, offset, message) => {
		const { Credentials } = await assume();
		const client = signedClient(Credentials!, offset);
		const refused = await failure(client.send(new GetCallerIdentityCommand({})));
		client.destroy();
		expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
		expect(refused.message).toMatch(message);
	});

	it('accepts a signing clock 14 minutes off', async () => {
		const { Credentials, AssumedRoleUser } = await assume();
		const client = signedClient(Credentials!, -14 * 60_000);
		const me = await client.send(new GetCallerIdentityCommand({}));
		client.destroy();
		expect(me.Arn).toBe(AssumedRoleUser!.Arn);
	});
});

describe('DecodeAuthorizationMessage', () => {
	const payload = {
		allowed: false,
		explicitDeny: false,
		matchedStatements: { items: [] },
		failures: { items: [] },
		context: {
			principal: {
				id: 'AROAEXAMPLE:fedplay-alice',
				arn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
			},
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
			conditions: { items: [] },
		},
	};

	it('decodes a message the sandbox encoded, for a caller whose role allows it', async () => {
		const client = signedClient((await assume()).Credentials!);
		const answer = await client.send(
			new DecodeAuthorizationMessageCommand({
				EncodedMessage: sandbox.authorizationMessages.encode(payload),
			}),
		);
		client.destroy();
		expect(JSON.parse(answer.DecodedMessage!)).toEqual(payload);
	});

	it('refuses a tampered message with InvalidAuthorizationMessageException', async () => {
		const client = signedClient((await assume()).Credentials!);
		const encoded = sandbox.authorizationMessages.encode(payload);
		const tampered = encoded.slice(0, 40) + (encoded[40] === 'A' ? 'B' : 'A') + encoded.slice(41);
		const refused = await failure(
			client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: tampered })),
		);
		client.destroy();
		expect(refused).toMatchObject({ code: 'InvalidAuthorizationMessageException', status: 400 });
	});

	it('refuses a message sealed by another sandbox (a foreign account) with InvalidAuthorizationMessageException', async () => {
		const client = signedClient((await assume()).Credentials!);
		const foreign = createAuthorizationMessageCodec().encode(payload);
		const refused = await failure(
			client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: foreign })),
		);
		client.destroy();
		expect(refused).toMatchObject({ code: 'InvalidAuthorizationMessageException', status: 400 });
	});

	it('denies a caller whose session policy does not allow it', async () => {
		const policy = JSON.stringify({
			Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
		});
		const { Credentials, AssumedRoleUser } = await assume({ Policy: policy });
		const client = signedClient(Credentials!);
		const refused = await failure(
			client.send(
				new DecodeAuthorizationMessageCommand({
					EncodedMessage: sandbox.authorizationMessages.encode(payload),
				}),
			),
		);
		client.destroy();
		expect(refused).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: `User: ${AssumedRoleUser!.Arn} is not authorized to perform: sts:DecodeAuthorizationMessage because no session policy allows the sts:DecodeAuthorizationMessage action`,
		});
	});
});

describe('the AWS endpoint', () => {
	it('answers a CORS preflight from the app origin', async () => {
		const origin = sandbox.config.appOrigins[0]!;
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'OPTIONS',
			headers: {
				origin,
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type,x-amz-user-agent,amz-sdk-request,x-evil',
			},
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe(origin);
		expect(response.headers.get('access-control-allow-headers')).toBe(
			'content-type, x-amz-user-agent, amz-sdk-request',
		);
		expect(response.headers.get('access-control-max-age')).toBe('600');
	});

	it('refuses a preflight from another origin', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'OPTIONS',
			headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
		});
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
	});

	it('exposes the request id to the app on STS answers', async () => {
		const origin = sandbox.config.appOrigins[0]!;
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'Action=NoSuchThing&Version=2011-06-15',
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('access-control-allow-origin')).toBe(origin);
		expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
		expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
		expect(await response.text()).toContain('<Code>InvalidAction</Code>');
	});

	it('answers a request for another API version as STS does', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'Action=AssumeRoleWithWebIdentity&Version=2099-01-01',
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			'<Message>Could not find operation AssumeRoleWithWebIdentity for version 2099-01-01</Message>',
		);
	});

	it('refuses a body over the size limit in the addressed service shape', async () => {
		const response = await fetch(sandbox.awsEndpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'Action=GetCallerIdentity&Version=2011-06-15&Pad=' + 'x'.repeat(11 * 1024 * 1024),
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toContain('<ErrorResponse');
	});

	describe('routes a Query-protocol GET to STS, as AWS does (issue 13 item 8)', () => {
		const QUERY = '/?Action=GetCallerIdentity&Version=2011-06-15';

		it('answers a signed GET /?Action=GetCallerIdentity&Version=… with the caller', async () => {
			const c = (await assume()).Credentials!;
			const credentials = {
				accessKeyId: c.AccessKeyId!,
				secretAccessKey: c.SecretAccessKey!,
				sessionToken: c.SessionToken!,
				expiration: c.Expiration!,
			};
			const answer = await sendSigned(
				sandbox.awsEndpoint,
				credentials,
				{ method: 'GET', path: QUERY },
				{ service: 'sts' },
			);
			expect(answer.status).toBe(200);
			expect(answer.body).toContain('<GetCallerIdentityResponse');
			expect(answer.body).toContain('assumed-role/fedplay-player/fedplay-alice');
		});

		it.each([
			['GET', QUERY],
			['GET', '/?Version=2011-06-15&Action=GetCallerIdentity&X=1'],
			['POST', QUERY],
		])(
			'answers an unsigned %s %s as STS (MissingAuthenticationToken), not S3',
			async (method, path) => {
				const answer = await sendRaw(sandbox.awsEndpoint, { method, path });
				expect(answer.status).toBe(403);
				expect(answer.body).toContain('<ErrorResponse');
				expect(answer.body).toContain('<Code>MissingAuthenticationToken</Code>');
			},
		);

		it('answers a query-string signature scoped to sts as STS', async () => {
			const path =
				'/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
				'&X-Amz-Credential=ASIAEXAMPLEEXAMPLE12%2F20260101%2Fus-east-1%2Fsts%2Faws4_request';
			const answer = await sendRaw(sandbox.awsEndpoint, { method: 'GET', path });
			expect(answer.body).toContain('<ErrorResponse');
		});

		it.each(['/', '/fedplay-game-data?list-type=2', '/fedplay-game-data?Action=x'])(
			'still answers GET %s as S3',
			async (path) => {
				const answer = await sendRaw(sandbox.awsEndpoint, { method: 'GET', path });
				expect(answer.body).toMatch(/^<\?xml[^>]*>\s*<Error><Code>/);
			},
		);
	});

	it('moves the sandbox clock through /__sandbox/clock', async () => {
		const response = await fetch(`${sandbox.awsEndpoint}/__sandbox/clock`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ advanceMs: 60_000 }),
		});
		expect(await response.json()).toMatchObject({ offsetMs: 60_000 });
		expect(sandbox.clock.offsetMs).toBe(60_000);
	});

	it('gives the app a runtime config naming both providers, the identity pool and their roles', () => {
		const config = sandboxRuntimeConfig(sandbox);
		expect(config.providers.map((p) => [p.id, p.issuer, p.roleArn])).toEqual([
			['fedplay-id', sandbox.issuers[0], 'arn:aws:iam::123456789012:role/fedplay-player'],
			['arcade-id', sandbox.issuers[1], 'arn:aws:iam::123456789012:role/fedplay-player-arcade'],
			[
				'fedplay-id-pool',
				sandbox.issuers[0],
				'arn:aws:iam::123456789012:role/fedplay-cognito-player',
			],
		]);
		expect(config).toMatchObject({
			endpoint: sandbox.awsEndpoint,
			bucket: 'fedplay-game-data',
			table: 'GameScores',
		});
	});
});
