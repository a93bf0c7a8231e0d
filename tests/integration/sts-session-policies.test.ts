/**
 * Issue 13 item 8: managed session policies. `PolicyArns` names customer managed policies of the template, alone
 * or beside an inline `Policy`; the session can then do what the role allows AND the session policies allow —
 * any one of them allowing, none denying (IAM User Guide, "Session policies" and "Policy evaluation logic").
 * Unknown ARNs, more than 10 of them, and malformed ones are refused as STS refuses them.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { playerPrefix } from '../../src/lib/config/data-layout';
import {
	clientsFor,
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import {
	ACCOUNT,
	asPlayerCredentials,
	chain,
	NO_DELETES_POLICY,
	READ_ONLY_POLICY,
	stsFailure,
	webIdentity,
} from './sts-clients';

const Bucket = 'fedplay-game-data';
const TableName = 'GameScores';
const ALICE_PROFILE = `${playerPrefix({ segment: 'oidc1', id: 'alice' })}profile.json`;
const BOB_PROFILE = `${playerPrefix({ segment: 'oidc1', id: 'bob' })}profile.json`;
const ALICE_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player/fedplay-alice`;
const aliceKey = { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'token-rush' } };

let sandbox: Sandbox;
const opened: PlayerClients[] = [];

beforeAll(async () => {
	sandbox = await startTestSandbox();
	const [alice, bob] = await Promise.all([
		playerClients(sandbox, 'alice'),
		playerClients(sandbox, 'bob'),
	]);
	opened.push(alice, bob);
	await alice.s3.send(new PutObjectCommand({ Bucket, Key: ALICE_PROFILE, Body: '{"a":1}' }));
	await bob.s3.send(new PutObjectCommand({ Bucket, Key: BOB_PROFILE, Body: '{"b":1}' }));
	await alice.dynamodb.send(
		new PutItemCommand({ TableName, Item: { ...aliceKey, TopScore: { N: '1' } } }),
	);
});

afterAll(async () => {
	destroyClients(...opened);
	await sandbox?.close();
});

/** Alice's clients for a session assumed with these session policies. */
async function aliceWith(options: { PolicyArns?: string[]; Policy?: object }) {
	const answer = await webIdentity(sandbox, 'alice', {
		...(options.PolicyArns ? { PolicyArns: options.PolicyArns.map((arn) => ({ arn })) } : {}),
		...(options.Policy ? { Policy: JSON.stringify(options.Policy) } : {}),
	});
	const clients = clientsFor(sandbox, asPlayerCredentials(answer.Credentials!));
	opened.push(clients);
	return { answer, ...clients };
}

const putProfile = (c: PlayerClients) =>
	c.s3.send(new PutObjectCommand({ Bucket, Key: ALICE_PROFILE, Body: '{"a":2}' }));
const getProfile = (c: PlayerClients, Key = ALICE_PROFILE) =>
	c.s3.send(new GetObjectCommand({ Bucket, Key }));
const policyOf = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('PolicyArns scopes a session down to a managed policy of the template', () => {
	it('read-only: reads still work, every write is refused by the session policy', async () => {
		const alice = await aliceWith({ PolicyArns: [READ_ONLY_POLICY] });
		expect((await getProfile(alice)).$metadata.httpStatusCode).toBe(200);
		const item = await alice.dynamodb.send(new GetItemCommand({ TableName, Key: aliceKey }));
		expect(item.Item?.['TopScore']).toEqual({ N: '1' });

		expect(await failureOf(putProfile(alice))).toEqual({
			name: 'AccessDenied',
			status: 403,
			message: `User: ${ALICE_ARN} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${Bucket}/${ALICE_PROFILE}" because no session policy allows the s3:PutObject action`,
		});
		const put = await failureOf(
			alice.dynamodb.send(
				new PutItemCommand({ TableName, Item: { ...aliceKey, TopScore: { N: '9' } } }),
			),
		);
		expect(put).toMatchObject({ name: 'AccessDeniedException', status: 400 });
		expect(put.message).toContain('because no session policy allows the dynamodb:PutItem action');
	});

	it('never grants more than the role: the managed policy reads the whole bucket, the session still only its own', async () => {
		const alice = await aliceWith({ PolicyArns: [READ_ONLY_POLICY] });
		const refused = await failureOf(getProfile(alice, BOB_PROFILE));
		expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
		expect(refused.message).toContain(
			'because no identity-based policy allows the s3:GetObject action',
		);
	});

	it('allows what any one session policy allows: read-only + no-deletes writes, and still never deletes', async () => {
		const alice = await aliceWith({ PolicyArns: [READ_ONLY_POLICY, NO_DELETES_POLICY] });
		expect((await putProfile(alice)).$metadata.httpStatusCode).toBe(200);
		const refused = await failureOf(
			alice.s3.send(new DeleteObjectCommand({ Bucket, Key: ALICE_PROFILE })),
		);
		expect(refused.message).toContain(
			'because no session policy allows the s3:DeleteObject action',
		);
	});

	it('takes an inline Policy and PolicyArns together: an allow from either is enough', async () => {
		const dynamoOnly = policyOf({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' });
		const alice = await aliceWith({ Policy: dynamoOnly, PolicyArns: [READ_ONLY_POLICY] });
		expect((await getProfile(alice)).$metadata.httpStatusCode).toBe(200);
		expect((await failureOf(putProfile(alice))).message).toContain(
			'because no session policy allows the s3:PutObject action',
		);
	});

	it('lets a Deny in the inline Policy win over an Allow in a managed policy', async () => {
		const denyReads = policyOf(
			{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
			{ Effect: 'Allow', Action: '*', Resource: '*' },
		);
		const alice = await aliceWith({ Policy: denyReads, PolicyArns: [NO_DELETES_POLICY] });
		expect(await failureOf(getProfile(alice))).toMatchObject({
			name: 'AccessDenied',
			message: expect.stringContaining('with an explicit deny in a session policy'),
		});
	});

	it('counts the ARNs in PackedPolicySize', async () => {
		const policy = policyOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
		const inline = (await aliceWith({ Policy: policy })).answer.PackedPolicySize!;
		const both = (
			await aliceWith({ Policy: policy, PolicyArns: [READ_ONLY_POLICY, NO_DELETES_POLICY] })
		).answer.PackedPolicySize!;
		expect(both).toBeGreaterThan(inline);
	});

	it('applies them to a chained session too (AssumeRole with PolicyArns)', async () => {
		const carol = await webIdentity(sandbox, 'carol');
		const tournament = await chain(sandbox, carol.Credentials!, {
			PolicyArns: [{ arn: READ_ONLY_POLICY }],
		});
		const clients = clientsFor(sandbox, asPlayerCredentials(tournament.Credentials!));
		opened.push(clients);
		const refused = await failureOf(
			clients.s3.send(new PutObjectCommand({ Bucket, Key: 'tournament/results.json', Body: '{}' })),
		);
		expect(refused.message).toContain('because no session policy allows the s3:PutObject action');
	});
});

describe('PolicyArns that STS refuses', () => {
	const refusal = (arns: string[]) =>
		stsFailure(webIdentity(sandbox, 'alice', { PolicyArns: arns.map((arn) => ({ arn })) }));

	it.each([11, 12, 20])('refuses %i ARNs: at most 10', async (count) => {
		expect(await refusal(Array.from({ length: count }, () => READ_ONLY_POLICY))).toEqual({
			code: 'ValidationError',
			status: 400,
			message:
				"1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
		});
	});

	it('accepts exactly 10', async () => {
		const answer = await webIdentity(sandbox, 'alice', {
			PolicyArns: Array.from({ length: 10 }, () => ({ arn: READ_ONLY_POLICY })),
		});
		expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
	});

	it.each([
		['a policy the account does not have', `arn:aws:iam::${ACCOUNT}:policy/no-such-policy`],
		[
			'another account’s policy',
			'arn:aws:iam::210987654321:policy/fedplay-sandbox-read-only-game-data',
		],
		['a role, not a policy', `arn:aws:iam::${ACCOUNT}:role/fedplay-player`],
		[
			'a policy under another path',
			`arn:aws:iam::${ACCOUNT}:policy/game/fedplay-sandbox-read-only-game-data`,
		],
	])('refuses %s with MalformedPolicyDocument', async (_, arn) => {
		expect(await refusal([READ_ONLY_POLICY, arn])).toEqual({
			code: 'MalformedPolicyDocument',
			status: 400,
			message: `Policy ${arn} does not exist or is not attachable.`,
		});
	});

	it.each([
		'not-an-arn-but-twenty-chars',
		'arn:aws:iam::123456789012',
		'arn::iam::123456789012:policy/x',
	])('refuses %s, which is not an ARN, with ValidationError', async (arn) => {
		expect(await refusal([arn])).toEqual({
			code: 'ValidationError',
			status: 400,
			message: `${arn} is invalid`,
		});
	});

	it('refuses an ARN under 20 characters in the model’s words', async () => {
		expect(await refusal(['arn:aws:iam::1:x'])).toEqual({
			code: 'ValidationError',
			status: 400,
			message:
				"1 validation error detected: Value 'arn:aws:iam::1:x' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20",
		});
	});
});
