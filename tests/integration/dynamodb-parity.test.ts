/**
 * Issue 13, item 7, with the real SDK (`@aws-sdk/client-dynamodb`) against the sandbox: what a real role can
 * do on DynamoDB and the sandbox used to get wrong. `ReturnValuesOnConditionCheckFailure: ALL_OLD` hands
 * back the item a failed condition saw (dynalite drops the parameter); `TransactGetItems` is answered
 * (dynalite lacks it); a `ClientRequestToken` makes `TransactWriteItems` idempotent for ten minutes.
 */
import {
	ConditionalCheckFailedException,
	DeleteItemCommand,
	GetItemCommand,
	PutItemCommand,
	TransactGetItemsCommand,
	TransactWriteItemsCommand,
	UpdateItemCommand,
	type AttributeValue,
	type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	clientsFor,
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';

const TableName = 'GameScores';
const UserId = { S: 'oidc1/alice' };
const key = (GameTitle: string) => ({ UserId, GameTitle: { S: GameTitle } });
const FAILED = 'The conditional request failed';
const invalid = (message: string) => ({ name: 'ValidationException', status: 400, message });

let sandbox: Sandbox;
let alice: PlayerClients;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	alice = await playerClients(sandbox, 'alice');
});

afterAll(async () => {
	destroyClients(alice);
	await sandbox?.close();
});

/** What the SDK threw, whole (the SDK puts modelled members such as `Item` on the error itself). */
async function errorOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await call;
	} catch (error) {
		return error as Record<string, unknown>;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

async function put(item: Record<string, AttributeValue>): Promise<void> {
	await alice.dynamodb.send(new PutItemCommand({ TableName, Item: item }));
}

async function read(GameTitle: string): Promise<Record<string, AttributeValue> | undefined> {
	const got = await alice.dynamodb.send(
		new GetItemCommand({ TableName, Key: key(GameTitle), ConsistentRead: true }),
	);
	return got.Item;
}

describe('ReturnValuesOnConditionCheckFailure on single-item writes', () => {
	const stored = (GameTitle: string) => ({
		...key(GameTitle),
		Wins: { N: '3' },
		Badges: { L: [{ S: 'gold' }, { M: { level: { N: '2' } } }] },
	});
	const writes = (GameTitle: string, extra: object) => ({
		PutItem: () =>
			new PutItemCommand({
				TableName,
				Item: { ...key(GameTitle), Wins: { N: '100' } },
				ConditionExpression: 'attribute_not_exists(UserId)',
				...extra,
			}),
		UpdateItem: () =>
			new UpdateItemCommand({
				TableName,
				Key: key(GameTitle),
				UpdateExpression: 'SET Wins = :w',
				ConditionExpression: 'Wins > :min',
				ExpressionAttributeValues: { ':w': { N: '100' }, ':min': { N: '10' } },
				...extra,
			}),
		DeleteItem: () =>
			new DeleteItemCommand({
				TableName,
				Key: key(GameTitle),
				ConditionExpression: '#w = :n',
				ExpressionAttributeNames: { '#w': 'Wins' },
				ExpressionAttributeValues: { ':n': { N: '99' } },
				...extra,
			}),
	});
	const operations = ['PutItem', 'UpdateItem', 'DeleteItem'] as const;

	it.each(operations)(
		'%s: a failed condition carries the whole old item as error.Item, and changes nothing',
		async (operation) => {
			const title = `Old-${operation}`;
			await put(stored(title));
			const command = writes(title, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })[operation];
			const error = await errorOf(alice.dynamodb.send(command() as never));
			expect(error).toBeInstanceOf(ConditionalCheckFailedException);
			expect(error).toMatchObject({ message: FAILED, $metadata: { httpStatusCode: 400 } });
			expect(error.Item).toEqual(stored(title));
			expect(await read(title)).toEqual(stored(title));
		},
	);

	it.each(operations)('%s: no Item without ALL_OLD, or with NONE', async (operation) => {
		const title = `NoOld-${operation}`;
		await put(stored(title));
		for (const extra of [{}, { ReturnValuesOnConditionCheckFailure: 'NONE' }]) {
			const error = await errorOf(alice.dynamodb.send(writes(title, extra)[operation]() as never));
			expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', message: FAILED });
			expect(error.Item).toBeUndefined();
		}
	});

	it('returns no Item when the condition failed on an item that does not exist', async () => {
		const error = await errorOf(
			alice.dynamodb.send(
				new UpdateItemCommand({
					TableName,
					Key: key('Old-Absent'),
					UpdateExpression: 'SET Wins = :w',
					ConditionExpression: 'attribute_exists(UserId)',
					ExpressionAttributeValues: { ':w': { N: '1' } },
					ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
				}),
			),
		);
		expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', message: FAILED });
		expect(error.Item).toBeUndefined();
		expect(await read('Old-Absent')).toBeUndefined();
	});

	it('writes as usual when the condition holds, ALL_OLD or not', async () => {
		await put(stored('Old-Holds'));
		const updated = await alice.dynamodb.send(
			new UpdateItemCommand({
				TableName,
				Key: key('Old-Holds'),
				UpdateExpression: 'SET Wins = :w',
				ConditionExpression: 'Wins < :max',
				ExpressionAttributeValues: { ':w': { N: '4' }, ':max': { N: '10' } },
				ReturnValues: 'UPDATED_OLD',
				ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
			}),
		);
		expect(updated.Attributes).toEqual({ Wins: { N: '3' } });
		expect((await read('Old-Holds'))?.Wins).toEqual({ N: '4' });
	});

	it('carries the old item for a legacy Expected condition too', async () => {
		await put(stored('Old-Legacy'));
		const error = await errorOf(
			alice.dynamodb.send(
				new PutItemCommand({
					TableName,
					Item: key('Old-Legacy'),
					Expected: { Wins: { Value: { N: '99' } } },
					ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
				}),
			),
		);
		expect(error).toMatchObject({ name: 'ConditionalCheckFailedException' });
		expect(error.Item).toEqual(stored('Old-Legacy'));
	});

	it.each(['ALL_NEW', 'all_old', 'UPDATED_OLD'])(
		'refuses ReturnValuesOnConditionCheckFailure %s as DynamoDB does',
		async (value) => {
			const command = new PutItemCommand({
				TableName,
				Item: key('Old-Bad'),
				ReturnValuesOnConditionCheckFailure: value as never,
			});
			expect(await failureOf(alice.dynamodb.send(command))).toEqual(
				invalid(
					`1 validation error detected: Value '${value}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
				),
			);
		},
	);
});

describe('ReturnValuesOnConditionCheckFailure inside TransactWriteItems', () => {
	it('gives CancellationReasons[].Item for each failing part that asks for it, and only those', async () => {
		await put({ ...key('Tx-A'), Wins: { N: '1' } });
		await put({ ...key('Tx-B'), Wins: { N: '2' } });
		await put({ ...key('Tx-C'), Wins: { N: '3' } });
		const failing = {
			ConditionExpression: 'Wins > :big',
			ExpressionAttributeValues: { ':big': { N: '50' } },
		};
		const error = await errorOf(
			alice.dynamodb.send(
				new TransactWriteItemsCommand({
					TransactItems: [
						{
							Put: {
								TableName,
								Item: { ...key('Tx-A'), Wins: { N: '9' } },
								...failing,
								ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
							},
						},
						{
							Update: {
								TableName,
								Key: key('Tx-B'),
								UpdateExpression: 'SET Wins = :big',
								...failing,
							},
						},
						{
							Delete: {
								TableName,
								Key: key('Tx-C'),
								...failing,
								ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
							},
						},
						{ Put: { TableName, Item: key('Tx-D') } },
					],
				}),
			),
		);
		expect(error).toMatchObject({
			name: 'TransactionCanceledException',
			message:
				'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, ConditionalCheckFailed, ConditionalCheckFailed, None]',
		});
		expect(error.CancellationReasons).toEqual([
			{
				Code: 'ConditionalCheckFailed',
				Message: FAILED,
				Item: { ...key('Tx-A'), Wins: { N: '1' } },
			},
			{ Code: 'ConditionalCheckFailed', Message: FAILED },
			{
				Code: 'ConditionalCheckFailed',
				Message: FAILED,
				Item: { ...key('Tx-C'), Wins: { N: '3' } },
			},
			{ Code: 'None' },
		]);
		expect(await read('Tx-D')).toBeUndefined();
	});
});

describe('TransactGetItems', () => {
	const get = (GameTitle: string, extra: object = {}) => ({
		Get: { TableName, Key: key(GameTitle), ...extra },
	});

	it('reads her items in request order: whole, projected, and {} for a missing one', async () => {
		await put({ ...key('Get-1'), Wins: { N: '1' }, Name: { S: 'one' } });
		await put({ ...key('Get-2'), Wins: { N: '2' }, Name: { S: 'two' } });
		const got = await alice.dynamodb.send(
			new TransactGetItemsCommand({
				TransactItems: [
					get('Get-2'),
					get('Get-Missing'),
					get('Get-1', { ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'Name' } }),
				],
			}),
		);
		expect(got.Responses).toEqual([
			{ Item: { ...key('Get-2'), Wins: { N: '2' }, Name: { S: 'two' } } },
			{},
			{ Item: { Name: { S: 'one' } } },
		]);
	});

	it('accepts the table ARN as TableName', async () => {
		await put({ ...key('Get-Arn'), Wins: { N: '7' } });
		const got = await alice.dynamodb.send(
			new TransactGetItemsCommand({
				TransactItems: [
					{
						Get: {
							TableName: 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores',
							Key: key('Get-Arn'),
						},
					},
				],
			}),
		);
		expect(got.Responses).toEqual([{ Item: { ...key('Get-Arn'), Wins: { N: '7' } } }]);
	});

	it.each([
		['the same key twice', [get('Dup'), get('Dup')]],
		[
			'the same key with another projection',
			[get('Dup'), get('Dup', { ProjectionExpression: 'Wins' })],
		],
	])('refuses %s as DynamoDB does', async (_, TransactItems) => {
		expect(
			await failureOf(alice.dynamodb.send(new TransactGetItemsCommand({ TransactItems }))),
		).toEqual(invalid('Transaction request cannot include multiple operations on one item'));
	});

	it.each([0, 101])('refuses %i items', async (count) => {
		const TransactItems = Array.from({ length: count }, (_, i) => get(`Many-${i}`));
		const failure = await failureOf(
			alice.dynamodb.send(new TransactGetItemsCommand({ TransactItems })),
		);
		expect(failure).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(failure.message).toContain(
			count === 0 ? 'greater than or equal to 1' : 'less than or equal to 100',
		);
	});

	it('reads 100 items, the most DynamoDB allows', async () => {
		const TransactItems = Array.from({ length: 100 }, (_, i) => get(`Hundred-${i}`));
		const got = await alice.dynamodb.send(new TransactGetItemsCommand({ TransactItems }));
		expect(got.Responses).toHaveLength(100);
	});

	it('cancels a read of more than 4 MB, with one reason per item', async () => {
		const big = { S: 'x'.repeat(390_000) };
		const titles = Array.from({ length: 11 }, (_, i) => `Big-${i}`);
		for (const title of titles) await put({ ...key(title), Blob: big });
		const error = await errorOf(
			alice.dynamodb.send(
				new TransactGetItemsCommand({ TransactItems: titles.map((t) => get(t)) }),
			),
		);
		expect(error).toMatchObject({ name: 'TransactionCanceledException' });
		const reasons = error.CancellationReasons as { Code: string }[];
		expect(reasons).toHaveLength(11);
		expect(reasons.map((r) => r.Code)).toContain('ValidationError');
		expect(error.message).toBe(
			`Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
		);
	});

	it("denies the whole read when one item is bob's", async () => {
		const failure = await failureOf(
			alice.dynamodb.send(
				new TransactGetItemsCommand({
					TransactItems: [
						get('Get-1'),
						{ Get: { TableName, Key: { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Get-1' } } } },
					],
				}),
			),
		);
		expect(failure).toMatchObject({ name: 'AccessDeniedException', status: 400 });
	});
});

describe('ClientRequestToken on TransactWriteItems', () => {
	const increment = (GameTitle: string, by = '1'): TransactWriteItem => ({
		Update: {
			TableName,
			Key: key(GameTitle),
			UpdateExpression: 'ADD Wins :one',
			ExpressionAttributeValues: { ':one': { N: by } },
		},
	});
	const send = (ClientRequestToken: string | undefined, TransactItems: TransactWriteItem[]) =>
		alice.dynamodb.send(new TransactWriteItemsCommand({ ClientRequestToken, TransactItems }));
	const wins = async (title: string) => (await read(title))?.Wins;

	it('applies a retried request once: same token and parameters, same success, no second write', async () => {
		await send('token-replay', [increment('Tok-1')]);
		await send('token-replay', [increment('Tok-1')]);
		await send('token-replay', [increment('Tok-1')]);
		expect(await wins('Tok-1')).toEqual({ N: '1' });
	});

	it('counts parameters in any key order as the same request', async () => {
		await send('token-order', [increment('Tok-Order')]);
		const reordered: TransactWriteItem = {
			Update: {
				ExpressionAttributeValues: { ':one': { N: '1' } },
				UpdateExpression: 'ADD Wins :one',
				Key: { GameTitle: { S: 'Tok-Order' }, UserId },
				TableName,
			},
		};
		await send('token-order', [reordered]);
		expect(await wins('Tok-Order')).toEqual({ N: '1' });
	});

	it.each([
		['another value', [increment('Tok-2', '2')]],
		['another item', [increment('Tok-2b')]],
		['one more item', [increment('Tok-2'), increment('Tok-2c')]],
	])('refuses the token with %s: IdempotentParameterMismatchException', async (_, items) => {
		await send('token-mismatch', [increment('Tok-2')]);
		const error = await errorOf(send('token-mismatch', items));
		expect(error).toMatchObject({
			name: 'IdempotentParameterMismatchException',
			$metadata: { httpStatusCode: 400 },
			message:
				'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.',
		});
		expect(await wins('Tok-2')).toEqual({ N: '1' });
		expect(await read('Tok-2c')).toBeUndefined();
	});

	it('treats the token as new once its ten minutes have passed', async () => {
		await send('token-expiry', [increment('Tok-3')]);
		sandbox.clock.advance(9 * 60_000);
		const later = clientsFor(sandbox, alice.credentials, {
			systemClockOffset: sandbox.clock.offsetMs,
		});
		try {
			const again = () =>
				later.dynamodb.send(
					new TransactWriteItemsCommand({
						ClientRequestToken: 'token-expiry',
						TransactItems: [increment('Tok-3')],
					}),
				);
			await again();
			expect((await read('Tok-3'))?.Wins).toEqual({ N: '1' });
			sandbox.clock.advance(2 * 60_000);
			later.dynamodb.config.systemClockOffset = sandbox.clock.offsetMs;
			await again();
			expect((await read('Tok-3'))?.Wins).toEqual({ N: '2' });
		} finally {
			destroyClients(later);
			sandbox.clock.reset();
		}
	});

	it('does not hold the token of a cancelled transaction: the retry runs', async () => {
		const guarded: TransactWriteItem = {
			Put: { TableName, Item: key('Tok-4'), ConditionExpression: 'attribute_exists(UserId)' },
		};
		expect(await failureOf(send('token-cancel', [guarded]))).toMatchObject({
			name: 'TransactionCanceledException',
		});
		await put({ ...key('Tok-4'), Wins: { N: '5' } });
		await send('token-cancel', [guarded]);
		expect(await read('Tok-4')).toEqual(key('Tok-4'));
	});

	it.each([
		[0, ''],
		[37, 'x'.repeat(37)],
	])('refuses a token of %i characters', async (_, token) => {
		const failure = await failureOf(send(token, [increment('Tok-5')]));
		expect(failure).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(failure.message).toMatch(/at 'clientRequestToken' failed to satisfy constraint/);
		expect(await read('Tok-5')).toBeUndefined();
	});
});
