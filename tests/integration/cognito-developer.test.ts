/**
 * Cognito Identity's signed calls with the sandbox developer principal (an IAM user with long-term keys, its
 * policy kept in sandbox/developer-principal.ts): developer authenticated identities and the calls that show
 * state, each authorized by IAM; refused to a caller whose policies do not allow them, in IAM's words; and the
 * SigV4 checks a signed call gets, in Cognito Identity's (JSON front end) words.
 */
import {
	DescribeIdentityCommand,
	DescribeIdentityPoolCommand,
	GetIdentityPoolRolesCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	ListIdentitiesCommand,
	ListIdentityPoolsCommand,
	LookupDeveloperIdentityCommand,
	type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
	AssumeRoleWithWebIdentityCommand,
	GetCallerIdentityCommand,
	STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	claimsOf,
	cognitoClient,
	developerClient,
	enhancedFlow,
	getId,
	loginsFor,
	loginsKeyOf,
	poolOf,
} from './cognito-clients';
import { assumePlayerRole, failureOf, startTestSandbox } from './gateway-clients';
import { stsFailure } from './sts-clients';

let sandbox: Sandbox;
let cognito: CognitoIdentityClient;
let developer: CognitoIdentityClient;
let poolId: string;
let developerProvider: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cognito = cognitoClient(sandbox);
	developer = developerClient(sandbox);
	poolId = poolOf(sandbox).id;
	developerProvider = poolOf(sandbox).developerProviderName!;
});

afterAll(async () => {
	cognito?.destroy();
	developer?.destroy();
	await sandbox?.close();
});

const developerToken = (userIdentifier: string, extra: Record<string, unknown> = {}) =>
	developer.send(
		new GetOpenIdTokenForDeveloperIdentityCommand({
			IdentityPoolId: poolId,
			Logins: { [developerProvider]: userIdentifier },
			...extra,
		}),
	);

describe('the developer principal', () => {
	it('is an IAM user with long-term keys, made at start-up', () => {
		expect(sandbox.developer.arn).toBe('arn:aws:iam::123456789012:user/fedplay-sandbox-developer');
		expect(sandbox.developer.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
		expect(sandbox.developer.secretAccessKey).toHaveLength(40);
	});

	it('describes the pool as the template defines it', async () => {
		const pool = await developer.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
		expect(pool).toMatchObject({
			IdentityPoolId: poolId,
			IdentityPoolName: 'fedplay-sandbox-players',
			AllowUnauthenticatedIdentities: true,
			AllowClassicFlow: true,
			DeveloperProviderName: 'login.fedplay.sandbox',
			OpenIdConnectProviderARNs: [
				`arn:aws:iam::123456789012:oidc-provider/${loginsKeyOf(sandbox)}`,
			],
		});
		const roles = await developer.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
		expect(roles.Roles).toEqual({
			authenticated: 'arn:aws:iam::123456789012:role/fedplay-cognito-player',
			unauthenticated: 'arn:aws:iam::123456789012:role/fedplay-cognito-guest',
		});
		const pools = await developer.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
		expect(pools.IdentityPools).toEqual([
			{ IdentityPoolId: poolId, IdentityPoolName: 'fedplay-sandbox-players' },
		]);
	});

	it('lists identities page by page and describes one, with dates', async () => {
		const logins = await loginsFor(sandbox, 'alice');
		const alice = await getId(cognito, sandbox, logins);
		await getId(cognito, sandbox);
		const seen: string[] = [];
		let NextToken: string | undefined;
		do {
			const page = await developer.send(
				new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 1, NextToken }),
			);
			expect(page.Identities!.length).toBeLessThanOrEqual(1);
			seen.push(...page.Identities!.map((i) => i.IdentityId!));
			NextToken = page.NextToken;
		} while (NextToken);
		expect(seen).toContain(alice);
		expect(new Set(seen).size).toBe(seen.length);
		const described = await developer.send(new DescribeIdentityCommand({ IdentityId: alice }));
		expect(described.Logins).toEqual([loginsKeyOf(sandbox)]);
		expect(described.CreationDate).toBeInstanceOf(Date);
		expect(Math.abs(described.CreationDate!.getTime() - Date.now())).toBeLessThan(60_000);
		const bad = developer.send(
			new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 1, NextToken: 'forged' }),
		);
		expect(await failureOf(bad)).toEqual({
			name: 'InvalidParameterException',
			status: 400,
			message: 'The pagination token is invalid.',
		});
	});
});

describe('developer authenticated identities', () => {
	it('registers a user once and returns a 15-minute token with Cognito’s claims', async () => {
		const first = await developerToken('user-1');
		const again = await developerToken('user-1');
		expect(again.IdentityId).toBe(first.IdentityId);
		const claims = claimsOf(first.Token!);
		expect(claims).toMatchObject({
			iss: 'https://cognito-identity.amazonaws.com',
			aud: poolId,
			sub: first.IdentityId,
			amr: ['authenticated', developerProvider],
		});
		expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(900);
		const longer = await developerToken('user-1', { TokenDuration: 86_400 });
		const longClaims = claimsOf(longer.Token!);
		expect((longClaims['exp'] as number) - (longClaims['iat'] as number)).toBe(86_400);
	});

	it('refuses a TokenDuration over 24 hours, as the model does', async () => {
		expect(await failureOf(developerToken('user-1', { TokenDuration: 86_401 }))).toEqual({
			name: 'ValidationException',
			status: 400,
			message:
				"1 validation error detected: Value '86401' at 'tokenDuration' failed to satisfy constraint: Member must have value less than or equal to 86400",
		});
	});

	it('links the user to a guest’s identity when asked, and finds it by LookupDeveloperIdentity', async () => {
		const guest = await getId(cognito, sandbox);
		const linked = await developerToken('user-2', { IdentityId: guest });
		expect(linked.IdentityId).toBe(guest);
		const found = await developer.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				DeveloperUserIdentifier: 'user-2',
			}),
		);
		expect(found).toMatchObject({ IdentityId: guest, DeveloperUserIdentifierList: ['user-2'] });
		const mismatch = developer.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				IdentityId: (await developerToken('user-1')).IdentityId,
				DeveloperUserIdentifier: 'user-2',
			}),
		);
		expect((await failureOf(mismatch)).name).toBe('ResourceConflictException');
	});

	it('works with the basic flow’s STS call, and STS refuses its PrincipalTags to a role without sts:TagSession', async () => {
		const sts = new STSClient({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			maxAttempts: 1,
		});
		const assume = (token: string) =>
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: poolOf(sandbox).roles.authenticated,
					RoleSessionName: 'backend-user',
					WebIdentityToken: token,
				}),
			);
		try {
			const plain = await developerToken('user-3');
			expect((await assume(plain.Token!)).SubjectFromWebIdentityToken).toBe(plain.IdentityId);
			const tagged = await developerToken('user-3', { PrincipalTags: { team: 'red' } });
			expect(await stsFailure(assume(tagged.Token!))).toEqual({
				code: 'AccessDenied',
				status: 403,
				message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
			});
		} finally {
			sts.destroy();
		}
	});

	it('merges the identity of a public login into the developer’s when both are presented', async () => {
		const logins = await loginsFor(sandbox, 'bob');
		const bob = await getId(cognito, sandbox, logins);
		const user = await developerToken('user-4');
		const merged = await developer.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				IdentityId: user.IdentityId,
				Logins: { [developerProvider]: 'user-4', ...logins },
			}),
		);
		expect(merged.IdentityId).toBe(user.IdentityId);
		expect((await failureOf(enhancedFlow(cognito, bob, logins))).message).toBe(
			`Access to Identity '${bob}' is forbidden.`,
		);
		expect(await getId(cognito, sandbox, logins)).toBe(user.IdentityId);
	});
});

describe('IAM authorization of the signed calls', () => {
	it('refuses a player’s role session: no identity-based policy allows it', async () => {
		const alice = await assumePlayerRole(sandbox, 'alice');
		const asAlice = developerClient(sandbox, alice);
		try {
			expect(
				await failureOf(asAlice.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))),
			).toEqual({
				name: 'AccessDeniedException',
				status: 400,
				message: `User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: cognito-identity:DescribeIdentityPool on resource: arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${poolId} because no identity-based policy allows the cognito-identity:DescribeIdentityPool action`,
			});
			expect(
				(await failureOf(asAlice.send(new ListIdentityPoolsCommand({ MaxResults: 1 })))).message,
			).toBe(
				'User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: cognito-identity:ListIdentityPools because no identity-based policy allows the cognito-identity:ListIdentityPools action',
			);
		} finally {
			asAlice.destroy();
		}
	});

	it('refuses the developer a pool its policy does not name, before saying whether it exists', async () => {
		const other = 'us-east-1:0b6d2c3e-1f00-4a1b-9c2d-3e4f5a6b7c8d';
		const failure = await failureOf(
			developer.send(new DescribeIdentityPoolCommand({ IdentityPoolId: other })),
		);
		expect(failure).toEqual({
			name: 'AccessDeniedException',
			status: 400,
			message: `User: arn:aws:iam::123456789012:user/fedplay-sandbox-developer is not authorized to perform: cognito-identity:DescribeIdentityPool on resource: arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${other} because no identity-based policy allows the cognito-identity:DescribeIdentityPool action`,
		});
	});

	it('signs Cognito Identity’s calls only: S3 and STS do not know its keys (stricter than AWS)', async () => {
		// In AWS an IAM user's keys reach every service and its policy decides; the sandbox's developer
		// principal exists for Cognito Identity alone, so elsewhere its keys are unknown.
		const s3 = new S3Client({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			forcePathStyle: true,
			maxAttempts: 1,
			credentials: sandbox.developer,
		});
		const sts = new STSClient({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			maxAttempts: 1,
			credentials: sandbox.developer,
		});
		try {
			const listing = await failureOf(
				s3.send(new ListObjectsV2Command({ Bucket: 'fedplay-game-data' })),
			);
			expect({ name: listing.name, status: listing.status }).toEqual({
				name: 'InvalidAccessKeyId',
				status: 403,
			});
			expect(await stsFailure(sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
				code: 'InvalidClientTokenId',
				status: 403,
			});
		} finally {
			s3.destroy();
			sts.destroy();
		}
	});

	it('checks the signature as Cognito Identity’s front end does', async () => {
		const call = (client: CognitoIdentityClient) =>
			failureOf(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId })));
		const wrongSecret = developerClient(sandbox, {
			accessKeyId: sandbox.developer.accessKeyId,
			secretAccessKey: 'x'.repeat(40),
		});
		const withToken = developerClient(sandbox, { ...sandbox.developer, sessionToken: 'made-up' });
		const unknown = developerClient(sandbox, {
			accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
			secretAccessKey: 'x'.repeat(40),
		});
		try {
			expect((await call(wrongSecret)).name).toBe('InvalidSignatureException');
			expect(await call(withToken)).toEqual({
				name: 'UnrecognizedClientException',
				status: 400,
				message: 'The security token included in the request is invalid.',
			});
			expect((await call(unknown)).name).toBe('UnrecognizedClientException');
			// Unsigned (the SDK would not send it so): Cognito Identity's front end asks for a signature.
			const unsigned = await fetch(sandbox.awsEndpoint, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/x-amz-json-1.1',
					'X-Amz-Target': 'AWSCognitoIdentityService.DescribeIdentityPool',
				},
				body: JSON.stringify({ IdentityPoolId: poolId }),
			});
			expect({ status: unsigned.status, body: await unsigned.json() }).toEqual({
				status: 400,
				body: {
					__type: 'MissingAuthenticationTokenException',
					message: 'Request is missing Authentication Token',
				},
			});
		} finally {
			for (const client of [wrongSecret, withToken, unknown]) client.destroy();
		}
	});
});
