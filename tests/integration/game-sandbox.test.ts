/**
 * What the sandbox adds to its emulators for the game's data layer, checked on the wire shape the SDK
 * sees: conditional PutObject (If-Match / If-None-Match, in the sandbox's S3 store) and TransactWriteItems
 * (dynalite has none).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { playerPartition, playerPrefix } from '../../src/lib/config/data-layout';
import { closePlayer, failureOf, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let alice: Player;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	alice = await signIn(sandbox, 'alice');
});

afterAll(async () => {
	closePlayer(alice);
	await sandbox.close();
});

describe('conditional PutObject through the gateway', () => {
	const put = (Key: string, Body: string, condition: { IfMatch?: string; IfNoneMatch?: string }) =>
		alice.sdk.s3.send(new PutObjectCommand({ Bucket: alice.data.bucket, Key, Body, ...condition }));
	const key = () => `${playerPrefix(alice.identity)}conditional.json`;

	it('answers as S3 does: 404 NoSuchKey for If-Match on no object, 412 PreconditionFailed otherwise', async () => {
		expect(await failureOf(put(key(), 'a', { IfMatch: '"abc"' }))).toMatchObject({
			name: 'NoSuchKey',
			$metadata: { httpStatusCode: 404 },
			Key: key(),
		});
		const created = await put(key(), 'a', { IfNoneMatch: '*' });
		expect(await failureOf(put(key(), 'b', { IfNoneMatch: '*' }))).toMatchObject({
			name: 'PreconditionFailed',
			$metadata: { httpStatusCode: 412 },
			message: 'At least one of the pre-conditions you specified did not hold',
			Condition: 'If-None-Match',
		});
		expect(await failureOf(put(key(), 'b', { IfMatch: '"0123"' }))).toMatchObject({
			name: 'PreconditionFailed',
			Condition: 'If-Match',
		});
		const updated = await put(key(), 'b', { IfMatch: created.ETag! });
		expect(updated.ETag).not.toBe(created.ETag);
	});

	it('lets exactly one of ten racing If-Match writers on the same ETag win', async () => {
		const base = await put(key(), 'base', {});
		const results = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) => put(key(), `writer ${i}`, { IfMatch: base.ETag! })),
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(
			results.filter((r) => r.status === 'rejected').map((r) => (r.reason as Error).name),
		).toEqual(Array(9).fill('PreconditionFailed'));
	});
});

describe('TransactWriteItems through the gateway', () => {
	const TableName = () => alice.data.table;
	const item = (GameTitle: string) => ({ UserId: playerPartition(alice.identity), GameTitle });

	it('applies every write, or none with one CancellationReason per item in request order', async () => {
		await alice.sdk.ddb.send(
			new TransactWriteCommand({
				TransactItems: [
					{ Put: { TableName: TableName(), Item: { ...item('T#1'), N: 1 } } },
					{ Put: { TableName: TableName(), Item: { ...item('T#2'), N: 2 } } },
				],
			}),
		);
		const cancelled = await failureOf(
			alice.sdk.ddb.send(
				new TransactWriteCommand({
					TransactItems: [
						{
							Update: {
								TableName: TableName(),
								Key: item('T#1'),
								UpdateExpression: 'SET N = :n',
								ExpressionAttributeValues: { ':n': 10 },
							},
						},
						{
							ConditionCheck: {
								TableName: TableName(),
								Key: item('T#2'),
								ConditionExpression: 'N = :three',
								ExpressionAttributeValues: { ':three': 3 },
								ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
							},
						},
					],
				}),
			),
		);
		expect(cancelled).toMatchObject({
			name: 'TransactionCanceledException',
			$metadata: { httpStatusCode: 400 },
			message:
				'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
			CancellationReasons: [
				{ Code: 'None' },
				{
					Code: 'ConditionalCheckFailed',
					Message: 'The conditional request failed',
					Item: {
						UserId: { S: playerPartition(alice.identity) },
						GameTitle: { S: 'T#2' },
						N: { N: '2' },
					},
				},
			],
		});
		const first = await alice.sdk.ddb.send(
			new GetCommand({ TableName: TableName(), Key: item('T#1') }),
		);
		expect(first.Item).toMatchObject({ N: 1 });
	});

	it('refuses two operations on one item, as DynamoDB does', async () => {
		expect(
			await failureOf(
				alice.sdk.ddb.send(
					new TransactWriteCommand({
						TransactItems: [
							{ Put: { TableName: TableName(), Item: item('T#3') } },
							{ Delete: { TableName: TableName(), Key: item('T#3') } },
						],
					}),
				),
			),
		).toMatchObject({
			name: 'ValidationException',
			message: 'Transaction request cannot include multiple operations on one item',
		});
	});

	it("authorizes every item: one of bob's items denies the whole transaction", async () => {
		const denied = await failureOf(
			alice.sdk.ddb.send(
				new TransactWriteCommand({
					TransactItems: [
						{ Put: { TableName: TableName(), Item: item('T#4') } },
						{ Put: { TableName: TableName(), Item: { UserId: 'oidc1/bob', GameTitle: 'T#4' } } },
					],
				}),
			),
		);
		expect(denied).toMatchObject({ name: 'AccessDeniedException' });
		const mine = await alice.sdk.ddb.send(
			new GetCommand({ TableName: TableName(), Key: item('T#4') }),
		);
		expect(mine.Item).toBeUndefined();
	});
});
