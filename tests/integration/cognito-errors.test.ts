/**
 * Issue 14's bad input, each answered with Cognito's (or STS's) exact code, status and message, through the
 * real Cognito Identity client: an unknown or malformed pool id, a pool in another region, `Logins` with the
 * wrong key, an expired or foreign token, an identity id of another pool, a guest identity presented with
 * another player's login, guest access or the basic flow when the pool forbids them, a role the pool does not
 * trust — and nothing the guest had is lost by a refused call.
 */
import {
	DescribeIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import {
	basicFlow,
	cognitoClient,
	developerClient,
	enhancedFlow,
	getId,
	loginsFor,
	loginsKeyOf,
	newGuest,
	poolOf,
} from './cognito-clients';
import { failureOf, startTestSandbox } from './gateway-clients';
import { stsFailure } from './sts-clients';
import { testTemplate, type TemplateJson } from './test-template';

let sandbox: Sandbox;
let cognito: CognitoIdentityClient;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cognito = cognitoClient(sandbox);
});

afterAll(async () => {
	cognito?.destroy();
	await sandbox?.close();
});

const notAuthorized = (message: string) => ({
	name: 'NotAuthorizedException',
	status: 400,
	message,
});
const notFound = (message: string) => ({ name: 'ResourceNotFoundException', status: 400, message });
const OTHER_GUID = '0b6d2c3e-1f00-4a1b-9c2d-3e4f5a6b7c8d';

/** GetId with `logins`, then, on a fresh guest, GetCredentialsForIdentity with the same: both must fail alike. */
async function bothCallsFail(logins: Record<string, string>) {
	const onGetId = await failureOf(
		cognito.send(new GetIdCommand({ IdentityPoolId: poolOf(sandbox).id, Logins: logins })),
	);
	const guest = await newGuest(sandbox, cognito);
	const onCredentials = await failureOf(enhancedFlow(cognito, guest.identityId, logins));
	// A refused login links nothing: the guest is still a guest, and still plays.
	const still = await enhancedFlow(cognito, guest.identityId);
	expect(still.identityId).toBe(guest.identityId);
	// The same refusal from both calls. An expired token's message carries the current second, and the two
	// calls may straddle a second boundary: that number is compared by the test that checks it, not here.
	const sameSecond = (failure: typeof onGetId) => ({
		...failure,
		message: failure.message.replace(/Token expired: \d+ >=/, 'Token expired: <now> >='),
	});
	expect(sameSecond(onCredentials)).toEqual(sameSecond(onGetId));
	return onGetId;
}

describe('the identity pool id', () => {
	it.each([
		[`us-east-1:${OTHER_GUID}`, 'an unknown pool'],
		[`eu-west-1:${OTHER_GUID}`, 'a pool in another region'],
	])('%s (%s): ResourceNotFoundException', async (id) => {
		expect(await failureOf(cognito.send(new GetIdCommand({ IdentityPoolId: id })))).toEqual(
			notFound(`IdentityPool '${id}' not found.`),
		);
	});

	it('the sandbox’s own pool id in another region: not found either, as each region has its own pools', async () => {
		const guid = poolOf(sandbox).id.split(':')[1];
		const id = `us-west-2:${guid}`;
		expect(await failureOf(cognito.send(new GetIdCommand({ IdentityPoolId: id })))).toEqual(
			notFound(`IdentityPool '${id}' not found.`),
		);
	});

	it.each([
		'us-east-1_AbCdEf123',
		'fedplay-sandbox-players',
		`us-east-1:${OTHER_GUID.toUpperCase()}`,
	])('malformed %j: ValidationException', async (id) => {
		expect(await failureOf(cognito.send(new GetIdCommand({ IdentityPoolId: id })))).toEqual({
			name: 'ValidationException',
			status: 400,
			message: `1 validation error detected: Value '${id}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
		});
	});
});

describe('Logins', () => {
	it('with a key the pool does not federate', async () => {
		const token = await sandbox.idps[0]!.issueIdToken('alice');
		const secondProvider = await sandbox.idps[1]!.issueIdToken('alice');
		for (const logins of [
			{ 'accounts.google.com': token },
			{ [loginsKeyOf(sandbox, 1)]: secondProvider },
			{ [`https://${loginsKeyOf(sandbox)}`]: token },
			{ [poolOf(sandbox).developerProviderName!]: 'user-1' },
		]) {
			expect(await bothCallsFail(logins)).toEqual(
				notAuthorized('Token is not from a supported provider of this identity pool.'),
			);
		}
	});

	it('with the right key and another provider’s token: the issuer does not match', async () => {
		const otherIssuer = await sandbox.idps[1]!.issueIdToken('alice');
		expect(await bothCallsFail({ [loginsKeyOf(sandbox)]: otherIssuer })).toEqual(
			notAuthorized("Invalid login token. Issuer doesn't match providerName"),
		);
	});

	it('with an expired token (the provider’s clock, or ours moved on)', async () => {
		const now = Math.floor(sandbox.clock.now() / 1000);
		const stale = await loginsFor(sandbox, 'alice', { iat: now - 7200, exp: now - 3600 });
		const failure = await bothCallsFail(stale);
		expect(failure.name).toBe('NotAuthorizedException');
		const match = /^Invalid login token\. Token expired: (\d+) >= (\d+)$/.exec(failure.message);
		expect(match?.[2]).toBe(String(now - 3600));
		expect(Number(match?.[1])).toBeGreaterThanOrEqual(now);

		const fresh = await loginsFor(sandbox, 'alice');
		sandbox.clock.advance(2 * 3600 * 1000);
		try {
			const later = await failureOf(
				cognito.send(new GetIdCommand({ IdentityPoolId: poolOf(sandbox).id, Logins: fresh })),
			);
			expect(later.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
		} finally {
			sandbox.clock.reset();
		}
	});

	it('with a token issued to another client', async () => {
		for (const claims of [
			{ aud: 'another-app' },
			{ azp: 'another-app' },
			{ aud: ['another-app'] },
		]) {
			expect(await bothCallsFail(await loginsFor(sandbox, 'alice', claims))).toEqual(
				notAuthorized('Invalid login token. Incorrect token audience.'),
			);
		}
	});

	it('with a token signed by a key that is not the provider’s (a forgery)', async () => {
		const issuer = sandbox.issuers[0]!;
		const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
		const { privateKey } = await generateKeyPair('RS256');
		const now = Math.floor(Date.now() / 1000);
		for (const kid of [jwks.keys[0]!.kid, 'made-up-kid']) {
			const forged = await new SignJWT({ sub: 'alice' })
				.setProtectedHeader({ alg: 'RS256', kid })
				.setIssuer(issuer)
				.setAudience(sandbox.config.clientId)
				.setIssuedAt(now)
				.setExpirationTime(now + 600)
				.sign(privateKey);
			expect(await bothCallsFail({ [loginsKeyOf(sandbox)]: forged })).toEqual(
				notAuthorized("Invalid login token. Couldn't verify signed token."),
			);
		}
	});

	it('with something that is not a JWT', async () => {
		for (const token of ['not-a-jwt', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.']) {
			expect(await bothCallsFail({ [loginsKeyOf(sandbox)]: token })).toEqual(
				notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.'),
			);
		}
	});
});

describe('identity ids', () => {
	it('of no pool here (another region, another account): ResourceNotFoundException', async () => {
		const other = await startTestSandbox({ accountId: '210987654321' });
		try {
			const foreign = await getId(cognitoClient(other), other);
			for (const id of [foreign, `eu-west-1:${OTHER_GUID}`]) {
				expect(await failureOf(enhancedFlow(cognito, id))).toEqual(
					notFound(`Identity '${id}' not found.`),
				);
			}
		} finally {
			await other.close();
		}
	});

	it('a guest identity that has become another player’s, presented with your login', async () => {
		const guest = await newGuest(sandbox, cognito);
		const alice = await loginsFor(sandbox, 'alice', { sub: 'henry' });
		await enhancedFlow(cognito, guest.identityId, alice);
		const bob = await loginsFor(sandbox, 'bob');
		const dontMatch = notAuthorized(
			"Logins don't match. Please include at least one valid login for this identity or identity pool.",
		);
		expect(await failureOf(enhancedFlow(cognito, guest.identityId, bob))).toEqual(dontMatch);
		expect(
			await failureOf(
				cognito.send(new GetOpenIdTokenCommand({ IdentityId: guest.identityId, Logins: bob })),
			),
		).toEqual(dontMatch);
		// bob's login was not linked to it, and henry's stays.
		expect(await getId(cognito, sandbox, alice)).toBe(guest.identityId);
		expect(await getId(cognito, sandbox, bob)).not.toBe(guest.identityId);
	});
});

describe('a pool that forbids guests and the basic flow', () => {
	let strict: Sandbox;
	let client: CognitoIdentityClient;

	beforeAll(async () => {
		strict = await startTestSandbox({
			identityPool: {
				allowUnauthenticatedIdentities: false,
				allowClassicFlow: false,
				developerProviderName: '',
			},
		});
		client = cognitoClient(strict);
	});

	afterAll(async () => {
		client?.destroy();
		await strict?.close();
	});

	it('refuses a guest at GetId', async () => {
		expect(
			await failureOf(client.send(new GetIdCommand({ IdentityPoolId: poolOf(strict).id }))),
		).toEqual(notAuthorized('Unauthenticated access is not supported for this identity pool.'));
	});

	it('has no guest role and says so in config.json', () => {
		expect(poolOf(strict).roles).toEqual({
			authenticated: 'arn:aws:iam::123456789012:role/fedplay-cognito-player',
		});
		const entry = sandboxRuntimeConfig(strict).providers.find((p) => 'identityPoolId' in p);
		expect(entry).toMatchObject({ allowGuests: false });
		expect(entry).not.toHaveProperty('guestRoleArn');
	});

	it('refuses GetOpenIdToken (the basic flow) but serves the enhanced flow', async () => {
		const logins = await loginsFor(strict, 'alice');
		const identityId = await getId(client, strict, logins);
		expect(
			await failureOf(
				client.send(new GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins })),
			),
		).toEqual({
			name: 'InvalidParameterException',
			status: 400,
			message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
		});
		expect((await enhancedFlow(client, identityId, logins)).identityId).toBe(identityId);
	});
});

describe('roles the pool does not trust', () => {
	/** A sandbox on a variant of the template. */
	async function withTemplate(edit: (template: TemplateJson) => void): Promise<Sandbox> {
		return startTestSandbox({ templatePath: testTemplate(edit) });
	}
	const trustCondition = (template: TemplateJson, role: string) =>
		template.Resources[role]!.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
	const invalidConfiguration = {
		name: 'InvalidIdentityPoolConfigurationException',
		status: 400,
		message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
	};

	it('a player role that trusts another pool, a guest role that wants signed-in identities', async () => {
		const variant = await withTemplate((template) => {
			trustCondition(template, 'CognitoPlayerRole').StringEquals[
				'cognito-identity.amazonaws.com:aud'
			] = `us-east-1:${OTHER_GUID}`;
			trustCondition(template, 'CognitoGuestRole')['ForAnyValue:StringLike'][
				'cognito-identity.amazonaws.com:amr'
			] = 'authenticated';
		});
		const client = cognitoClient(variant);
		try {
			const logins = await loginsFor(variant, 'alice');
			const alice = await getId(client, variant, logins);
			expect(await failureOf(enhancedFlow(client, alice, logins))).toEqual(invalidConfiguration);
			const guest = await getId(client, variant);
			expect(await failureOf(enhancedFlow(client, guest))).toEqual(invalidConfiguration);
			// The basic flow meets the same trust policies at STS, in STS's words.
			const role = poolOf(variant).roles.authenticated!;
			expect(await stsFailure(basicFlow(variant, client, alice, role, logins))).toEqual({
				code: 'AccessDenied',
				status: 403,
				message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
			});
		} finally {
			client.destroy();
			await variant.close();
		}
	});

	it('a pool that lets guests in with no role for them', async () => {
		const variant = await withTemplate((template) => {
			delete template.Resources['IdentityPoolRoles']!.Properties.Roles.unauthenticated;
		});
		const client = cognitoClient(variant);
		try {
			expect(await failureOf(enhancedFlow(client, await getId(client, variant)))).toEqual(
				invalidConfiguration,
			);
		} finally {
			client.destroy();
			await variant.close();
		}
	});

	it('an identity of another pool of the same account, whose roles trust the first pool only', async () => {
		const variant = await withTemplate((template) => {
			template.Resources['SecondIdentityPool'] = structuredClone(
				template.Resources['IdentityPool']!,
			);
			template.Resources['SecondIdentityPool'].Properties.IdentityPoolName = 'fedplay-second';
			template.Resources['SecondIdentityPoolRoles'] = structuredClone(
				template.Resources['IdentityPoolRoles']!,
			);
			template.Resources['SecondIdentityPoolRoles'].Properties.IdentityPoolId = {
				Ref: 'SecondIdentityPool',
			};
		});
		const client = cognitoClient(variant);
		const developer = developerClient(variant);
		try {
			const [first, second] = variant.identityPools;
			const logins = await loginsFor(variant, 'alice');
			const inSecond = (
				await client.send(new GetIdCommand({ IdentityPoolId: second!.id, Logins: logins }))
			).IdentityId!;
			expect(inSecond).not.toBe(await getId(client, variant, logins));
			expect(await failureOf(enhancedFlow(client, inSecond, logins))).toEqual(invalidConfiguration);
			const developerCall = developer.send(
				new GetOpenIdTokenForDeveloperIdentityCommand({
					IdentityPoolId: first!.id,
					IdentityId: inSecond,
					Logins: { [first!.developerProviderName!]: 'user-1' },
				}),
			);
			expect(await failureOf(developerCall)).toEqual({
				name: 'InvalidParameterException',
				status: 400,
				message: `Identity '${inSecond}' is not in identity pool '${first!.id}'.`,
			});
			const described = await developer.send(new DescribeIdentityCommand({ IdentityId: inSecond }));
			expect(described.Logins).toEqual([loginsKeyOf(variant)]);
		} finally {
			client.destroy();
			developer.destroy();
			await variant.close();
		}
	});
});

describe('Cognito’s tokens at the sandbox’s STS', () => {
	async function assume(token: string, roleArn = poolOf(sandbox).roles.authenticated!) {
		const sts = new STSClient({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			maxAttempts: 1,
		});
		try {
			return await sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: roleArn,
					RoleSessionName: 'fedplay-cognito',
					WebIdentityToken: token,
				}),
			);
		} finally {
			sts.destroy();
		}
	}
	const sign = (claims: { poolId?: string; identityId?: string; amr?: string[] }, seconds = 600) =>
		sandbox.cognitoTokens.sign(
			{
				poolId: claims.poolId ?? poolOf(sandbox).id,
				identityId: claims.identityId ?? `us-east-1:${OTHER_GUID}`,
				amr: claims.amr ?? ['authenticated', loginsKeyOf(sandbox)],
			},
			seconds,
			sandbox.clock.now(),
		);
	const denied = {
		code: 'AccessDenied',
		status: 403,
		message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
	};

	it('are refused for another pool (aud), an identity containing a slash (sub) or the wrong amr', async () => {
		expect(await stsFailure(assume(await sign({ poolId: `us-east-1:${OTHER_GUID}` })))).toEqual(
			denied,
		);
		for (const identityId of ['us-east-1:a/b', '/', 'us-east-1:x/../y'])
			expect(await stsFailure(assume(await sign({ identityId })))).toEqual(denied);
		expect(await stsFailure(assume(await sign({ amr: ['unauthenticated'] })))).toEqual(denied);
		expect((await assume(await sign({}))).SubjectFromWebIdentityToken).toBe(
			`us-east-1:${OTHER_GUID}`,
		);
	});

	it('expire after their lifetime, in STS’s words', async () => {
		const token = await sign({});
		sandbox.clock.advance(11 * 60 * 1000);
		try {
			const failure = await stsFailure(assume(token));
			expect(failure.code).toBe('ExpiredTokenException');
			expect(failure.message).toMatch(/^Token expired: current date\/time \d+ must be before/);
		} finally {
			sandbox.clock.reset();
		}
	});

	it('are refused when signed by anyone but the sandbox’s Cognito', async () => {
		const { privateKey } = await generateKeyPair('RS512');
		const now = Math.floor(Date.now() / 1000);
		const forge = (kid: string) =>
			new SignJWT({ amr: ['authenticated'] })
				.setProtectedHeader({ alg: 'RS512', kid, typ: 'JWS' })
				.setIssuer('https://cognito-identity.amazonaws.com')
				.setAudience(poolOf(sandbox).id)
				.setSubject(`us-east-1:${OTHER_GUID}`)
				.setIssuedAt(now)
				.setExpirationTime(now + 600)
				.sign(privateKey);
		const own = JSON.parse(
			Buffer.from((await sign({})).split('.')[0]!, 'base64url').toString(),
		) as {
			kid: string;
		};
		expect(await stsFailure(assume(await forge(own.kid)))).toEqual({
			code: 'InvalidIdentityToken',
			status: 400,
			message: 'The ID Token signature could not be verified.',
		});
		expect((await stsFailure(assume(await forge('someone-elses')))).message).toBe(
			"Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
		);
	});
});
