/**
 * The inspector against the sandbox: real SDK clients, real SigV4, real policy decisions. A denied call of
 * the app's own shows in the call log, its error is explained, the same request (rebuilt from the signed
 * request the log recorded) re-evaluated against the session's policies names the failing condition, and an encoded message is decoded through STS.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { policySetFor } from '../../sandbox/infra';
import { CallLog } from '../../src/lib/aws/call-log';
import { attachCallLog } from '../../src/lib/aws/call-log-middleware';
import { createStsCalls } from '../../src/lib/aws/sts';
import { decodeAuthorizationMessage } from '../../src/lib/inspector/decode-message';
import { explainCall } from '../../src/lib/inspector/explain-call';
import { explainDenial } from '../../src/lib/inspector/explain-denial';
import { requestContextOf, type SessionIdentity } from '../../src/lib/inspector/request-context';
import { requestEnvironment } from '../../src/lib/inspector/request-environment';
import {
	assumePlayerRole,
	clientsFor,
	destroyClients,
	startTestSandbox,
	type PlayerClients,
	type PlayerCredentials,
} from './gateway-clients';

let sandbox: Sandbox;
let credentials: PlayerCredentials;
let alice: PlayerClients;
let identity: SessionIdentity;
const log = new CallLog();

beforeAll(async () => {
	sandbox = await startTestSandbox({ encodedAuthorizationMessages: true });
	credentials = await assumePlayerRole(sandbox, 'alice');
	alice = clientsFor(sandbox, credentials);
	attachCallLog(alice.s3, log);
	attachCallLog(alice.dynamodb, log);
	const roleName = sandbox.roleArns[0]?.split('/').pop() ?? '';
	identity = {
		principal: `arn:aws:sts::${sandbox.config.accountId}:assumed-role/${roleName}/fedplay-alice`,
		provider: new URL(sandbox.issuers[0] ?? '').host,
		sub: 'alice',
		segment: 'oidc1',
		accountId: sandbox.config.accountId,
		region: sandbox.config.region,
		environment: requestEnvironment(sandboxRuntimeConfig(sandbox), sandbox.config.accountId),
	};
});

afterAll(async () => {
	destroyClients(alice);
	await sandbox.close();
});

describe('the inspector on a denied call', () => {
	it("logs alice's write to bob's partition, explains it, and names the failing condition", async () => {
		const input = {
			TableName: 'GameScores',
			Item: { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Meteor' } },
		};
		await expect(alice.dynamodb.send(new PutItemCommand(input))).rejects.toThrow();
		const entry = log.filter({ service: 'DynamoDB', failuresOnly: true }).at(-1);
		expect(entry).toMatchObject({ operation: 'PutItem', status: 400, ok: false });
		expect(entry && explainCall(entry)).toMatchObject({
			category: 'access-denied',
			action: 'dynamodb:PutItem',
			policyType: 'identity-based',
			denyKind: 'implicit',
		});
		// Rebuilt from the signed request the log recorded, by the mapping the gateway decided with.
		const [request, ...more] = requestContextOf(entry!, identity);
		expect(more).toEqual([]);
		const policies = policySetFor(sandbox.infra, { roleArn: sandbox.roleArns[0] ?? '' });
		const denial = explainDenial(request!, policies, { player: { segment: 'oidc1', id: 'alice' } });
		expect(denial.text).toContain(
			'dynamodb:LeadingKeys was [oidc1/bob]; the policy requires your partition key [oidc1/alice]',
		);
		expect(log.exportJson()).not.toContain(credentials.sessionToken.slice(4, -4));
	});

	it("decodes the encoded message of alice reading bob's profile", async () => {
		await expect(
			alice.s3.send(
				new GetObjectCommand({
					Bucket: 'fedplay-game-data',
					Key: 'players/oidc1/bob/profile.json',
				}),
			),
		).rejects.toThrow();
		const entry = log.filter({ service: 'S3', failuresOnly: true }).at(-1);
		const explained = entry ? explainCall(entry) : null;
		expect(explained?.resource).toBe(
			'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
		);
		const encoded = explained?.encodedMessage;
		expect(encoded).toBeTruthy();
		const sts = createStsCalls({
			region: sandbox.config.region,
			endpoint: sandbox.awsEndpoint,
			credentials: async () => credentials,
			callLog: null,
		});
		try {
			const decoded = await decodeAuthorizationMessage(sts, encoded ?? '');
			expect(decoded).toMatchObject({
				allowed: false,
				explicitDeny: false,
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
			});
			expect(decoded?.conditions.map((c) => c.key)).toContain(`${identity.provider}:sub`);
		} finally {
			sts.destroy();
		}
	});
});
