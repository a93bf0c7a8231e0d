/**
 * Headers the signature does not cover. With only `host` signed, a header added on the way must not change
 * what a signed request does: S3 refuses any unsigned `x-amz-*` header as S3 does (403 AccessDenied,
 * `<HeadersNotSigned>`), DynamoDB an unsigned `X-Amz-Target` (a sandbox rule, stricter than AWS documents).
 * Requests are signed with `@smithy/signature-v4` and its `unsignableHeaders`, then sent as written.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { sendRaw, sendSigned, signRequest, type RawRequest } from './gateway-raw';

const Bucket = 'fedplay-game-data';
const TableName = 'GameScores';
const profilePath = `/${Bucket}/players/oidc1/alice/profile.json`;
const key = { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'Meteor' } };

let sandbox: Sandbox;
let alice: PlayerClients;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	alice = await playerClients(sandbox, 'alice');
});

beforeEach(async () => {
	await alice.s3.send(
		new PutObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json', Body: 'original' }),
	);
	await alice.dynamodb.send(new PutItemCommand({ TableName, Item: { ...key, Wins: { N: '1' } } }));
});

afterAll(async () => {
	destroyClients(alice);
	await sandbox?.close();
});

const storedProfile = async () => {
	const got = await alice.s3.send(
		new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' }),
	);
	return { body: await got.Body!.transformToString(), metadata: got.Metadata };
};

const s3Put = (headers: Record<string, string>): RawRequest => ({
	method: 'PUT',
	path: profilePath,
	headers: { 'content-type': 'text/plain', ...headers },
	body: 'replaced',
});

describe('S3 refuses x-amz-* headers left out of the signature', () => {
	it.each([
		['user metadata', { 'x-amz-meta-level': '99' }, ['x-amz-meta-level']],
		['a storage class', { 'x-amz-storage-class': 'GLACIER' }, ['x-amz-storage-class']],
		['a canned ACL', { 'x-amz-acl': 'public-read' }, ['x-amz-acl']],
		[
			'a copy source',
			{ 'x-amz-copy-source': `/${Bucket}/players/oidc1/bob/x` },
			['x-amz-copy-source'],
		],
		['a mixed-case name', { 'X-Amz-Meta-Mixed': 'Case' }, ['x-amz-meta-mixed']],
		['the signing date', {}, ['x-amz-date']],
		['the session token', {}, ['x-amz-security-token']],
		[
			'several at once, each listed',
			{ 'x-amz-meta-a': '1', 'x-amz-storage-class': 'STANDARD_IA' },
			['x-amz-meta-a', 'x-amz-storage-class'],
		],
	])('%s', async (_case, extra, unsigned) => {
		const answer = await sendSigned(sandbox.awsEndpoint, alice.credentials, s3Put(extra), {
			service: 's3',
			unsigned,
		});
		expect(answer.status).toBe(403);
		expect(answer.body).toContain('<Code>AccessDenied</Code>');
		expect(answer.body).toContain(
			'<Message>There were headers present in the request which were not signed</Message>',
		);
		expect(answer.body).toContain(`<HeadersNotSigned>${unsigned.join(', ')}</HeadersNotSigned>`);
		expect(await storedProfile()).toEqual({ body: 'original', metadata: {} });
	});

	it('takes the same headers when they are signed', async () => {
		const headers = { 'x-amz-meta-level': '3', 'x-amz-storage-class': 'STANDARD' };
		const answer = await sendSigned(sandbox.awsEndpoint, alice.credentials, s3Put(headers), {
			service: 's3',
		});
		expect(answer.status).toBe(200);
		expect(await storedProfile()).toEqual({ body: 'replaced', metadata: { level: '3' } });
	});

	it('takes x-amz-content-sha256 unsigned: its value is the signed payload hash', async () => {
		const answer = await sendSigned(sandbox.awsEndpoint, alice.credentials, s3Put({}), {
			service: 's3',
			unsigned: ['x-amz-content-sha256'],
		});
		expect(answer.status).toBe(200);
		expect((await storedProfile()).body).toBe('replaced');
	});

	it('refuses a signed header whose value was changed (a signature mismatch)', async () => {
		const request = s3Put({ 'x-amz-meta-level': '3' });
		const answer = await sendTampered(request, 'x-amz-meta-level', '99', 's3');
		expect(answer.status).toBe(403);
		expect(answer.body).toContain('<Code>SignatureDoesNotMatch</Code>');
	});

	it('still takes what the SDK signs (metadata and storage class included)', async () => {
		await alice.s3.send(
			new PutObjectCommand({
				Bucket,
				Key: 'players/oidc1/alice/profile.json',
				Body: 'from the sdk',
				Metadata: { level: '7' },
				StorageClass: 'STANDARD',
			}),
		);
		expect(await storedProfile()).toEqual({ body: 'from the sdk', metadata: { level: '7' } });
	});
});

const ddbRequest = (operation: string, body: object): RawRequest => ({
	method: 'POST',
	path: '/',
	headers: {
		'content-type': 'application/x-amz-json-1.0',
		'x-amz-target': `DynamoDB_20120810.${operation}`,
	},
	body: JSON.stringify(body),
});

const itemExists = async () =>
	(await alice.dynamodb.send(new GetItemCommand({ TableName, Key: key }))).Item !== undefined;

describe('DynamoDB refuses an X-Amz-Target left out of the signature', () => {
	it.each([
		['a GetItem turned into a DeleteItem', 'GetItem', 'DeleteItem'],
		['a PutItem left as it is', 'PutItem', 'PutItem'],
		['a GetItem turned into an UpdateItem', 'GetItem', 'UpdateItem'],
	])('%s', async (_case, signedAs, sentAs) => {
		const request = ddbRequest(signedAs, { TableName, Key: key, Item: key });
		const sent = { ...request, headers: { ...request.headers } };
		sent.headers['x-amz-target'] = `DynamoDB_20120810.${sentAs}`;
		const answer = await sendSigned(sandbox.awsEndpoint, alice.credentials, sent, {
			service: 'dynamodb',
			unsigned: ['x-amz-target'],
		});
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body)).toEqual({
			__type: 'com.amazon.coral.service#InvalidSignatureException',
			message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
		});
		expect(await itemExists()).toBe(true);
	});

	it('refuses a signed X-Amz-Target that was changed (a signature mismatch)', async () => {
		const answer = await sendTampered(
			ddbRequest('GetItem', { TableName, Key: key }),
			'x-amz-target',
			'DynamoDB_20120810.DeleteItem',
			'dynamodb',
		);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).__type).toBe(
			'com.amazon.coral.service#InvalidSignatureException',
		);
		expect(await itemExists()).toBe(true);
	});

	it('leaves an unsigned Content-Type alone, as AWS does', async () => {
		const answer = await sendSigned(
			sandbox.awsEndpoint,
			alice.credentials,
			ddbRequest('GetItem', { TableName, Key: key }),
			{ service: 'dynamodb', unsigned: ['content-type'] },
		);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body).Item.UserId).toEqual({ S: 'oidc1/alice' });
	});

	it('still takes what the SDK signs', async () => {
		await alice.dynamodb.send(
			new PutItemCommand({ TableName, Item: { ...key, Wins: { N: '5' } } }),
		);
		const got = await alice.dynamodb.send(new GetItemCommand({ TableName, Key: key }));
		expect(got.Item?.Wins).toEqual({ N: '5' });
	});
});

/** Signs `request` with every header signed, then changes `name` to `value` before sending. */
async function sendTampered(
	request: RawRequest,
	name: string,
	value: string,
	service: 's3' | 'dynamodb',
) {
	const signed = await signRequest(sandbox.awsEndpoint, alice.credentials, request, { service });
	return sendRaw(sandbox.awsEndpoint, { ...signed, headers: { ...signed.headers, [name]: value } });
}
