/**
 * Issues 13 (item 8), 15 and 16 with an independent client: Debian's AWS CLI v2 (botocore) calls the sandbox's
 * STS as a player would — `sts assume-role-with-web-identity --policy-arns` (unsigned) scopes a session down to a
 * managed policy of the template, `--provider-id www.amazon.com` trades a Login with Amazon access token, and
 * `sts assume-role` chains to the tournament role — each refusal answered in STS's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { amazonRoleArn } from './amazon-client';
import { awsCliMissing, runAwsCli, serviceError, type AwsCliTarget } from './aws-cli';
import { startTestSandbox, type PlayerCredentials } from './gateway-clients';
import { ACCOUNT, READ_ONLY_POLICY, TOURNAMENT_ROLE } from './sts-clients';

interface CliCredentials {
	AccessKeyId: string;
	SecretAccessKey: string;
	SessionToken: string;
	Expiration: string;
}

let sandbox: Sandbox;
let anonymous: AwsCliTarget;

/** `aws sts assume-role-with-web-identity` for carol at Fedplay ID, unsigned, with `more` arguments. */
async function webIdentity(more: string[]) {
	const token = await sandbox.idps[0]!.issueIdToken('carol');
	return runAwsCli(anonymous, [
		'sts',
		'assume-role-with-web-identity',
		'--role-arn',
		sandbox.roleArns[0]!,
		'--role-session-name',
		'cli-carol',
		'--web-identity-token',
		token,
		'--duration-seconds',
		'900',
		...more,
	]);
}

/** The CLI's answer's credentials, as the harness signs with them. */
function signingAs(answer: unknown): AwsCliTarget {
	const c = (answer as { Credentials: CliCredentials }).Credentials;
	const credentials: PlayerCredentials = {
		accessKeyId: c.AccessKeyId,
		secretAccessKey: c.SecretAccessKey,
		sessionToken: c.SessionToken,
		expiration: new Date(c.Expiration),
	};
	return { ...anonymous, credentials };
}

// Each CLI run starts a Python interpreter: a generous guard against a hang, not a speed check.
describe.skipIf(awsCliMissing() !== null)('the AWS CLI on STS', { timeout: 120_000 }, () => {
	beforeAll(async () => {
		sandbox = await startTestSandbox();
		anonymous = { endpoint: sandbox.awsEndpoint, region: sandbox.config.region };
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	it('assume-role-with-web-identity --policy-arns: a session scoped down to the read-only policy', async () => {
		const assumed = await webIdentity(['--policy-arns', `arn=${READ_ONLY_POLICY}`]);
		expect(assumed).toMatchObject({ exitCode: 0, timedOut: false });
		expect(assumed.json).toMatchObject({
			AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player/cli-carol` },
			SourceIdentity: 'carol@fedplay-id.example',
			PackedPolicySize: expect.any(Number),
		});
		const carol = signingAs(assumed.json);
		const who = await runAwsCli(carol, ['sts', 'get-caller-identity']);
		expect(who.json).toMatchObject({
			Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player/cli-carol`,
		});

		const write = await runAwsCli(carol, [
			's3api',
			'put-object',
			'--bucket',
			'fedplay-game-data',
			'--key',
			'players/oidc1/carol/profile.json',
		]);
		expect(write.exitCode).toBe(254);
		expect(write.stderr).toContain(
			serviceError(
				'AccessDenied',
				'PutObject',
				`User: arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player/cli-carol is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::fedplay-game-data/players/oidc1/carol/profile.json" because no session policy allows the s3:PutObject action`,
			),
		);
	});

	it('assume-role-with-web-identity --policy-arns: an ARN the account does not have is refused', async () => {
		const missing = `arn:aws:iam::${ACCOUNT}:policy/no-such-policy`;
		const refused = await webIdentity([
			'--policy-arns',
			`arn=${READ_ONLY_POLICY}`,
			`arn=${missing}`,
		]);
		expect(refused.exitCode).toBe(254);
		expect(refused.stderr).toContain(
			serviceError(
				'MalformedPolicyDocument',
				'AssumeRoleWithWebIdentity',
				`Policy ${missing} does not exist or is not attachable.`,
			),
		);
	});

	it('assume-role-with-web-identity --policy-arns: more than 10 ARNs are refused', async () => {
		const arns = Array.from({ length: 11 }, () => `arn=${READ_ONLY_POLICY}`);
		const refused = await webIdentity(['--policy-arns', ...arns]);
		expect(refused.exitCode).toBe(254);
		expect(refused.stderr).toContain(
			"Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
		);
	});

	it('assume-role chains an organizer to the tournament role, for an hour at most', async () => {
		const carol = signingAs((await webIdentity([])).json);
		const chain = (more: string[] = []) =>
			runAwsCli(carol, [
				'sts',
				'assume-role',
				'--role-arn',
				TOURNAMENT_ROLE,
				'--role-session-name',
				'cli-tournament',
				...more,
			]);
		const chained = await chain();
		expect(chained).toMatchObject({ exitCode: 0 });
		expect(chained.json).toMatchObject({
			AssumedRoleUser: {
				Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-tournament/cli-tournament`,
			},
			SourceIdentity: 'carol@fedplay-id.example',
		});
		const twoHours = await chain(['--duration-seconds', '7200']);
		expect(twoHours.exitCode).toBe(254);
		expect(twoHours.stderr).toContain(
			serviceError(
				'ValidationError',
				'AssumeRole',
				'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
			),
		);
	});

	it('assume-role-with-web-identity --provider-id www.amazon.com: a Login with Amazon access token', async () => {
		const withAccessToken = (token: string, providerId = 'www.amazon.com') =>
			runAwsCli(anonymous, [
				'sts',
				'assume-role-with-web-identity',
				'--role-arn',
				amazonRoleArn(sandbox),
				'--role-session-name',
				'cli-amazon',
				'--web-identity-token',
				token,
				'--provider-id',
				providerId,
				'--duration-seconds',
				'900',
			]);
		const token = sandbox.amazon.issueAccessToken('alice');
		const assumed = await withAccessToken(token);
		expect(assumed).toMatchObject({ exitCode: 0, timedOut: false });
		const userId = sandbox.amazon.userIdOf('alice');
		expect(assumed.json).toMatchObject({
			Provider: 'www.amazon.com',
			SubjectFromWebIdentityToken: userId,
			Audience: sandbox.amazon.app.clientId,
			AssumedRoleUser: {
				Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player-amazon/cli-amazon`,
			},
		});
		const alice = signingAs(assumed.json);
		const put = (key: string) =>
			runAwsCli(alice, ['s3api', 'put-object', '--bucket', 'fedplay-game-data', '--key', key]);
		expect((await put(`players/amazon/${userId}/cli.json`)).exitCode).toBe(0);
		const foreign = await put('players/oidc1/alice/cli.json');
		expect(foreign.exitCode).toBe(254);
		expect(foreign.stderr).toContain('An error occurred (AccessDenied) when calling the PutObject');

		const facebook = await withAccessToken(token, 'graph.facebook.com');
		expect(facebook.exitCode).toBe(254);
		expect(facebook.stderr).toContain(
			'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: ProviderId graph.facebook.com is accepted by AWS STS, but the Fedplay sandbox does not emulate Facebook',
		);
		sandbox.amazon.revokeAccessToken(token);
		const revoked = await withAccessToken(token);
		expect(revoked.exitCode).toBe(254);
		expect(revoked.stderr).toContain(
			serviceError(
				'IDPRejectedClaim',
				'AssumeRoleWithWebIdentity',
				'www.amazon.com: www.amazon.com responded with HTTP/1.1 400 Bad Request',
			),
		);
	});
});
