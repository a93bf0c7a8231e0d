/**
 * The gateway's DynamoDB emulation against real dynalite, with a concurrent write landed at the one moment
 * that matters. Over HTTP such an interleaving cannot be placed on purpose, so the client the emulation
 * calls dynalite through lands it (the only stand-in here; every answer is dynalite's own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../sandbox/clock';
import { DynaliteClient } from '../../sandbox/gateway/dynalite-client';
import type { Answer, Json } from '../../sandbox/gateway/dynamodb-answers';
import { writeReturningOld } from '../../sandbox/gateway/dynamodb-return-old';
import { DynamoDBTransactions } from '../../sandbox/gateway/dynamodb-transactions';
import type { Storage } from '../../sandbox/gateway/storage';
import { tableSchemaOf, type TableSchema } from '../../src/lib/iam/request';
import { startTestStorage } from './gateway-clients';

type Hook = (
	operation: string,
	answer: Answer,
	land: (item: Json) => Promise<void>,
) => Promise<void>;

/** dynalite, with `hook` run after each answer and before the emulation sees it. */
class InterleavingClient extends DynaliteClient {
	readonly calls: string[] = [];
	hook: Hook = async () => undefined;

	override async call(operation: string, input: Json): Promise<Answer> {
		const answer = await super.call(operation, input);
		this.calls.push(operation);
		const land = async (item: Json) => {
			await super.call('PutItem', { TableName: 'GameScores', Item: item });
		};
		await this.hook(operation, answer, land);
		return answer;
	}
}

const key = (GameTitle: string) => ({ UserId: { S: 'oidc1/alice' }, GameTitle: { S: GameTitle } });
const withWins = (GameTitle: string, wins: number) => ({
	...key(GameTitle),
	Wins: { N: String(wins) },
});

let storage: Storage;
let table: TableSchema;
let client: InterleavingClient;

beforeAll(async () => {
	const started = await startTestStorage();
	storage = started.storage;
	table = tableSchemaOf(started.infra.tableDefinition);
	client = new InterleavingClient(storage.dynamodbUrl);
});

afterAll(async () => {
	client?.close();
	await storage?.close();
});

async function seed(item: Json): Promise<void> {
	client.hook = async () => undefined;
	await client.call('PutItem', { TableName: 'GameScores', Item: item });
}

async function stored(GameTitle: string): Promise<Json | undefined> {
	client.hook = async () => undefined;
	const got = await client.call('GetItem', { TableName: 'GameScores', Key: key(GameTitle) });
	return got.body.Item as Json | undefined;
}

describe('ALL_OLD on a failed condition, with a write landing right after the failure', () => {
	const guardedPut = (GameTitle: string) => ({
		TableName: 'GameScores',
		Item: withWins(GameTitle, 1),
		ConditionExpression: 'Wins < :ten',
		ExpressionAttributeValues: { ':ten': { N: '10' } },
		ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
	});
	/** Lands `item` once, right after the first PutItem that dynalite refused. */
	const landOnceAfterFailedPut = (item: Json): Hook => {
		let landed = false;
		return async (operation, answer, land) => {
			if (landed || operation !== 'PutItem' || answer.status !== 400) return;
			landed = true;
			await land(item);
		};
	};

	it('answers the item the condition failed on as it is then, not as it was', async () => {
		await seed(withWins('Race-1', 20));
		client.hook = landOnceAfterFailedPut(withWins('Race-1', 30));
		const answer = await writeReturningOld(client, table, 'PutItem', guardedPut('Race-1'));
		expect(answer.status).toBe(400);
		expect(answer.body.Item).toEqual(withWins('Race-1', 30));
		expect(await stored('Race-1')).toEqual(withWins('Race-1', 30));
	});

	it('sends the write again when the condition holds by then, and it succeeds', async () => {
		await seed(withWins('Race-2', 20));
		client.hook = landOnceAfterFailedPut(withWins('Race-2', 5));
		const answer = await writeReturningOld(client, table, 'PutItem', guardedPut('Race-2'));
		expect(answer).toEqual({ status: 200, body: {} });
		expect(await stored('Race-2')).toEqual(withWins('Race-2', 1));
	});

	it('gives up after three rounds of such races, answering the failure without an item', async () => {
		await seed(withWins('Race-3', 20));
		client.calls.length = 0;
		client.hook = async (operation, answer, put) => {
			if (operation === 'PutItem' && answer.status === 400) await put(withWins('Race-3', 5));
			if (operation === 'DeleteItem' && answer.status === 400) await put(withWins('Race-3', 20));
		};
		const answer = await writeReturningOld(client, table, 'PutItem', guardedPut('Race-3'));
		expect(answer.status).toBe(400);
		expect(answer.body.__type).toMatch(/#ConditionalCheckFailedException$/);
		expect(answer.body.Item).toBeUndefined();
		expect(client.calls.filter((c) => c === 'PutItem')).toHaveLength(3);
	});
});

describe('TransactGetItems with a write landing between its reads', () => {
	it('cancels with TransactionConflict for the item that changed, None for the others', async () => {
		for (const title of ['Get-A', 'Get-B']) await seed(withWins(title, 1));
		const transactions = new DynamoDBTransactions(client, table, new SandboxClock());
		let reads = 0;
		client.hook = async (operation, _answer, put) => {
			if (operation === 'GetItem' && ++reads === 2) await put(withWins('Get-B', 2));
		};
		const answer = await transactions.transactGetItems({
			TransactItems: [
				{ Get: { TableName: 'GameScores', Key: key('Get-A') } },
				{ Get: { TableName: 'GameScores', Key: key('Get-B') } },
			],
		});
		expect(answer.body).toMatchObject({
			CancellationReasons: [
				{ Code: 'None' },
				{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
			],
		});
	});
});
