/**
 * Issue 11, item 2 (DynamoDB), over HTTP with the real SDK: a PutItem of alice's own item holding a map
 * nested 1,000 levels deep used to crash the whole sandbox process (dynalite's recursive validation
 * overflowed the stack outside its error handling), and depths 33 to 700 were stored although DynamoDB
 * stops at 32. Every such request now gets DynamoDB's ValidationException, and the sandbox keeps answering.
 */
import {
	BatchWriteItemCommand,
	GetItemCommand,
	PutItemCommand,
	TransactWriteItemsCommand,
	UpdateItemCommand,
	type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { signedDynamoDBRequest } from './gateway-raw';

const TableName = 'GameScores';
const NEST =
	'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
/** Alice's own partition at the sandbox's first provider. */
const UserId = { S: 'oidc1/alice' };
const key = { UserId, GameTitle: { S: 'Bounds' } };

let sandbox: Sandbox;
let alice: PlayerClients;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	alice = await playerClients(sandbox, 'alice');
	await alice.dynamodb.send(new PutItemCommand({ TableName, Item: { ...key, Wins: { N: '1' } } }));
});

afterAll(async () => {
	destroyClients(alice);
	await sandbox?.close();
});

/** `wraps` maps (or lists) around a string: the attribute is level 1, so the leaf is at `wraps + 1`. */
function deep(wraps: number, kind: 'M' | 'L' = 'M'): AttributeValue {
	let value: AttributeValue = { S: 'leaf' };
	for (let i = 0; i < wraps; i++) value = kind === 'M' ? { M: { n: value } } : { L: [value] };
	return value;
}

/** The sandbox still serves alice's own item: nothing above took it down. */
async function stillAnswers(): Promise<void> {
	const got = await alice.dynamodb.send(new GetItemCommand({ TableName, Key: key }));
	expect(got.Item?.Wins).toEqual({ N: '1' });
}

const invalid = (message: string) => ({ name: 'ValidationException', status: 400, message });

describe('nesting depth', () => {
	it('stores and returns her own item nested to level 32, the deepest DynamoDB accepts', async () => {
		const Key = { ...key, GameTitle: { S: 'Deep32' } };
		await alice.dynamodb.send(new PutItemCommand({ TableName, Item: { ...Key, D: deep(31) } }));
		const got = await alice.dynamodb.send(new GetItemCommand({ TableName, Key }));
		expect(got.Item?.D).toEqual(deep(31));
	});

	it.each([
		['a map nested to level 33', deep(32)],
		['a map nested to level 34', deep(33)],
		['a list nested to level 100', deep(99, 'L')],
	])('refuses PutItem of %s on her own item, and keeps answering', async (_, value) => {
		const put = alice.dynamodb.send(new PutItemCommand({ TableName, Item: { ...key, D: value } }));
		expect(await failureOf(put)).toEqual(invalid(NEST));
		await stillAnswers();
	});

	it.each([
		[
			'an UpdateItem value',
			() =>
				new UpdateItemCommand({
					TableName,
					Key: key,
					UpdateExpression: 'SET D = :v',
					ExpressionAttributeValues: { ':v': deep(40) },
				}),
			`ExpressionAttributeValues contains invalid value: ${NEST} for key :v`,
		],
		[
			'a legacy AttributeUpdates value',
			() =>
				new UpdateItemCommand({
					TableName,
					Key: key,
					AttributeUpdates: { D: { Action: 'PUT', Value: deep(40, 'L') } },
				}),
			NEST,
		],
		[
			'a transaction’s Put',
			() =>
				new TransactWriteItemsCommand({
					TransactItems: [{ Put: { TableName, Item: { ...key, D: deep(40) } } }],
				}),
			NEST,
		],
		[
			'a transaction’s Update value',
			() =>
				new TransactWriteItemsCommand({
					TransactItems: [
						{
							Update: {
								TableName,
								Key: key,
								UpdateExpression: 'SET D = :v',
								ExpressionAttributeValues: { ':v': deep(40) },
							},
						},
					],
				}),
			`ExpressionAttributeValues contains invalid value: ${NEST} for key :v`,
		],
		[
			'a batch write',
			() =>
				new BatchWriteItemCommand({
					RequestItems: { [TableName]: [{ PutRequest: { Item: { ...key, D: deep(40) } } }] },
				}),
			NEST,
		],
	])('refuses %s nested too deep, and keeps answering', async (_, command, message) => {
		expect(await failureOf(alice.dynamodb.send(command() as never))).toEqual(invalid(message));
		await stillAnswers();
	});
});

describe('item and key sizes', () => {
	it('refuses a very wide item over 400 KB and stores a wide one under it', async () => {
		const attributes = (n: number, bytes: number) =>
			Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { S: 'w'.repeat(bytes) }]));
		const tooWide = { ...key, ...attributes(500, 1000) };
		expect(
			await failureOf(alice.dynamodb.send(new PutItemCommand({ TableName, Item: tooWide }))),
		).toEqual(invalid('Item size has exceeded the maximum allowed size'));
		const Key = { ...key, GameTitle: { S: 'Wide' } };
		await alice.dynamodb.send(
			new PutItemCommand({ TableName, Item: { ...Key, ...attributes(5000, 10) } }),
		);
		const got = await alice.dynamodb.send(new GetItemCommand({ TableName, Key }));
		expect(Object.keys(got.Item ?? {})).toHaveLength(5002);
		await stillAnswers();
	});

	it('refuses a sort key over 1,024 bytes', async () => {
		const Item = { ...key, GameTitle: { S: 'g'.repeat(1025) } };
		expect(await failureOf(alice.dynamodb.send(new PutItemCommand({ TableName, Item })))).toEqual(
			invalid(
				'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
			),
		);
	});
});

/**
 * Past a few hundred levels the SDK's own serializer runs out of stack before sending, so these go out
 * hand-signed, exactly as written.
 */
describe('bodies the SDK would not send', () => {
	const nested = (levels: number, kind: 'M' | 'L' = 'M') =>
		kind === 'M'
			? `${'{"M":{"n":'.repeat(levels)}{"S":"x"}${'}}'.repeat(levels)}`
			: `${'{"L":['.repeat(levels)}{"S":"x"}${']}'.repeat(levels)}`;
	const item = (value: string) =>
		`{"UserId":{"S":"oidc1/alice"},"GameTitle":{"S":"Raw"},"D":${value}}`;
	const keyJson = '{"UserId":{"S":"oidc1/alice"},"GameTitle":{"S":"Raw"}}';
	const VALUE_NEST = `ExpressionAttributeValues contains invalid value: ${NEST} for key :v`;

	it.each([
		[
			'PutItem of a map nested 1,000 levels deep (this crashed the sandbox)',
			'PutItem',
			`{"TableName":"${TableName}","Item":${item(nested(1000))}}`,
			NEST,
		],
		[
			'PutItem of a list nested 1,000 levels deep',
			'PutItem',
			`{"TableName":"${TableName}","Item":${item(nested(1000, 'L'))}}`,
			NEST,
		],
		[
			'PutItem of a map nested 50,000 levels deep',
			'PutItem',
			`{"TableName":"${TableName}","Item":${item(nested(50_000))}}`,
			NEST,
		],
		[
			'an UpdateItem value nested 1,000 levels deep',
			'UpdateItem',
			`{"TableName":"${TableName}","Key":${keyJson},"UpdateExpression":"SET D = :v","ExpressionAttributeValues":{":v":${nested(1000)}}}`,
			VALUE_NEST,
		],
		[
			'a legacy AttributeUpdates value nested 1,000 levels deep',
			'UpdateItem',
			`{"TableName":"${TableName}","Key":${keyJson},"AttributeUpdates":{"D":{"Action":"PUT","Value":${nested(1000, 'L')}}}}`,
			NEST,
		],
		[
			'a transaction’s Put nested 1,000 levels deep',
			'TransactWriteItems',
			`{"TransactItems":[{"Put":{"TableName":"${TableName}","Item":${item(nested(1000))}}}]}`,
			NEST,
		],
		[
			'a batch write nested 1,000 levels deep',
			'BatchWriteItem',
			`{"RequestItems":{"${TableName}":[{"PutRequest":{"Item":${item(nested(1000))}}}]}}`,
			NEST,
		],
		[
			'a JSON null inside her item (this crashed the sandbox too)',
			'PutItem',
			`{"TableName":"${TableName}","Item":${item('{"L":[null]}')}}`,
			'The supplied Item contains a null AttributeValue',
		],
	])('refuses %s, and keeps answering', async (_, operation, body, message) => {
		const answer = await signedDynamoDBRequest(
			sandbox.awsEndpoint,
			alice.credentials,
			operation,
			body,
		);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body)).toMatchObject({
			__type: expect.stringMatching(/#ValidationException$/),
			message,
		});
		await stillAnswers();
	});
});
