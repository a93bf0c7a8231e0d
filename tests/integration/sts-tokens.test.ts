/**
 * AssumeRoleWithWebIdentity refuses every token STS would refuse, with STS's error code, status and message.
 * Good tokens come from the sandbox IdP; bad ones are forged with jose. A tiny issuer of our own (discovery +
 * JWKS), registered in the sandbox account for some cases, lets us sign claims the IdP would never issue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	AssumeRoleWithWebIdentityCommand,
	STSClient,
	STSServiceException,
} from '@aws-sdk/client-sts';
import {
	base64url,
	exportJWK,
	generateKeyPair,
	SignJWT,
	type CryptoKey,
	type JWK,
	type JWTPayload,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FREE_PORTS, createSandbox, type Sandbox } from '../../sandbox/app';

let sandbox: Sandbox;
let sts: STSClient;
let fake: FakeIssuer;
let idpKid: string;

interface FakeIssuer {
	issuer: string;
	privateKey: CryptoKey;
	publicJwk: JWK;
	server: Server;
}

async function startFakeIssuer(): Promise<FakeIssuer> {
	const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
	const publicJwk = { ...(await exportJWK(publicKey)), kid: 'fake-key', alg: 'RS256', use: 'sig' };
	let issuer = '';
	const server = createServer((req, res) => {
		const body =
			req.url === '/.well-known/openid-configuration'
				? { issuer, jwks_uri: `${issuer}/jwks` }
				: req.url === '/jwks'
					? { keys: [publicJwk] }
					: null;
		res
			.writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
			.end(JSON.stringify(body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
	return { issuer, privateKey, publicJwk, server };
}

/** Registers the fake issuer in the sandbox account with a role trusting it, shaped like the template's. */
function registerFakeIssuer(): string {
	const host = fake.issuer.replace('http://', '');
	const arn = `arn:aws:iam::${sandbox.config.accountId}:oidc-provider/${host}`;
	sandbox.infra.oidcProviders.push({
		url: fake.issuer,
		arn,
		clientIds: ['fedplay-web', 'second-client'],
	});
	const model = sandbox.infra.roles[0]!;
	const firstHost = sandbox.issuers[0]!.replace('http://', '');
	const firstArn = sandbox.infra.oidcProviders[0]!.arn;
	const trust = JSON.parse(
		JSON.stringify(model.trustPolicy).replaceAll(firstArn, arn).replaceAll(firstHost, host),
	) as typeof model.trustPolicy;
	const roleArn = `arn:aws:iam::${sandbox.config.accountId}:role/fake-issuer-player`;
	sandbox.infra.roles.push({
		...model,
		name: 'fake-issuer-player',
		arn: roleArn,
		trustPolicy: trust,
	});
	return roleArn;
}

let fakeRoleArn: string;

beforeAll(async () => {
	sandbox = await createSandbox(FREE_PORTS);
	sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.awsEndpoint, maxAttempts: 1 });
	fake = await startFakeIssuer();
	fakeRoleArn = registerFakeIssuer();
	const jwks = (await (await fetch(`${sandbox.issuers[0]}/jwks`)).json()) as { keys: JWK[] };
	idpKid = jwks.keys[0]!.kid!;
});

afterAll(async () => {
	sts?.destroy();
	await new Promise((resolve) => fake?.server.close(resolve));
	await sandbox?.close();
});

afterEach(() => sandbox.clock.reset());

function assume(token: string, roleArn = sandbox.roleArns[0]!) {
	return sts.send(
		new AssumeRoleWithWebIdentityCommand({
			RoleArn: roleArn,
			RoleSessionName: 'fedplay-test',
			WebIdentityToken: token,
		}),
	);
}

async function refusal(token: string, roleArn?: string) {
	const error = await assume(token, roleArn).then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(STSServiceException);
	const e = error as STSServiceException;
	// `Code` is the wire code (`InvalidIdentityToken`); `name` is the SDK's class (`…Exception`).
	return {
		code: (e as { Code?: string }).Code,
		status: e.$metadata.httpStatusCode,
		message: e.message,
	};
}

async function signed(
	claims: JWTPayload,
	options: { key?: CryptoKey; kid?: string; iss?: string; alg?: string } = {},
): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({ sub: 'alice', aud: 'fedplay-web', iat: now, exp: now + 600, ...claims })
		.setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'fake-key' })
		.setIssuer(options.iss ?? fake.issuer)
		.sign(options.key ?? fake.privateKey);
}

describe('AssumeRoleWithWebIdentity refuses bad tokens', () => {
	it('accepts a token from our own registered issuer (the fixture itself works)', async () => {
		const answer = await assume(await signed({}), fakeRoleArn);
		expect(answer.SubjectFromWebIdentityToken).toBe('alice');
	});

	it('refuses an expired token with ExpiredTokenException', async () => {
		const token = await sandbox.idps[0]!.issueIdToken('alice');
		sandbox.clock.advance(2 * 3600 * 1000);
		const refused = await refusal(token);
		expect(refused).toMatchObject({ code: 'ExpiredTokenException', status: 400 });
		expect(refused.message).toMatch(
			/^Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/,
		);
	});

	it('refuses a token issued in the future (iat beyond the skew allowance)', async () => {
		sandbox.clock.advance(10 * 60 * 1000);
		const token = await sandbox.idps[0]!.issueIdToken('alice');
		sandbox.clock.reset();
		expect(await refusal(token)).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
	});

	it('refuses a token that is not yet valid (nbf)', async () => {
		const nbf = Math.floor(Date.now() / 1000) + 600;
		expect(await refusal(await signed({ nbf }), fakeRoleArn)).toMatchObject({
			code: 'InvalidIdentityToken',
			message: 'The ID Token is not yet valid (nbf).',
		});
	});

	it('refuses a token whose audience is not a client of the provider', async () => {
		expect(await refusal(await signed({ aud: 'someone-else' }), fakeRoleArn)).toEqual({
			code: 'InvalidIdentityToken',
			status: 400,
			message: 'Incorrect token audience',
		});
	});

	it('refuses a token from an issuer that is not registered in the account', async () => {
		const iss = 'http://localhost:9/not-registered';
		expect(await refusal(await signed({}, { iss }))).toEqual({
			code: 'InvalidIdentityToken',
			status: 400,
			message: `No OpenIDConnect provider found in your account for ${iss}`,
		});
	});

	it('refuses a token signed with another key under the provider key id', async () => {
		const token = await signed({}, { iss: sandbox.issuers[0]!, kid: idpKid });
		expect(await refusal(token)).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
	});

	it('refuses a token whose key id the provider does not publish', async () => {
		const token = await signed({}, { iss: sandbox.issuers[0]!, kid: 'no-such-key' });
		expect(await refusal(token)).toMatchObject({
			code: 'InvalidIdentityToken',
			message: expect.stringMatching(
				/^Couldn't retrieve verification key from your identity provider/,
			),
		});
	});

	it('refuses an unsigned token (alg none)', async () => {
		const now = Math.floor(Date.now() / 1000);
		const part = (value: object) => base64url.encode(JSON.stringify(value));
		const payload = {
			iss: sandbox.issuers[0],
			sub: 'alice',
			aud: 'fedplay-web',
			iat: now,
			exp: now + 600,
		};
		const token = `${part({ alg: 'none', kid: idpKid })}.${part(payload)}.`;
		expect(await refusal(token)).toMatchObject({
			code: 'InvalidIdentityToken',
			message: expect.stringContaining('signing algorithm is not supported: none'),
		});
	});

	it('refuses a token signed HS256 with the provider public key as the secret', async () => {
		const jwks = (await (await fetch(`${sandbox.issuers[0]}/jwks`)).json()) as { keys: JWK[] };
		const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
		const token = await signed(
			{},
			{ iss: sandbox.issuers[0]!, kid: idpKid, alg: 'HS256', key: secret as never },
		);
		expect(await refusal(token)).toMatchObject({
			code: 'InvalidIdentityToken',
			message: expect.stringContaining('not supported: HS256'),
		});
	});

	it('refuses a token without sub', async () => {
		expect(await refusal(await signed({ sub: undefined }), fakeRoleArn)).toMatchObject({
			code: 'InvalidIdentityToken',
			message: 'The ID Token has no sub claim.',
		});
	});

	it('refuses a real token whose payload was altered', async () => {
		const [header, payload, signature] = (await sandbox.idps[0]!.issueIdToken('alice')).split('.');
		const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as JWTPayload;
		const forged = base64url.encode(JSON.stringify({ ...claims, sub: 'bob' }));
		expect(await refusal(`${header}.${forged}.${signature}`)).toMatchObject({
			code: 'InvalidIdentityToken',
			status: 400,
		});
	});

	it('answers IDPCommunicationError when the issuer cannot be reached for its keys', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const iss = `http://localhost:${(closed.address() as AddressInfo).port}`;
		await new Promise((resolve) => closed.close(resolve));
		const host = iss.replace('http://', '');
		const arn = `arn:aws:iam::${sandbox.config.accountId}:oidc-provider/${host}`;
		sandbox.infra.oidcProviders.push({ url: iss, arn, clientIds: ['fedplay-web'] });
		expect(await refusal(await signed({}, { iss }))).toMatchObject({
			code: 'IDPCommunicationError',
			status: 400,
		});
	});

	it('refuses something that is not a JWT', async () => {
		expect(await refusal('not-a-jwt-at-all')).toMatchObject({
			code: 'InvalidIdentityToken',
			message: expect.stringContaining('not a valid JWT'),
		});
	});

	it('refuses a token over 20000 characters with ValidationError and never echoes it', async () => {
		const token = 'x'.repeat(20001);
		const refused = await refusal(token);
		expect(refused).toMatchObject({ code: 'ValidationError', status: 400 });
		expect(refused.message).toContain(
			"at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000",
		);
		expect(refused.message).not.toContain('xxxx');
	});
});

describe('AssumeRoleWithWebIdentity applies the role trust policy', () => {
	it('denies a token from the second provider on the first provider role', async () => {
		const token = await sandbox.idps[1]!.issueIdToken('alice');
		expect(await refusal(token, sandbox.roleArns[0])).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		});
	});

	it('denies a token whose aud is another client registered on the provider (trust condition on aud)', async () => {
		const token = await signed({ aud: 'second-client' });
		expect(await refusal(token, fakeRoleArn)).toMatchObject({ code: 'AccessDenied', status: 403 });
	});

	it('denies a role that does not exist, exactly like an untrusted one', async () => {
		const token = await sandbox.idps[0]!.issueIdToken('alice');
		const missing = `arn:aws:iam::${sandbox.config.accountId}:role/no-such-role`;
		expect(await refusal(token, missing)).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		});
	});

	it('lets the second provider assume its own role', async () => {
		const token = await sandbox.idps[1]!.issueIdToken('alice');
		const answer = await assume(token, sandbox.roleArns[1]);
		expect(answer.Provider).toBe(sandbox.issuers[1]);
	});
});

/**
 * `azp` (issue 11): AWS documents for Google that `:aud` is the token's `azp` when set and `:oaud` its `aud`;
 * the sandbox applies that to every provider, and a present `azp` must be a registered client id.
 * The sandbox IdP registers only `fedplay-web`; the fake issuer registers `fedplay-web` and `second-client`.
 */
describe('AssumeRoleWithWebIdentity reads azp as the client the token was issued to', () => {
	const idpToken = (overrides: Record<string, unknown>) =>
		sandbox.idps[0]!.issueIdToken('alice', { overrides });
	const sessionKeys = (accessKeyId: string | undefined) =>
		sandbox.sessions.findByAccessKeyId(accessKeyId ?? '')?.webIdentityContext ?? {};
	const INCORRECT = {
		code: 'InvalidIdentityToken',
		status: 400,
		message: 'Incorrect token audience',
	};

	it.each([
		[
			'a foreign azp, aud naming the app and it',
			{ azp: 'other-app', aud: ['fedplay-web', 'other-app'] },
		],
		['a foreign azp, aud naming only the app', { azp: 'other-app', aud: ['fedplay-web'] }],
		['a foreign azp, aud the app as a string', { azp: 'other-app', aud: 'fedplay-web' }],
	])('refuses a token issued to another client: %s', async (_name, claims) => {
		expect(await refusal(await idpToken(claims))).toEqual(INCORRECT);
		expect(await refusal(await signed(claims), fakeRoleArn)).toEqual(INCORRECT);
	});

	it.each([
		['an empty string', ''],
		['a number', 42],
		['null', null],
		['an array naming the app', ['fedplay-web']],
		['an object', { id: 'fedplay-web' }],
	])('refuses an azp that is %s', async (_name, azp) => {
		const claims = { azp, aud: ['fedplay-web', 'other-app'] };
		expect(await refusal(await idpToken(claims))).toEqual(INCORRECT);
		expect(await refusal(await signed({ azp, aud: 'fedplay-web' }), fakeRoleArn)).toEqual(
			INCORRECT,
		);
	});

	it('accepts azp = the app with other audiences beside it, and :aud sees the app', async () => {
		const token = await idpToken({ azp: 'fedplay-web', aud: ['other-api', 'fedplay-web'] });
		const answer = await assume(token);
		expect(answer.Audience).toBe('fedplay-web');
		const host = sandbox.issuers[0]!.replace('http://', '');
		expect(sessionKeys(answer.Credentials?.AccessKeyId)).toMatchObject({
			[`${host}:aud`]: 'fedplay-web',
			[`${host}:oaud`]: 'fedplay-web',
			[`${host}:azp`]: 'fedplay-web',
		});
	});

	it('gives the trust policy azp, not aud, as :aud (aud names only another registered client)', async () => {
		// The role trusts `:aud = fedplay-web`; the token's aud is `second-client`, its azp the app.
		const answer = await assume(
			await signed({ azp: 'fedplay-web', aud: ['second-client'] }),
			fakeRoleArn,
		);
		const host = fake.issuer.replace('http://', '');
		expect(answer.Audience).toBe('fedplay-web');
		expect(sessionKeys(answer.Credentials?.AccessKeyId)).toMatchObject({
			[`${host}:aud`]: 'fedplay-web',
			[`${host}:oaud`]: 'second-client',
		});
	});

	it('denies a token issued to another registered client, whatever its aud says', async () => {
		const token = await signed({ azp: 'second-client', aud: ['fedplay-web', 'second-client'] });
		expect(await refusal(token, fakeRoleArn)).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		});
	});

	it('still requires one audience to be a registered client when azp is the app', async () => {
		const token = await idpToken({ azp: 'fedplay-web', aud: ['other-api'] });
		expect(await refusal(token)).toEqual(INCORRECT);
	});

	describe('without azp the aud rules are as before', () => {
		it.each([
			['a string', 'fedplay-web'],
			['an array with the app last', ['other-api', 'fedplay-web']],
			['an array of one', ['fedplay-web']],
		])('accepts aud as %s naming the app, and :aud and :oaud see the app', async (_n, aud) => {
			const answer = await assume(await idpToken({ aud }));
			const host = sandbox.issuers[0]!.replace('http://', '');
			expect(answer.Audience).toBe('fedplay-web');
			expect(sessionKeys(answer.Credentials?.AccessKeyId)).toMatchObject({
				[`${host}:aud`]: 'fedplay-web',
				[`${host}:oaud`]: 'fedplay-web',
			});
		});

		it.each([
			['a string naming another client', 'other-api'],
			['an array without the app', ['other-api', 'another-api']],
			['an empty array', []],
			['a number', 7],
		])('refuses aud as %s', async (_n, aud) => {
			expect(await refusal(await idpToken({ aud }))).toEqual(INCORRECT);
		});
	});
});
