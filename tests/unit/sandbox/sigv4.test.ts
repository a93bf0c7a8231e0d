import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { beforeEach, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../sandbox/clock';
import { AwsError, type AwsService } from '../../../sandbox/errors';
import { SessionStore, type TemporarySession } from '../../../sandbox/sessions';
import { verifySigV4, type SignedRequest } from '../../../sandbox/sigv4';

const REGION = 'us-east-1';
let clock: SandboxClock;
let sessions: SessionStore;
let session: TemporarySession;

beforeEach(() => {
	clock = new SandboxClock();
	sessions = new SessionStore(clock);
	session = sessions.issue({
		roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
		roleSessionName: 'fedplay-alice',
		durationSeconds: 900,
		provider: 'localhost:4000',
		subject: 'alice',
		audience: 'fedplay-web',
		webIdentityContext: { 'localhost:4000:sub': 'alice' },
	});
});

interface Shape {
	method: string;
	/** Encoded as sent. */
	path: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: string;
}

const S3_PUT: Shape = {
	method: 'PUT',
	path: '/fedplay-game-data/players/alice/save%20slot%2B1.json',
	headers: { 'content-type': 'application/json' },
	body: '{"level":3}',
};
const S3_LIST: Shape = {
	method: 'GET',
	path: '/fedplay-game-data',
	query: { 'list-type': '2', prefix: 'players/alice/' },
};
const DDB_GET: Shape = {
	method: 'POST',
	path: '/',
	headers: {
		'content-type': 'application/x-amz-json-1.0',
		'x-amz-target': 'DynamoDB_20120810.GetItem',
	},
	body: '{"TableName":"GameScores","Key":{"UserId":{"S":"alice"},"GameTitle":{"S":"Meteor"}}}',
};

/** Signs like the SDK does for `service`, then returns the request as the server would see it. */
async function sign(
	service: AwsService,
	shape: Shape,
	options: { secret?: string; date?: Date; token?: string | null; region?: string } = {},
): Promise<SignedRequest> {
	const signer = new SignatureV4({
		credentials: {
			accessKeyId: session.accessKeyId,
			secretAccessKey: options.secret ?? session.secretAccessKey,
			...(options.token === null ? {} : { sessionToken: options.token ?? session.sessionToken }),
		},
		region: options.region ?? REGION,
		service,
		sha256: Sha256,
		uriEscapePath: service !== 's3',
		applyChecksum: service === 's3',
	});
	const body = shape.body ?? '';
	const signed = await signer.sign(
		{
			method: shape.method,
			protocol: 'http:',
			hostname: 'localhost',
			port: 4566,
			path: shape.path,
			query: shape.query ?? {},
			headers: { host: 'localhost:4566', ...shape.headers },
			body,
		},
		{ signingDate: options.date ?? new Date(clock.now()) },
	);
	const headers = Object.fromEntries(
		Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const query = new URLSearchParams(shape.query ?? {}).toString().replace(/\+/g, '%20');
	return { method: shape.method, path: shape.path, query, headers, body: Buffer.from(body) };
}

async function refusal(request: SignedRequest, service: AwsService) {
	const error = await verifySigV4(request, service, { sessions, clock, region: REGION }).then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(AwsError);
	const { code, status, message } = error as AwsError;
	return { code, status, message };
}

describe('verifySigV4 accepts what the SDK signs', () => {
	it.each([
		['an S3 PUT with an encoded key', 's3', S3_PUT],
		['an S3 ListObjectsV2 with a query', 's3', S3_LIST],
		['a DynamoDB GetItem', 'dynamodb', DDB_GET],
	] as const)('%s', async (_case, service, shape) => {
		const verified = await verifySigV4(await sign(service, shape), service, {
			sessions,
			clock,
			region: REGION,
		});
		expect(verified.session.accessKeyId).toBe(session.accessKeyId);
	});

	it('accepts an S3 UNSIGNED-PAYLOAD body without hashing it', async () => {
		const request = await sign('s3', {
			...S3_PUT,
			headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
		});
		request.body = Buffer.from('anything');
		const verified = await verifySigV4(request, 's3', { sessions, clock, region: REGION });
		expect(verified.payloadHash).toBe('UNSIGNED-PAYLOAD');
	});
});

describe('verifySigV4 refuses, in each service words', () => {
	it.each([
		['s3', 'SignatureDoesNotMatch', 403],
		['dynamodb', 'InvalidSignatureException', 400],
		['sts', 'SignatureDoesNotMatch', 403],
	] as const)('%s: a tampered signed header', async (service, code, status) => {
		const request = await sign(service, service === 's3' ? S3_PUT : DDB_GET);
		request.headers['content-type'] = 'text/plain';
		expect(await refusal(request, service)).toMatchObject({ code, status });
	});

	it('s3: a tampered body (XAmzContentSHA256Mismatch)', async () => {
		const request = await sign('s3', S3_PUT);
		request.body = Buffer.from('{"level":99}');
		expect(await refusal(request, 's3')).toMatchObject({
			code: 'XAmzContentSHA256Mismatch',
			status: 400,
		});
	});

	it('dynamodb: a tampered body (the signature covers it)', async () => {
		const request = await sign('dynamodb', DDB_GET);
		request.body = Buffer.from(DDB_GET.body!.replace('alice', 'bob'));
		expect(await refusal(request, 'dynamodb')).toMatchObject({
			code: 'InvalidSignatureException',
			status: 400,
		});
	});

	it('s3: a tampered path', async () => {
		const request = await sign('s3', S3_PUT);
		request.path = request.path.replace('alice', 'bob');
		expect(await refusal(request, 's3')).toMatchObject({ code: 'SignatureDoesNotMatch' });
	});

	it.each([
		['s3', { code: 'SignatureDoesNotMatch', status: 403 }],
		['dynamodb', { code: 'InvalidSignatureException', status: 400 }],
	] as const)('%s: a wrong secret, without echoing any secret', async (service, expected) => {
		const refused = await refusal(
			await sign(service, DDB_GET, { secret: 'y'.repeat(40) }),
			service,
		);
		expect(refused).toMatchObject(expected);
		expect(refused.message).not.toContain(session.secretAccessKey);
	});

	it.each([
		['s3', { code: 'InvalidToken', status: 400 }],
		['dynamodb', { code: 'UnrecognizedClientException', status: 400 }],
		['sts', { code: 'InvalidClientTokenId', status: 403 }],
	] as const)('%s: no session token', async (service, expected) => {
		expect(await refusal(await sign(service, DDB_GET, { token: null }), service)).toMatchObject(
			expected,
		);
	});

	it.each([
		['s3', { code: 'InvalidToken', status: 400 }],
		['dynamodb', { code: 'UnrecognizedClientException', status: 400 }],
	] as const)('%s: a session token of other credentials', async (service, expected) => {
		const other = sessions.issue({ ...session, roleSessionName: 'fedplay-bob' });
		expect(
			await refusal(await sign(service, DDB_GET, { token: other.sessionToken }), service),
		).toMatchObject(expected);
	});

	it.each([
		['s3', { code: 'InvalidAccessKeyId', status: 403 }],
		['dynamodb', { code: 'UnrecognizedClientException', status: 400 }],
		['sts', { code: 'InvalidClientTokenId', status: 403 }],
	] as const)('%s: an access key never issued', async (service, expected) => {
		const request = await sign(service, DDB_GET);
		request.headers['authorization'] = String(request.headers['authorization']).replace(
			session.accessKeyId,
			'ASIAZZZZZZZZZZZZZZZZ',
		);
		expect(await refusal(request, service)).toMatchObject(expected);
	});

	it.each([
		['s3', { code: 'ExpiredToken', status: 400, message: 'The provided token has expired.' }],
		[
			'dynamodb',
			{
				code: 'ExpiredTokenException',
				status: 400,
				message: 'The security token included in the request is expired',
			},
		],
		['sts', { code: 'ExpiredToken', status: 403 }],
	] as const)('%s: expired credentials', async (service, expected) => {
		clock.advance(900_000);
		expect(await refusal(await sign(service, DDB_GET), service)).toMatchObject(expected);
	});

	it.each([
		['s3', { code: 'RequestTimeTooSkewed', status: 403 }],
		[
			'dynamodb',
			{
				code: 'InvalidSignatureException',
				status: 400,
				message: expect.stringMatching(/^Signature expired: /),
			},
		],
		[
			'sts',
			{
				code: 'SignatureDoesNotMatch',
				status: 403,
				message: expect.stringMatching(/^Signature expired: /),
			},
		],
	] as const)('%s: a signing time more than 15 minutes old', async (service, expected) => {
		const date = new Date(clock.now() - 15 * 60_000 - 1000);
		expect(await refusal(await sign(service, DDB_GET, { date }), service)).toMatchObject(expected);
	});

	it.each([
		['s3', { code: 'AccessDenied', status: 403 }],
		['dynamodb', { code: 'MissingAuthenticationTokenException', status: 400 }],
		['sts', { code: 'MissingAuthenticationToken', status: 403 }],
	] as const)('%s: no Authorization header', async (service, expected) => {
		const request = await sign(service, DDB_GET);
		delete request.headers['authorization'];
		expect(await refusal(request, service)).toMatchObject(expected);
	});

	it('s3: credentials scoped to another region', async () => {
		expect(await refusal(await sign('s3', S3_PUT, { region: 'eu-west-1' }), 's3')).toMatchObject({
			code: 'AuthorizationHeaderMalformed',
			message:
				"The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
		});
	});

	it('dynamodb: a request signed for another service', async () => {
		expect(await refusal(await sign('s3', DDB_GET), 'dynamodb')).toMatchObject({
			code: 'InvalidSignatureException',
			message: "Credential should be scoped to correct service: 'dynamodb'.",
		});
	});
});
