/**
 * Issue 13, item 7: every DynamoDB answer carries what DynamoDB's own answers carry, whoever wrote it (the
 * gateway, its transaction emulation, or dynalite behind it): an `x-amzn-RequestId` of 52 characters in
 * DynamoDB's alphabet, and `x-amz-crc32`, the CRC32 of the body's bytes, which botocore and the AWS CLI
 * check when it is present.
 */
import { crc32 } from 'node:zlib';
import { GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { sendRaw, signedDynamoDBRequest, type RawAnswer } from './gateway-raw';

/**
 * Real DynamoDB request ids, as users quote them (aws-sdk-js-v3 issue 6718 lists 42): 52 characters of
 * RFC 4648's base32hex alphabet, `59U50T71JBC0K9UFSMPUO6UGBBVV4KQNSO5AEMVJF66Q9ASUAAJG`.
 */
const REQUEST_ID = /^[0-9A-V]{52}$/;
const TableName = 'GameScores';
const mine = { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'Wire' } };
const his = { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Wire' } };

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

const signed = (operation: string, body: object | string) =>
	signedDynamoDBRequest(
		sandbox.awsEndpoint,
		alice.credentials,
		operation,
		typeof body === 'string' ? body : JSON.stringify(body),
	);

function expectDynamoDBHeaders(answer: RawAnswer): void {
	expect(answer.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
	expect(answer.headers['x-amz-crc32']).toBe(String(crc32(Buffer.from(answer.body, 'utf8'))));
	expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
}

describe('answers the gateway writes itself', () => {
	it.each([
		['no signature at all', () => sendRaw(sandbox.awsEndpoint, unsignedPost()), 400],
		['a denied GetItem of his item', () => signed('GetItem', { TableName, Key: his }), 400],
		['an unmapped operation', () => signed('ListTables', {}), 400],
		['a body that is not JSON', () => signed('GetItem', '{'), 400],
		['an item nested too deep', () => signed('PutItem', { TableName, Item: deepItem() }), 400],
		['a TransactGetItems with a repeated key', () => signed('TransactGetItems', twoGets()), 400],
		[
			'a cancelled TransactWriteItems',
			() =>
				signed('TransactWriteItems', {
					TransactItems: [
						{ Put: { TableName, Item: mine, ConditionExpression: 'attribute_exists(UserId)' } },
					],
				}),
			400,
		],
		[
			'a successful TransactWriteItems',
			() => signed('TransactWriteItems', { TransactItems: [{ Put: { TableName, Item: mine } }] }),
			200,
		],
		['a successful TransactGetItems', () => signed('TransactGetItems', oneGet()), 200],
		[
			'a failed condition with ALL_OLD',
			() =>
				signed('PutItem', {
					TableName,
					Item: mine,
					ConditionExpression: 'attribute_not_exists(UserId)',
					ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
				}),
			400,
		],
	])('%s: 52-character request id and the body’s CRC32', async (_, send, status) => {
		const answer = await send();
		expect(answer.status).toBe(status);
		expectDynamoDBHeaders(answer);
	});

	it('gives every answer its own request id', async () => {
		const ids = new Set<unknown>();
		for (let i = 0; i < 5; i++)
			ids.add((await signed('GetItem', { TableName, Key: his })).headers['x-amzn-requestid']);
		expect(ids.size).toBe(5);
	});
});

describe('answers storage writes, passed through', () => {
	it.each([
		['a GetItem', () => signed('GetItem', { TableName, Key: mine })],
		[
			'a failed condition without ALL_OLD',
			() =>
				signed('PutItem', {
					TableName,
					Item: mine,
					ConditionExpression: 'attribute_not_exists(UserId)',
				}),
		],
	])('%s: 52-character request id in DynamoDB’s alphabet and the body’s CRC32', async (_, send) => {
		expectDynamoDBHeaders(await send());
	});

	it('shows the SDK the same request id it read from the header', async () => {
		const got = await alice.dynamodb.send(new GetItemCommand({ TableName, Key: mine }));
		expect(got.$metadata.requestId).toMatch(REQUEST_ID);
		const failed = await alice.dynamodb
			.send(
				new TransactWriteItemsCommand({
					TransactItems: [{ Delete: { TableName, Key: his } }],
				}),
			)
			.catch((error: { $metadata: { requestId?: string } }) => error);
		expect(failed.$metadata.requestId).toMatch(REQUEST_ID);
	});
});

function unsignedPost() {
	const body = JSON.stringify({ TableName, Key: mine });
	return {
		method: 'POST',
		path: '/',
		headers: {
			'content-type': 'application/x-amz-json-1.0',
			'x-amz-target': 'DynamoDB_20120810.GetItem',
			authorization:
				'AWS4-HMAC-SHA256 Credential=AKIAXXXXXXXXXXXXXXXX/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
			'x-amz-date': '20240101T000000Z',
			'content-length': String(Buffer.byteLength(body)),
		},
		body,
	};
}

function deepItem() {
	let value: object = { S: 'leaf' };
	for (let i = 0; i < 40; i++) value = { M: { n: value } };
	return { ...mine, Deep: value };
}

function oneGet() {
	return { TransactItems: [{ Get: { TableName, Key: mine } }] };
}

function twoGets() {
	return { TransactItems: [{ Get: { TableName, Key: mine } }, { Get: { TableName, Key: mine } }] };
}
