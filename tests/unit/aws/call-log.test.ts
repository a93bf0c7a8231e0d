/**
 * The call log against REAL SDK v3 clients. The AWS side is a tiny HTTP server in this file that answers
 * AWS-shaped responses: a stand-in only because the sandbox (sandbox/app.ts) is being built in parallel;
 * integration tests against createSandbox() should replace it once the gateway exists.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from '../../../src/lib/aws/call-log';
import { attachCallLog } from '../../../src/lib/aws/call-log-middleware';
import { explainCall } from '../../../src/lib/inspector/explain-call';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLESECRETKEY';
const SESSION = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENaVeryLongOpaqueValue0123456789';
const ID_TOKEN =
	'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImZlZHBsYXkifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const credentials = {
	accessKeyId: 'ASIAEXAMPLEKEY',
	secretAccessKey: SECRET,
	sessionToken: SESSION,
};

let server: Server;
let endpoint: string;
let throttleNext = 0;

function stsAnswer(body: string, res: ServerResponse): void {
	res.setHeader('content-type', 'text/xml');
	res.setHeader('x-amzn-requestid', 'sts-req-1');
	if (!body.includes('Action=AssumeRoleWithWebIdentity')) {
		res.statusCode = 400;
		res.end('<ErrorResponse><Error><Code>ValidationError</Code></Error></ErrorResponse>');
		return;
	}
	res.end(
		`<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIANEWKEY</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${SESSION}</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><SubjectFromWebIdentityToken>alice</SubjectFromWebIdentityToken></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>sts-req-1</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`,
	);
}

function dynamoAnswer(req: IncomingMessage, res: ServerResponse): void {
	res.setHeader('content-type', 'application/x-amz-json-1.0');
	res.setHeader('x-amzn-requestid', 'ddb-req-1');
	const target = String(req.headers['x-amz-target'] ?? '');
	if (target.endsWith('.GetItem') && throttleNext-- > 0) {
		res.statusCode = 400;
		res.end(
			JSON.stringify({
				__type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
				message: 'Rate exceeded',
			}),
		);
		return;
	}
	if (target.endsWith('.PutItem')) {
		res.statusCode = 400;
		res.end(
			JSON.stringify({
				__type: 'com.amazon.coral.service#AccessDeniedException',
				Message:
					'User: arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/GameScores because no identity-based policy allows the dynamodb:PutItem action',
			}),
		);
		return;
	}
	res.end(JSON.stringify({ Item: { UserId: { S: 'alice' } } }));
}

function answer(req: IncomingMessage, res: ServerResponse): void {
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		const body = Buffer.concat(chunks).toString('utf8');
		if (req.headers['x-amz-target']) return dynamoAnswer(req, res);
		if (req.url?.startsWith('/fedplay-data/')) {
			res.setHeader('content-type', 'application/json');
			res.setHeader('x-amz-request-id', 's3-req-1');
			res.end('{"name":"alice"}');
			return;
		}
		stsAnswer(body, res);
	});
}

beforeAll(async () => {
	server = createServer(answer);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

describe('the call log middleware', () => {
	let log: CallLog;
	beforeEach(() => {
		log = new CallLog(50);
		throttleNext = 0;
	});

	it('records an STS call and exports no secret from request or response', async () => {
		const sts = new STSClient({ endpoint, region: 'us-east-1' });
		attachCallLog(sts, log);
		await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: 'arn:aws:iam::123456789012:role/FedplayPlayer',
				RoleSessionName: 'alice',
				WebIdentityToken: ID_TOKEN,
			}),
		);
		const [entry] = log.entries();
		expect(entry).toMatchObject({
			service: 'STS',
			operation: 'AssumeRoleWithWebIdentity',
			status: 200,
			ok: true,
		});
		expect(entry?.requestId).toBe('sts-req-1');
		expect(entry?.response?.body).toContain('<SubjectFromWebIdentityToken>alice');
		const exported = log.exportJson();
		for (const secret of [SECRET, SESSION, ID_TOKEN]) {
			expect(exported).not.toContain(secret.slice(4, -4));
		}
		// The input and output are kept for the flow view and re-evaluation, redacted.
		expect(entry?.input).toMatchObject({ RoleSessionName: 'alice' });
		expect(entry?.output).toMatchObject({ SubjectFromWebIdentityToken: 'alice' });
		expect(entry?.identityToken?.claims).toEqual({ sub: 'alice', aud: 'fedplay' });
		const kept = JSON.stringify([entry?.input, entry?.output, entry?.identityToken]);
		for (const secret of [SECRET, SESSION, ID_TOKEN])
			expect(kept).not.toContain(secret.slice(4, -4));
	});

	it('masks the SigV4 signature and the session token of a signed call, and explains the denial', async () => {
		const dynamo = new DynamoDBClient({
			endpoint,
			region: 'us-east-1',
			credentials,
			maxAttempts: 1,
		});
		attachCallLog(dynamo, log);
		await expect(
			dynamo.send(new PutItemCommand({ TableName: 'GameScores', Item: { UserId: { S: 'bob' } } })),
		).rejects.toThrow('not authorized');
		const [entry] = log.filter({ failuresOnly: true });
		expect(entry).toMatchObject({
			service: 'DynamoDB',
			operation: 'PutItem',
			status: 400,
			ok: false,
			requestId: 'ddb-req-1',
		});
		// The log keeps AWS's code and words; the inspector explains them.
		expect(entry?.error).toMatchObject({
			code: 'AccessDeniedException',
			category: 'access-denied',
		});
		expect(entry?.error?.message).toContain('not authorized to perform: dynamodb:PutItem');
		expect(explainCall(entry!)).toMatchObject({
			category: 'access-denied',
			action: 'dynamodb:PutItem',
			policyType: 'identity-based',
		});
		const authorization = entry?.request?.headers.authorization ?? '';
		expect(authorization).toMatch(
			/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY\/\d{8}\/us-east-1\/dynamodb\/aws4_request/,
		);
		expect(authorization).toMatch(/Signature=[0-9a-f]{4}…[0-9a-f]{4}$/);
		expect(entry?.request?.headers['x-amz-security-token']).toBe('IQoJ…6789');
		expect(log.exportJson()).not.toContain(SESSION.slice(4, -4));
	});

	it('marks a call the SDK retried', async () => {
		throttleNext = 1;
		const dynamo = new DynamoDBClient({
			endpoint,
			region: 'us-east-1',
			credentials,
			maxAttempts: 3,
		});
		attachCallLog(dynamo, log);
		await dynamo.send(
			new GetItemCommand({ TableName: 'GameScores', Key: { UserId: { S: 'alice' } } }),
		);
		const [entry] = log.entries();
		expect(entry).toMatchObject({
			ok: true,
			attempts: 2,
			retried: true,
			attemptStatuses: [400, 200],
		});
	});

	it('leaves an S3 object stream readable for the caller', async () => {
		const s3 = new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true });
		attachCallLog(s3, log);
		const output = await s3.send(
			new GetObjectCommand({ Bucket: 'fedplay-data', Key: 'players/alice/profile.json' }),
		);
		expect(await output.Body?.transformToString()).toBe('{"name":"alice"}');
		expect(log.entries()[0]).toMatchObject({
			service: 'S3',
			operation: 'GetObject',
			requestId: 's3-req-1',
		});
	});

	it('filters by service and stops recording once detached', async () => {
		const dynamo = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
		const detach = attachCallLog(dynamo, log);
		await dynamo.send(
			new GetItemCommand({ TableName: 'GameScores', Key: { UserId: { S: 'alice' } } }),
		);
		detach();
		await dynamo.send(
			new GetItemCommand({ TableName: 'GameScores', Key: { UserId: { S: 'alice' } } }),
		);
		expect(log.filter({ service: 'dynamodb' })).toHaveLength(1);
		expect(log.filter({ service: 'S3' })).toHaveLength(0);
	});
});

describe('CallLog', () => {
	const base = {
		service: 'S3',
		operation: 'GetObject',
		status: 200,
		ok: true,
		durationMs: 1,
		requestId: null,
		time: '2030-01-01T00:00:00.000Z',
		attempts: 1,
		retried: false,
		attemptStatuses: [200],
		request: null,
		response: null,
	};

	it('keeps only the newest entries once full', () => {
		const log = new CallLog(3);
		for (let i = 0; i < 5; i++) log.add(base);
		expect(log.entries().map((entry) => entry.id)).toEqual([3, 4, 5]);
	});

	it('tells subscribers about every change until they unsubscribe', () => {
		const log = new CallLog();
		const seen: number[] = [];
		const unsubscribe = log.subscribe((entries) => seen.push(entries.length));
		log.add(base);
		unsubscribe();
		log.add(base);
		expect(seen).toEqual([0, 1]);
	});
});
