/**
 * With `encodedAuthorizationMessages` on, a denial also carries `Encoded authorization failure message:
 * <blob>` (as EC2 does), and STS DecodeAuthorizationMessage turns the blob into AWS's decoded shape.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';

let sandbox: Sandbox;
let alice: PlayerClients;
let sts: STSClient;

beforeAll(async () => {
	sandbox = await startTestSandbox({ encodedAuthorizationMessages: true });
	alice = await playerClients(sandbox, 'alice');
	sts = new STSClient({
		region: 'us-east-1',
		endpoint: sandbox.awsEndpoint,
		credentials: alice.credentials,
		maxAttempts: 1,
	});
});

afterAll(async () => {
	sts?.destroy();
	if (alice) destroyClients(alice);
	await sandbox?.close();
});

async function decode(message: string): Promise<Record<string, unknown>> {
	const blob = /Encoded authorization failure message: ([A-Za-z0-9_-]+)$/.exec(message)?.[1];
	expect(blob).toBeDefined();
	const answer = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: blob! }));
	return JSON.parse(answer.DecodedMessage!) as Record<string, unknown>;
}

it.each([
	[
		'S3',
		() =>
			alice.s3.send(
				new GetObjectCommand({
					Bucket: 'fedplay-game-data',
					Key: 'players/oidc1/bob/profile.json',
				}),
			),
		's3:GetObject',
		'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
		{ key: 'aws:SourceIp', values: { items: [{ value: '127.0.0.1' }] } },
	],
	[
		'DynamoDB',
		() =>
			alice.doc.send(
				new GetCommand({
					TableName: 'GameScores',
					Key: { UserId: 'oidc1/bob', GameTitle: 'Meteor' },
				}),
			),
		'dynamodb:GetItem',
		'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores',
		{ key: 'dynamodb:LeadingKeys', values: { items: [{ value: 'oidc1/bob' }] } },
	],
])(
	'%s denial carries a message that STS decodes into the request and its context',
	async (_service, call, action, resource, condition) => {
		const failure = await failureOf(call());
		expect(failure.message).toMatch(
			new RegExp(
				`^User: .* because no identity-based policy allows the ${action} action Encoded authorization failure message: `,
			),
		);
		const decoded = await decode(failure.message);
		expect(decoded).toMatchObject({
			allowed: false,
			explicitDeny: false,
			matchedStatements: { items: [] },
			failures: { items: [] },
			context: {
				principal: { arn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice' },
				action,
				resource,
			},
		});
		const conditions = (decoded.context as { conditions: { items: unknown[] } }).conditions.items;
		expect(conditions).toContainEqual(condition);
		expect(conditions).toContainEqual({
			key: `${new URL(sandbox.issuers[0]!).host}:sub`,
			values: { items: [{ value: 'alice' }] },
		});
	},
);

it('refuses a tampered message with InvalidAuthorizationMessageException', async () => {
	const failure = await failureOf(
		alice.s3.send(
			new GetObjectCommand({ Bucket: 'fedplay-game-data', Key: 'players/oidc1/bob/x' }),
		),
	);
	const blob = /message: ([A-Za-z0-9_-]+)$/.exec(failure.message)![1]!;
	const flipped = blob.slice(0, 20) + (blob[20] === 'A' ? 'B' : 'A') + blob.slice(21);
	expect(
		await failureOf(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: flipped }))),
	).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 });
});
