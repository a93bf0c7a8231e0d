/**
 * Nothing the sandbox parses is unbounded (`sandbox/limits.ts`). Each bound is decided before a body is
 * read or forwarded and answered in the addressed service's words; a request just inside it still works.
 */
import { connect } from 'node:net';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { MAX_S3_OBJECT_BYTES } from '../../sandbox/limits';
import {
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { sendRaw, sendSigned } from './gateway-raw';

const Bucket = 'fedplay-game-data';
const MiB = 1024 * 1024;

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

const putProfile = (extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]>) =>
	alice.s3.send(
		new PutObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json', Body: '{}', ...extra }),
	);

describe('S3 user metadata: 2 KB, counted as S3 counts it', () => {
	const utf8AsSent = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
	const manyPairs = Object.fromEntries([...Array(70)].map((_, i) => [`key${i}`, 'x'.repeat(26)]));

	it.each([
		['one value', { k: 'v'.repeat(2048) }, 2049],
		['many small pairs', manyPairs, 40 + 300 + 70 * 26],
	])('refuses %s over it with MetadataTooLarge', async (_case, Metadata, size) => {
		expect(await failureOf(putProfile({ Metadata }))).toMatchObject({
			name: 'MetadataTooLarge',
			status: 400,
			message: 'Your metadata headers exceed the maximum allowed metadata size.',
		});
		const raw = await putRawMetadata(Metadata);
		expect(raw.body).toContain(`<Size>${size}</Size><MaxSizeAllowed>2048</MaxSizeAllowed>`);
	});

	it('counts multi-byte characters in UTF-8 bytes, as sent', async () => {
		// 700 euro signs: 700 characters, 2,100 bytes (the SDK cannot send them; a raw client can).
		const raw = await putRawMetadata({ k: utf8AsSent('€'.repeat(700)) });
		expect(raw.status).toBe(400);
		expect(raw.body).toContain('<Code>MetadataTooLarge</Code><Message>');
		expect(raw.body).toContain('<Size>2101</Size>');
	});

	it('takes exactly 2 KB', async () => {
		await putProfile({ Metadata: { k: 'v'.repeat(2047) } });
		const got = await alice.s3.send(
			new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' }),
		);
		expect(got.Metadata?.k).toHaveLength(2047);
	});
});

function putRawMetadata(metadata: Record<string, string>) {
	const headers = Object.fromEntries(
		Object.entries(metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]),
	);
	return sendSigned(
		sandbox.awsEndpoint,
		alice.credentials,
		{ method: 'PUT', path: `/${Bucket}/players/oidc1/alice/profile.json`, headers, body: '{}' },
		{ service: 's3' },
	);
}

describe('request line and headers: 8 KB at the AWS endpoint', () => {
	it.each([
		['a large header', '/', { 'x-pad': 'p'.repeat(9000) }],
		[
			'many headers',
			'/',
			Object.fromEntries([...Array(300)].map((_, i) => [`x-h${i}`, 'v'.repeat(30)])),
		],
		['a long URL', `/${Bucket}/${'k'.repeat(9000)}`, {}],
		['a long query string', `/${Bucket}?prefix=${'p'.repeat(9000)}`, {}],
	])('refuses %s with RequestHeaderSectionTooLarge', async (_case, path, headers) => {
		const answer = await sendRaw(sandbox.awsEndpoint, { method: 'GET', path, headers });
		expect(answer.status).toBe(400);
		expect(answer.headers['content-type']).toBe('application/xml');
		expect(answer.body).toContain('<Code>RequestHeaderSectionTooLarge</Code>');
		expect(answer.body).toContain('<MaxSizeAllowed>8192</MaxSizeAllowed>');
	});

	it('passes a request just inside it on to the service', async () => {
		const answer = await sendRaw(sandbox.awsEndpoint, {
			method: 'GET',
			path: `/${Bucket}`,
			headers: { 'x-pad': 'p'.repeat(7000) },
		});
		expect(answer.body).toContain('<Code>AccessDenied</Code>');
	});
});

describe('bodies: 64 MiB of S3 object data, 1 MiB of anything else', () => {
	it('refuses an object declared over 64 MiB at once, with EntityTooLarge', async () => {
		const answer = await sendRaw(sandbox.awsEndpoint, {
			method: 'PUT',
			path: `/${Bucket}/players/oidc1/alice/big.bin`,
			headers: { 'content-length': String(MAX_S3_OBJECT_BYTES + 1) },
			body: 'only a little',
		}).catch((error: Error) => ({ status: 0, headers: {}, body: error.message }));
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
		expect(answer.body).toContain(
			`<ProposedSize>${MAX_S3_OBJECT_BYTES + 1}</ProposedSize><MaxSizeAllowed>${MAX_S3_OBJECT_BYTES}</MaxSizeAllowed>`,
		);
	});

	it('refuses an object streamed past 64 MiB without a length, with EntityTooLarge', async () => {
		const head = `PUT /${Bucket}/players/oidc1/alice/stream.bin HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n`;
		const chunk = Buffer.alloc(MiB, 0x61);
		const answer = await new Promise<string>((resolve) => {
			const socket = connect(Number(new URL(sandbox.awsEndpoint).port), '127.0.0.1');
			let text = '';
			socket.on('data', (data) => (text += data.toString('latin1')));
			socket.on('close', () => resolve(text));
			socket.on('error', () => undefined);
			socket.write(head);
			const size = `${chunk.length.toString(16)}\r\n`;
			const sendMore = (left: number) => {
				if (left === 0 || socket.destroyed || text !== '') return;
				socket.write(size);
				socket.write(chunk);
				if (socket.write('\r\n')) setImmediate(() => sendMore(left - 1));
				else socket.once('drain', () => sendMore(left - 1));
			};
			sendMore(70);
		});
		expect(answer).toMatch(/^HTTP\/1\.1 400 /);
		expect(answer).toContain('<Code>EntityTooLarge</Code>');
	});

	it('takes an object over 1 MiB (the cap for other bodies)', async () => {
		const Body = Buffer.alloc(2 * MiB, 0x62);
		await putProfile({ Key: 'players/oidc1/alice/save.bin', Body });
		const got = await alice.s3.send(
			new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/save.bin' }),
		);
		expect((await got.Body!.transformToByteArray()).length).toBe(2 * MiB);
	});

	it.each([
		[
			'DynamoDB',
			{ 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
			413,
			'"__type":"com.amazon.coral.service#RequestEntityTooLargeException"',
		],
		[
			'STS',
			{ 'content-type': 'application/x-www-form-urlencoded' },
			413,
			'<Code>RequestEntityTooLarge</Code>',
		],
	])('refuses a %s body over 1 MiB', async (_case, headers, status, text) => {
		const answer = await sendRaw(sandbox.awsEndpoint, {
			method: 'POST',
			path: '/',
			headers,
			body: `Action=GetCallerIdentity&Version=2011-06-15&x=${'a'.repeat(MiB)}`,
		});
		expect(answer.status).toBe(status);
		expect(answer.body).toContain(text);
	});

	it('refuses an S3 request body that is not object data over 1 MiB, with MaxMessageLengthExceeded', async () => {
		const answer = await sendRaw(sandbox.awsEndpoint, {
			method: 'POST',
			path: `/${Bucket}?delete`,
			headers: { 'content-type': 'application/xml' },
			body: `<Delete>${'<Object><Key>k</Key></Object>'.repeat(40_000)}</Delete>`,
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('<Code>MaxMessageLengthExceeded</Code>');
	});
});

describe('S3 keys: 1,024 bytes of UTF-8', () => {
	const prefix = 'players/oidc1/alice/';
	it.each([
		['ASCII', prefix + 'k'.repeat(1024 - prefix.length + 1), 1025],
		// 2 bytes a character: 1,026 bytes in fewer than 1,024 characters.
		['multi-byte', prefix + 'é'.repeat((1026 - prefix.length) / 2), 1026],
	])('refuses a longer %s key with KeyTooLongError', async (_case, Key, size) => {
		expect(await failureOf(alice.s3.send(new GetObjectCommand({ Bucket, Key })))).toMatchObject({
			name: 'KeyTooLongError',
			status: 400,
		});
		const raw = await sendSigned(
			sandbox.awsEndpoint,
			alice.credentials,
			{ method: 'GET', path: `/${Bucket}/${encodeURI(Key)}` },
			{ service: 's3' },
		);
		expect(raw.body).toContain(`<Size>${size}</Size><MaxSizeAllowed>1024</MaxSizeAllowed>`);
	});

	it('takes a key of exactly 1,024 bytes', async () => {
		// In segments the sandbox's storage can hold as file names (see s3-key.ts).
		const Key = prefix + `${'k'.repeat(199)}/`.repeat(5) + 'k'.repeat(1024 - prefix.length - 1000);
		expect(Buffer.byteLength(Key)).toBe(1024);
		await putProfile({ Key });
		const got = await alice.s3.send(new GetObjectCommand({ Bucket, Key }));
		expect(await got.Body!.transformToString()).toBe('{}');
	});
});

describe('identity providers: 16 KiB of headers, 16 KiB of body', () => {
	const issuer = () => sandbox.issuers[0]!;

	it.each([
		['a large header', '/.well-known/openid-configuration', { 'x-pad': 'p'.repeat(17_000) }],
		['a long query string', `/auth?client_id=fedplay-web&state=${'s'.repeat(17_000)}`, {}],
		['a cookie jar', '/auth', { cookie: `a=${'c'.repeat(17_000)}` }],
	])('refuses %s with 431 in OAuth error shape', async (_case, path, headers) => {
		const answer = await sendRaw(issuer(), { method: 'GET', path, headers });
		expect(answer.status).toBe(431);
		expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
	});

	it.each(['/token', '/token/revocation', '/interaction/x/login'])(
		'refuses a body over 16 KiB at %s before anything reads it',
		async (path) => {
			const answer = await sendRaw(issuer(), {
				method: 'POST',
				path,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: `grant_type=refresh_token&refresh_token=${'r'.repeat(17_000)}`,
			});
			expect(answer.status).toBe(413);
			expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
		},
	);

	it('still answers discovery', async () => {
		const answer = await sendRaw(issuer(), {
			method: 'GET',
			path: '/.well-known/openid-configuration',
		});
		expect(JSON.parse(answer.body).issuer).toBe(issuer());
	});
});
