// The S3 and DynamoDB calls over fetch (src/lib/aws/fetch-client.ts) against a tiny local HTTP server that
// answers as S3 and DynamoDB do, for what the sandbox cannot be made to answer on demand: 5xx and throttling
// (retries), bodiless S3 errors, a skewed Date header. The happy paths and real authorization run against the
// sandbox in the integration suites (game-data, game-scores, inspector-agrees).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from '../../../src/lib/aws/call-log';
import { createAwsCalls } from '../../../src/lib/aws/calls';
import { createClock } from '../../../src/lib/aws/clock';

type Answer = { status: number; body?: string; headers?: Record<string, string> };

let server: Server;
let endpoint: string;
let answers: Answer[] = [];
let seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += String(chunk)));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const answer = answers.shift() ?? { status: 200, body: '{}' };
			res.writeHead(answer.status, answer.headers ?? {});
			res.end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	answers = [];
	seen = [];
});

const credentials = async () => ({
	accessKeyId: 'ASIAKEY',
	secretAccessKey: 's',
	sessionToken: 't',
});
const json = (status: number, body: object, headers: Record<string, string> = {}): Answer => ({
	status,
	body: JSON.stringify(body),
	headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
});

describe('DynamoDB over fetch', () => {
	it('sends the JSON 1.0 protocol, SigV4-signed with the session token', async () => {
		answers = [json(200, { Item: { UserId: { S: 'alice' } } })];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		const answer = await calls.dynamodb.call('GetItem', { TableName: 'T', Key: {} });
		expect(answer).toEqual({ Item: { UserId: { S: 'alice' } } });
		const [request] = seen;
		expect(request?.method).toBe('POST');
		expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
		expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
		expect(request?.headers['x-amz-security-token']).toBe('t');
		expect(request?.headers.authorization).toMatch(
			/^AWS4-HMAC-SHA256 Credential=ASIAKEY\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=[^,]*host[^,]*x-amz-target/,
		);
		expect(JSON.parse(request?.body ?? '')).toEqual({ TableName: 'T', Key: {} });
	});

	it("throws the SDK's error shape, the service's own fields kept", async () => {
		answers = [
			json(
				400,
				{
					__type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
					Message: 'Transaction cancelled',
					CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
				},
				{ 'x-amzn-requestid': 'REQ1' },
			),
		];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		const error = await calls.dynamodb.call('TransactWriteItems', {}).catch((e: unknown) => e);
		expect(error).toMatchObject({
			name: 'TransactionCanceledException',
			message: 'Transaction cancelled',
			$fault: 'client',
			$metadata: { httpStatusCode: 400, requestId: 'REQ1', attempts: 1 },
			CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
		});
	});

	it('retries a 500 and a throttled answer, and records every attempt in the call log', async () => {
		answers = [
			json(500, { __type: 'InternalServerError', message: 'oops' }),
			json(400, { __type: 'ThrottlingException', message: 'slow down' }),
			json(200, { Count: 0, Items: [] }),
		];
		const log = new CallLog();
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: log });
		await expect(calls.dynamodb.call('Query', { TableName: 'T' })).resolves.toEqual({
			Count: 0,
			Items: [],
		});
		expect(seen).toHaveLength(3);
		const [entry] = log.entries();
		expect(entry).toMatchObject({
			service: 'DynamoDB',
			operation: 'Query',
			ok: true,
			attempts: 3,
			attemptStatuses: [500, 400, 200],
		});
	}, 20_000);

	it('does not retry what will fail again (a validation error), nor past maxAttempts', async () => {
		answers = [json(400, { __type: 'ValidationException', message: 'bad' })];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		await expect(calls.dynamodb.call('Query', {})).rejects.toMatchObject({
			name: 'ValidationException',
		});
		expect(seen).toHaveLength(1);

		seen = [];
		answers = [json(503, { __type: 'ServiceUnavailable' }), json(200, {})];
		const once = createAwsCalls({
			region: 'us-east-1',
			endpoint,
			credentials,
			callLog: null,
			maxAttempts: 1,
		});
		await expect(once.dynamodb.call('Query', {})).rejects.toMatchObject({
			name: 'ServiceUnavailable',
			$fault: 'server',
		});
		expect(seen).toHaveLength(1);
	});

	it('feeds the shared clock from the Date header and signs the next call with it', async () => {
		const skew = 2 * 3600_000;
		const awsNow = new Date(Date.now() + skew).toUTCString();
		answers = [json(200, {}, { date: awsNow }), json(200, {})];
		const clock = createClock();
		const calls = createAwsCalls({
			region: 'us-east-1',
			endpoint,
			credentials,
			clock,
			callLog: null,
		});
		await calls.dynamodb.call('GetItem', {});
		expect(Math.abs(clock.skewMs - skew)).toBeLessThan(5_000);
		await calls.dynamodb.call('GetItem', {});
		const signedAt = Date.parse(
			String(seen[1]?.headers['x-amz-date']).replace(
				/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
				'$1-$2-$3T$4:$5:$6Z',
			),
		);
		expect(Math.abs(signedAt - (Date.now() + skew))).toBeLessThan(5_000);
	});
});

describe('S3 over fetch', () => {
	const xml = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
		status,
		body,
		headers: { 'content-type': 'application/xml', ...headers },
	});

	it('addresses objects path-style with every key segment escaped, and reads the ETag', async () => {
		answers = [{ status: 200, body: '{"a":1}', headers: { etag: '"e1"' } }];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		const answer = await calls.s3.getObject({ Bucket: 'b', Key: "players/o'neil (1)/x y.json" });
		expect(answer).toEqual({ body: '{"a":1}', etag: '"e1"' });
		expect(seen[0]?.url).toBe('/b/players/o%27neil%20%281%29/x%20y.json');
		expect(seen[0]?.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
	});

	it('sends conditional writes with their headers signed, and reads the new ETag', async () => {
		answers = [{ status: 200, headers: { etag: '"e2"' } }];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		const answer = await calls.s3.putObject({
			Bucket: 'b',
			Key: 'k.json',
			Body: '{}',
			ContentType: 'application/json',
			IfMatch: '"e1"',
		});
		expect(answer).toEqual({ etag: '"e2"' });
		const request = seen[0];
		expect(request?.method).toBe('PUT');
		expect(request?.headers['if-match']).toBe('"e1"');
		expect(request?.headers['content-type']).toBe('application/json');
		expect(request?.headers.authorization).toMatch(/SignedHeaders=[^,]*content-type[^,]*if-match/);
	});

	it('lists objects from the XML, entities decoded', async () => {
		answers = [
			xml(
				200,
				`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name>
<Contents><Key>saves/a&amp;b.json</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>&quot;e1&quot;</ETag><Size>12</Size></Contents>
<Contents><Key>saves/2.json</Key><LastModified>2026-01-03T00:00:00.000Z</LastModified><ETag>"e2"</ETag><Size>3</Size></Contents>
</ListBucketResult>`,
			),
		];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		const { objects } = await calls.s3.listObjectsV2({ Bucket: 'b', Prefix: 'saves/', MaxKeys: 5 });
		expect(objects).toEqual([
			{
				key: 'saves/a&b.json',
				etag: '"e1"',
				lastModified: new Date('2026-01-02T03:04:05.000Z'),
				size: 12,
			},
			{
				key: 'saves/2.json',
				etag: '"e2"',
				lastModified: new Date('2026-01-03T00:00:00Z'),
				size: 3,
			},
		]);
		expect(seen[0]?.url).toBe('/b?list-type=2&prefix=saves%2F&max-keys=5');
	});

	it.each([
		[
			'an XML error',
			xml(
				404,
				'<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
				{ 'x-amz-request-id': 'R2' },
			),
			{
				name: 'NoSuchKey',
				message: 'The specified key does not exist.',
				$metadata: { requestId: 'R2' },
			},
		],
		['a bodiless 404', { status: 404 }, { name: 'NotFound', $metadata: { httpStatusCode: 404 } }],
		['a bodiless 412', { status: 412 }, { name: 'PreconditionFailed' }],
	])('names %s as the SDK does', async (_what, answer, expected) => {
		answers = [answer];
		const calls = createAwsCalls({ region: 'us-east-1', endpoint, credentials, callLog: null });
		await expect(calls.s3.getObject({ Bucket: 'b', Key: 'k' })).rejects.toMatchObject(expected);
	});

	it('uses virtual-hosted addresses on AWS itself', async () => {
		const urls: string[] = [];
		const realFetch = globalThis.fetch;
		globalThis.fetch = async (input) => {
			urls.push(String(input));
			return new Response('', { status: 200, headers: { etag: '"e"' } });
		};
		try {
			const calls = createAwsCalls({ region: 'eu-west-1', credentials, callLog: null });
			await calls.s3.getObject({ Bucket: 'my-bucket', Key: 'a/b.json' });
			await calls.s3.getObject({ Bucket: 'my.dotted.bucket', Key: 'c.json' });
			await calls.dynamodb.call('GetItem', {});
		} finally {
			globalThis.fetch = realFetch;
		}
		expect(urls).toEqual([
			'https://my-bucket.s3.eu-west-1.amazonaws.com/a/b.json',
			'https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/c.json',
			'https://dynamodb.eu-west-1.amazonaws.com/',
		]);
	});
});
