/**
 * The gateway's first check: a request reaches IAM (and storage) only with a valid SigV4 signature made with
 * live credentials the sandbox's STS issued. Each failure answers with the addressed service's own error.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	assumePlayerRole,
	clientsFor,
	destroyClients,
	failureOf,
	startTestSandbox,
	type PlayerClients,
	type PlayerCredentials,
} from './gateway-clients';

const Bucket = 'fedplay-game-data';
const TableName = 'GameScores';
const key = { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'Meteor' } };

let sandbox: Sandbox;
let alice: PlayerCredentials;
let bob: PlayerCredentials;
const open: PlayerClients[] = [];

function clients(
	credentials: PlayerCredentials,
	extra: { systemClockOffset?: number } = {},
): PlayerClients {
	const made = clientsFor(sandbox, credentials, extra);
	open.push(made);
	return made;
}

interface SignedRequest {
	headers: Record<string, string>;
	body?: unknown;
}
type Handler = (args: { request: SignedRequest }) => Promise<unknown>;
interface Stack {
	add(middleware: (next: Handler) => Handler, options: { step: 'deserialize'; name: string }): void;
}

/** Changes the request after the SDK signed it (deserialize runs after finalizeRequest, where signing is). */
function tamper(
	client: { middlewareStack: unknown },
	change: (request: SignedRequest) => void,
): void {
	(client.middlewareStack as Stack).add(
		(next) => async (args) => {
			change(args.request);
			return next(args);
		},
		{ step: 'deserialize', name: 'tamperAfterSigning' },
	);
}

beforeAll(async () => {
	sandbox = await startTestSandbox();
	[alice, bob] = await Promise.all([
		assumePlayerRole(sandbox, 'alice'),
		assumePlayerRole(sandbox, 'bob'),
	]);
	const own = clients(alice);
	await own.s3.send(
		new PutObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json', Body: 'original' }),
	);
	await own.dynamodb.send(new PutItemCommand({ TableName, Item: { ...key, Wins: { N: '1' } } }));
});

afterEach(() => {
	sandbox.clock.reset();
	destroyClients(...open.splice(0));
});

afterAll(async () => {
	await sandbox?.close();
});

const s3Put = (c: PlayerClients) =>
	c.s3.send(
		new PutObjectCommand({
			Bucket,
			Key: 'players/oidc1/alice/profile.json',
			Body: 'tampered',
			Metadata: { level: '1' },
		}),
	);
const ddbPut = (c: PlayerClients) =>
	c.dynamodb.send(new PutItemCommand({ TableName, Item: { ...key, Wins: { N: '99' } } }));

describe('S3', () => {
	it.each([
		[
			'a tampered signed header',
			(c: PlayerClients) => tamper(c.s3, (r) => void (r.headers['x-amz-meta-level'] = '9')),
			{ name: 'SignatureDoesNotMatch', status: 403 },
		],
		[
			'a tampered body',
			(c: PlayerClients) => tamper(c.s3, (r) => void (r.body = 'TAMPERED')),
			{ name: 'XAmzContentSHA256Mismatch', status: 400 },
		],
	])('refuses %s', async (_name, arrange, expected) => {
		const c = clients(alice);
		arrange(c);
		expect(await failureOf(s3Put(c))).toMatchObject(expected);
	});

	it.each([
		[
			'a wrong secret',
			() => clients({ ...alice, secretAccessKey: `${alice.secretAccessKey.slice(0, -1)}X` }),
			{ name: 'SignatureDoesNotMatch', status: 403 },
		],
		[
			'another session’s token',
			() => clients({ ...alice, sessionToken: bob.sessionToken }),
			{
				name: 'InvalidToken',
				status: 400,
				message: 'The provided token is malformed or otherwise invalid.',
			},
		],
		[
			'an unknown access key',
			() => clients({ ...alice, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' }),
			{ name: 'InvalidAccessKeyId', status: 403 },
		],
		[
			'a clock 20 minutes fast',
			() => clients(alice, { systemClockOffset: 20 * 60_000 }),
			{ name: 'RequestTimeTooSkewed', status: 403 },
		],
	])('refuses %s', async (_name, make, expected) => {
		expect(await failureOf(s3Put(make()))).toMatchObject(expected);
	});

	it('refuses expired credentials with ExpiredToken', async () => {
		const c = clients(alice);
		sandbox.clock.set(alice.expiration.getTime() - Date.now() + 1000);
		expect(
			await failureOf(
				c.s3.send(new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' })),
			),
		).toEqual({
			name: 'ExpiredToken',
			status: 400,
			message: 'The provided token has expired.',
		});
	});

	it('never forwarded any refused write: the object is as first written', async () => {
		const got = await clients(alice).s3.send(
			new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' }),
		);
		expect(await got.Body!.transformToString()).toBe('original');
	});
});

describe('DynamoDB', () => {
	it.each([
		[
			'a tampered signed header',
			(c: PlayerClients) =>
				tamper(
					c.dynamodb,
					(r) => void (r.headers['x-amz-target'] = 'DynamoDB_20120810.DeleteItem'),
				),
		],
		[
			'a tampered body',
			(c: PlayerClients) =>
				tamper(c.dynamodb, (r) => void (r.body = String(r.body).replace('"99"', '"98"'))),
		],
	])('refuses %s with InvalidSignatureException', async (_name, arrange) => {
		const c = clients(alice);
		arrange(c);
		expect(await failureOf(ddbPut(c))).toMatchObject({
			name: 'InvalidSignatureException',
			status: 400,
		});
	});

	it.each([
		[
			'a wrong secret',
			() => clients({ ...alice, secretAccessKey: `${alice.secretAccessKey.slice(0, -1)}X` }),
			{ name: 'InvalidSignatureException', status: 400 },
		],
		[
			'another session’s token',
			() => clients({ ...alice, sessionToken: bob.sessionToken }),
			{ name: 'UnrecognizedClientException', status: 400 },
		],
		[
			'a clock 20 minutes fast',
			() => clients(alice, { systemClockOffset: 20 * 60_000 }),
			{
				name: 'InvalidSignatureException',
				status: 400,
				message: expect.stringMatching(/^Signature not yet current: /),
			},
		],
		[
			'a clock 20 minutes slow',
			() => clients(alice, { systemClockOffset: -20 * 60_000 }),
			{
				name: 'InvalidSignatureException',
				status: 400,
				message: expect.stringMatching(/^Signature expired: /),
			},
		],
	])('refuses %s', async (_name, make, expected) => {
		expect(await failureOf(ddbPut(make()))).toMatchObject(expected);
	});

	it('refuses expired credentials with ExpiredTokenException', async () => {
		const c = clients(alice);
		sandbox.clock.set(alice.expiration.getTime() - Date.now() + 1000);
		expect(await failureOf(c.dynamodb.send(new GetItemCommand({ TableName, Key: key })))).toEqual({
			name: 'ExpiredTokenException',
			status: 400,
			message: 'The security token included in the request is expired',
		});
	});

	it('never forwarded any refused write: the item is as first written', async () => {
		const got = await clients(alice).dynamodb.send(new GetItemCommand({ TableName, Key: key }));
		expect(got.Item?.Wins).toEqual({ N: '1' });
	});
});
