/**
 * Session policies go through the same parser as the template's (src/lib/iam `parsePolicy`): AssumeRoleWithWebIdentity
 * refuses one IAM would refuse with `MalformedPolicyDocument` (HTTP 400; the SDK's
 * `MalformedPolicyDocumentException`) and IAM's words, after the statement it
 * is in. And sts:GetCallerIdentity answers whatever the session policy says: "No permissions are required to
 * perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to
 * the sts:GetCallerIdentity action, you can still perform this operation." (STS API Reference). Real SDK clients.
 */
import {
	AssumeRoleWithWebIdentityCommand,
	DecodeAuthorizationMessageCommand,
	GetCallerIdentityCommand,
	STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { failureOf, startTestSandbox } from './gateway-clients';

let sandbox: Sandbox;
let sts: STSClient;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.awsEndpoint, maxAttempts: 1 });
});

afterAll(async () => {
	sts?.destroy();
	await sandbox?.close();
});

async function assume(policy: string) {
	return sts.send(
		new AssumeRoleWithWebIdentityCommand({
			RoleArn: sandbox.roleArns[0],
			RoleSessionName: 'fedplay-alice',
			WebIdentityToken: await sandbox.idps[0]!.issueIdToken('alice'),
			Policy: policy,
		}),
	);
}

const statement = (fields: object) =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{ Sid: 'Scope', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...fields },
		],
	});

describe('AssumeRoleWithWebIdentity refuses a session policy IAM would refuse', () => {
	it.each([
		[
			'a wildcard in an action’s service prefix',
			statement({ Action: '*:GetObject' }),
			'Action vendors (e.g., aws, ec2, etc.) must not contain wildcards. Action: "*:GetObject".',
		],
		[
			'an action with two colons',
			statement({ Action: undefined, NotAction: 's3:Get:Object' }),
			'Actions/Condition can contain only one colon. Action: "s3:Get:Object".',
		],
		[
			'a resource that is no ARN',
			statement({ Resource: 'fedplay-game-data/*' }),
			'Resource fedplay-game-data/* must be in ARN format or "*".',
		],
		[
			'an ARN too short to name anything',
			statement({ Resource: 'arn:aws:*' }),
			'Resource arn:aws:* must be in ARN format or "*".',
		],
		[
			'a partition AWS does not have',
			statement({ Resource: 'arn:aws2:s3:::fedplay-game-data/*' }),
			'Partition "aws2" is not valid for resource "arn:aws2:s3:::fedplay-game-data/*".',
		],
		[
			'a condition key without its vendor',
			statement({ Condition: { StringLike: { prefix: 'players/*' } } }),
			'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. Condition key: "prefix".',
		],
		[
			'a Principal',
			statement({ Principal: { AWS: '123456789012' } }),
			'Has prohibited field Principal.',
		],
	])('%s', async (_what, policy, detail) => {
		expect(await failureOf(assume(policy))).toEqual({
			name: 'MalformedPolicyDocumentException',
			status: 400,
			message: `Statement 0 (Scope): ${detail}`,
		});
	});

	it('refuses Effect given twice, which JSON.parse alone would read as its last value', async () => {
		const twice = '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Effect":"Allow"}]}';
		expect(await failureOf(assume(twice))).toEqual({
			name: 'MalformedPolicyDocumentException',
			status: 400,
			message: 'Syntax errors in policy: the key "Effect" appears twice in one element.',
		});
	});

	it('accepts the look-alikes IAM takes', async () => {
		const policy = statement({
			Action: ['s3:Get*', 'dynamodb:*'],
			Resource: ['arn:aws:s3:::fedplay-game-data/*', 'arn:aws:dynamodb:*:*:table/GameScores'],
			Condition: { StringEquals: { 'localhost:4000:sub': 'alice' } },
		});
		expect((await assume(policy)).AssumedRoleUser?.Arn).toMatch(/:assumed-role\//);
	});
});

describe('GetCallerIdentity needs no permission and cannot be denied', () => {
	async function clientWith(policy: string) {
		const { Credentials } = await assume(policy);
		return new STSClient({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			maxAttempts: 1,
			credentials: {
				accessKeyId: Credentials!.AccessKeyId!,
				secretAccessKey: Credentials!.SecretAccessKey!,
				sessionToken: Credentials!.SessionToken!,
			},
		});
	}

	it.each([
		[
			'a session policy that denies every STS action',
			statement({ Effect: 'Deny', Action: 'sts:*' }),
		],
		['a session policy that allows only s3:GetObject', statement({})],
	])(
		'answers with %s, while the policy still decides DecodeAuthorizationMessage',
		async (_what, policy) => {
			const client = await clientWith(policy);
			try {
				const me = await client.send(new GetCallerIdentityCommand({}));
				expect(me.Arn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/fedplay-player\/fedplay-alice$/);
				const decode = await failureOf(
					client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'x' })),
				);
				expect(decode).toMatchObject({ name: 'AccessDenied', status: 403 });
			} finally {
				client.destroy();
			}
		},
	);
});
