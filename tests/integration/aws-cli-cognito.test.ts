/**
 * Issue 14 with an independent client: Debian's AWS CLI v2 (botocore's own serializer and parser for AWS JSON
 * 1.1) calls the sandbox's Cognito Identity — unsigned for `get-id`, `get-credentials-for-identity` and
 * `get-open-id-token`, signed with the developer principal's keys for the developer and describe calls — and
 * gets Cognito's answers and errors, in botocore's words on stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { awsCliMissing, cliArgs, runAwsCli, serviceError, type AwsCliTarget } from './aws-cli';
import { claimsOf, loginsFor, poolOf } from './cognito-clients';
import { startTestSandbox } from './gateway-clients';

let sandbox: Sandbox;
let anonymous: AwsCliTarget;
let poolId: string;

/** `aws cognito-identity <command>` unsigned (no credentials at all), as a web page would call it. */
const unsigned = (command: string, parameters: Record<string, string | true | object>) =>
	runAwsCli(anonymous, cliArgs('cognito-identity', command, parameters));

/** The same, signed with the developer principal's long-term keys (no session token). */
const asDeveloper = (command: string, parameters: Record<string, string | true | object>) =>
	runAwsCli(anonymous, cliArgs('cognito-identity', command, parameters), {
		env: {
			AWS_ACCESS_KEY_ID: sandbox.developer.accessKeyId,
			AWS_SECRET_ACCESS_KEY: sandbox.developer.secretAccessKey,
		},
	});

// Each CLI run starts a Python interpreter: a generous guard against a hang, not a speed check.
describe.skipIf(awsCliMissing() !== null)(
	'the AWS CLI on Cognito Identity',
	{ timeout: 120_000 },
	() => {
		beforeAll(async () => {
			sandbox = await startTestSandbox();
			anonymous = { endpoint: sandbox.awsEndpoint, region: sandbox.config.region };
			poolId = poolOf(sandbox).id;
		});

		afterAll(async () => {
			await sandbox?.close();
		});

		it('get-id, then get-credentials-for-identity: a guest’s hour of credentials, with SecretKey', async () => {
			const id = await unsigned('get-id', { 'identity-pool-id': poolId });
			expect(id.exitCode).toBe(0);
			const identityId = (id.json as { IdentityId: string }).IdentityId;
			expect(identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
			const credentials = await unsigned('get-credentials-for-identity', {
				'identity-id': identityId,
			});
			expect(credentials.exitCode).toBe(0);
			const c = (credentials.json as { Credentials: Record<string, string> }).Credentials;
			expect(Object.keys(c).sort()).toEqual([
				'AccessKeyId',
				'Expiration',
				'SecretKey',
				'SessionToken',
			]);
			const left = new Date(c['Expiration']!).getTime() - Date.now();
			expect(left).toBeGreaterThan(3500_000);
			expect(left).toBeLessThanOrEqual(3600_000);
		});

		it('get-id and get-open-id-token with a player’s login: the same identity, a Cognito token for it', async () => {
			const logins = await loginsFor(sandbox, 'alice');
			const first = await unsigned('get-id', { 'identity-pool-id': poolId, logins });
			const second = await unsigned('get-id', { 'identity-pool-id': poolId, logins });
			const identityId = (first.json as { IdentityId: string }).IdentityId;
			expect((second.json as { IdentityId: string }).IdentityId).toBe(identityId);
			const token = await unsigned('get-open-id-token', { 'identity-id': identityId, logins });
			expect(token.exitCode).toBe(0);
			const answer = token.json as { IdentityId: string; Token: string };
			expect(answer.IdentityId).toBe(identityId);
			expect(claimsOf(answer.Token)).toMatchObject({ sub: identityId, aud: poolId });
		});

		it('answers Cognito’s errors, which botocore reports as the service said them', async () => {
			const missing = 'us-east-1:0b6d2c3e-1f00-4a1b-9c2d-3e4f5a6b7c8d';
			const notFound = await unsigned('get-id', { 'identity-pool-id': missing });
			expect(notFound.exitCode).toBe(254);
			expect(notFound.stderr).toContain(
				serviceError('ResourceNotFoundException', 'GetId', `IdentityPool '${missing}' not found.`),
			);
			const malformed = await unsigned('get-id', { 'identity-pool-id': 'us-east-1_AbCdEf' });
			expect(malformed.stderr).toContain(
				serviceError(
					'ValidationException',
					'GetId',
					"1 validation error detected: Value 'us-east-1_AbCdEf' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
				),
			);
			const wrongKey = await unsigned('get-id', {
				'identity-pool-id': poolId,
				logins: { 'accounts.google.com': 'a.b.c' },
			});
			expect(wrongKey.stderr).toContain(
				serviceError(
					'NotAuthorizedException',
					'GetId',
					'Token is not from a supported provider of this identity pool.',
				),
			);
		});

		it('describe-identity-pool and list-identities, signed with the developer principal’s keys', async () => {
			const pool = await asDeveloper('describe-identity-pool', { 'identity-pool-id': poolId });
			expect(pool.exitCode).toBe(0);
			expect(pool.json).toMatchObject({
				IdentityPoolId: poolId,
				AllowUnauthenticatedIdentities: true,
				AllowClassicFlow: true,
			});
			const listed = await asDeveloper('list-identities', {
				'identity-pool-id': poolId,
				'max-results': '60',
			});
			expect(listed.exitCode).toBe(0);
			expect((listed.json as { Identities: unknown[] }).Identities.length).toBeGreaterThan(0);
		});

		it('get-open-id-token-for-developer-identity, and its refusal unsigned', async () => {
			const developerProvider = poolOf(sandbox).developerProviderName!;
			const parameters = {
				'identity-pool-id': poolId,
				logins: { [developerProvider]: 'cli-user' },
				'token-duration': '3600',
			};
			const answer = await asDeveloper('get-open-id-token-for-developer-identity', parameters);
			expect(answer.exitCode).toBe(0);
			const claims = claimsOf((answer.json as { Token: string }).Token);
			expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(3600);
			const refused = await unsigned('get-open-id-token-for-developer-identity', {
				...parameters,
				'no-sign-request': true,
			});
			expect(refused.stderr).toContain(
				serviceError(
					'MissingAuthenticationTokenException',
					'GetOpenIdTokenForDeveloperIdentity',
					'Request is missing Authentication Token',
				),
			);
		});
	},
);
