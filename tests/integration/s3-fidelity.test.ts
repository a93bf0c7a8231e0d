/**
 * Issue 13, S3 with the Node SDK v3 at its default settings (flexible checksums on, so streamed bodies go
 * `aws-chunked` with a CRC32 trailer): the sandbox's object store behaves as S3 does for the operations the
 * SDKs and the AWS CLI use — streamed uploads stored byte for byte, every checksum algorithm verified and
 * returned, listings paginated at any size, multipart uploads, copies and multi-object deletes authorized
 * per action, ranges and read conditions, presigned URLs with the policy applied, and S3's XML.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
	AbortMultipartUploadCommand,
	CompleteMultipartUploadCommand,
	CopyObjectCommand,
	CreateMultipartUploadCommand,
	DeleteObjectsCommand,
	GetObjectCommand,
	HeadObjectCommand,
	ListMultipartUploadsCommand,
	ListObjectsV2Command,
	ListPartsCommand,
	PutObjectCommand,
	S3Client,
	UploadPartCommand,
	paginateListObjectsV2,
	type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	assumePlayerRole,
	failureOf,
	startTestSandbox,
	type PlayerCredentials,
} from './gateway-clients';
import { chunkVerifier, signingKey } from '../../sandbox/sigv4-query';
import { sendRaw, sendSigned, signRequest } from './gateway-raw';

const Bucket = 'fedplay-game-data';
const alicePrefix = 'players/oidc1/alice/';
const bobPrefix = 'players/oidc1/bob/';
const MiB = 1024 * 1024;

let sandbox: Sandbox;
let aliceCredentials: PlayerCredentials;
let bobCredentials: PlayerCredentials;
let alice: S3Client;
let bob: S3Client;

/** An S3 client with the SDK's defaults (checksums, retries…); only the sandbox's endpoint and path style. */
function defaultClient(credentials: PlayerCredentials): S3Client {
	return new S3Client({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		credentials,
		forcePathStyle: true,
	});
}

function denied(action: string, key: string, player = 'alice') {
	return {
		name: 'AccessDenied',
		status: 403,
		message: `User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-${player} is not authorized to perform: ${action} on resource: "arn:aws:s3:::${Bucket}/${key}" because no identity-based policy allows the ${action} action`,
	};
}

async function bytesOf(client: S3Client, Key: string, extra: object = {}): Promise<Buffer> {
	const got = await client.send(new GetObjectCommand({ Bucket, Key, ...extra }));
	return Buffer.from(await got.Body!.transformToByteArray());
}

async function put(client: S3Client, Key: string, Body: string | Buffer): Promise<void> {
	await client.send(new PutObjectCommand({ Bucket, Key, Body }));
}

/** A raw signed S3 request as alice (what the SDK will not send as is). */
function aliceRaw(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body: string | Buffer = '',
) {
	return sendSigned(
		sandbox.awsEndpoint,
		aliceCredentials,
		{
			method,
			path,
			headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
			body,
		},
		{ service: 's3' },
	);
}

beforeAll(async () => {
	sandbox = await startTestSandbox();
	aliceCredentials = await assumePlayerRole(sandbox, 'alice');
	bobCredentials = await assumePlayerRole(sandbox, 'bob');
	alice = defaultClient(aliceCredentials);
	bob = defaultClient(bobCredentials);
	await put(bob, `${bobPrefix}secret.json`, '{"bob":true}');
});

afterAll(async () => {
	alice?.destroy();
	bob?.destroy();
	await sandbox?.close();
});

describe('aws-chunked uploads (item 1)', () => {
	it('stores a streamed file (aws-chunked, CRC32 trailer) byte for byte and reads it back', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'fedplay-s3-'));
		try {
			const file = join(dir, 'save.bin');
			const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256));
			writeFileSync(file, data);
			const key = `${alicePrefix}streamed.bin`;
			const answer = await alice.send(
				new PutObjectCommand({ Bucket, Key: key, Body: createReadStream(file) }),
			);
			expect(answer.ChecksumCRC32).toBeDefined();
			const back = await bytesOf(alice, key, { ChecksumMode: 'ENABLED' });
			expect(back.equals(data)).toBe(true);
			const head = await alice.send(new HeadObjectCommand({ Bucket, Key: key }));
			expect(head.ContentLength).toBe(data.length);
			// The framing is not the object's encoding.
			expect(head.ContentEncoding).toBeUndefined();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('stores a 16-byte Readable of known length as those 16 bytes', async () => {
		const key = `${alicePrefix}sixteen.txt`;
		await alice.send(
			new PutObjectCommand({
				Bucket,
				Key: key,
				Body: Readable.from([Buffer.from('0123456789'), Buffer.from('abcdef')]),
				ContentLength: 16,
			}),
		);
		expect((await bytesOf(alice, key)).toString()).toBe('0123456789abcdef');
	});

	it.each<ChecksumAlgorithm>(['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'])(
		'verifies and returns %s, for a buffer and for a stream',
		async (algorithm) => {
			const field = `Checksum${algorithm}` as const;
			for (const [name, body] of [
				['buffer', Buffer.from(`checked with ${algorithm}`)],
				['stream', Readable.from([Buffer.from(`streamed with ${algorithm}`)])],
			] as const) {
				const key = `${alicePrefix}checksum-${algorithm}-${name}`;
				const length =
					name === 'stream' ? { ContentLength: `streamed with ${algorithm}`.length } : {};
				const putAnswer = await alice.send(
					new PutObjectCommand({
						Bucket,
						Key: key,
						Body: body,
						ChecksumAlgorithm: algorithm,
						...length,
					}),
				);
				expect(putAnswer[field], `${name}: echoed`).toMatch(/^[A-Za-z0-9+/]+=*$/);
				const got = await alice.send(
					new GetObjectCommand({ Bucket, Key: key, ChecksumMode: 'ENABLED' }),
				);
				expect(got[field]).toBe(putAnswer[field]);
				await got.Body!.transformToString(); // the SDK validates the checksum as it reads
				const head = await alice.send(
					new HeadObjectCommand({ Bucket, Key: key, ChecksumMode: 'ENABLED' }),
				);
				expect(head[field]).toBe(putAnswer[field]);
			}
		},
	);

	/**
	 * A signed streaming upload, as the SDKs for Java and .NET send over HTTP: the seed signature in the
	 * Authorization header, each chunk's signature chained from it (the chain is computed with the
	 * sandbox's own helper, which tests/unit/s3 checks against the S3 API Reference's worked example).
	 */
	async function signedStreamingPut(key: string, chunks: Buffer[], corrupt = false) {
		const decoded = Buffer.concat(chunks);
		const headers = {
			'content-encoding': 'aws-chunked',
			'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
			'x-amz-decoded-content-length': String(decoded.length),
		};
		const unsignedBody = 'x'; // replaced below; the signature covers the headers, not the body
		const signed = await signRequest(
			sandbox.awsEndpoint,
			aliceCredentials,
			{ method: 'PUT', path: `/${Bucket}/${key}`, headers, body: unsignedBody },
			{ service: 's3' },
		);
		const signedHeaders = signed.headers as Record<string, string>;
		const seed = /Signature=([0-9a-f]{64})/.exec(signedHeaders['authorization']!)![1]!;
		const amzDate = signedHeaders['x-amz-date']!;
		const date = amzDate.slice(0, 8);
		const verifier = chunkVerifier(
			signingKey(aliceCredentials.secretAccessKey, date, 'us-east-1', 's3'),
			amzDate,
			`${date}/us-east-1/s3/aws4_request`,
			seed,
		);
		let previous = seed;
		const framed: Buffer[] = [];
		for (const chunk of [...chunks, Buffer.alloc(0)]) {
			let signature = verifier.chunk(previous, chunk);
			previous = signature;
			if (corrupt && chunk.length > 0)
				signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
			framed.push(
				Buffer.from(`${chunk.length.toString(16)};chunk-signature=${signature}\r\n`),
				chunk,
				Buffer.from('\r\n'),
			);
		}
		const body = Buffer.concat(framed);
		return sendRaw(sandbox.awsEndpoint, {
			...signed,
			headers: { ...signedHeaders, 'content-length': String(body.length) },
			body,
		});
	}

	it('stores a signed streaming upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) once every chunk checks out', async () => {
		const key = `${alicePrefix}signed-stream.bin`;
		const chunks = [Buffer.alloc(8192, 'a'), Buffer.from('the rest')];
		const answer = await signedStreamingPut(key, chunks);
		expect(answer.status).toBe(200);
		expect((await bytesOf(alice, key)).equals(Buffer.concat(chunks))).toBe(true);
	});

	it('refuses a signed streaming upload whose chunk signature is wrong, and stores nothing', async () => {
		const key = `${alicePrefix}signed-stream-bad.bin`;
		const answer = await signedStreamingPut(key, [Buffer.from('tampered')], true);
		expect(answer.status).toBe(403);
		expect(answer.body).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect((await failureOf(bytesOf(alice, key))).name).toBe('NoSuchKey');
	});

	it('refuses a trailer whose CRC32 does not match the data, and stores nothing', async () => {
		const key = `${alicePrefix}bad-trailer`;
		const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n';
		const answer = await aliceRaw(
			'PUT',
			`/${Bucket}/${key}`,
			{
				'content-encoding': 'aws-chunked',
				'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
				'x-amz-decoded-content-length': '5',
				'x-amz-trailer': 'x-amz-checksum-crc32',
			},
			body,
		);
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('<Code>BadDigest</Code>');
		expect(answer.body).toContain('The CRC32 you specified did not match the calculated checksum.');
		expect((await failureOf(bytesOf(alice, key))).name).toBe('NoSuchKey');
	});

	it.each([
		[
			'a trailer not declared in x-amz-trailer',
			'5\r\nhello\r\n0\r\nx-amz-meta-evil:1\r\n\r\n',
			{ 'x-amz-trailer': 'x-amz-checksum-crc32' },
			'InvalidRequest',
		],
		[
			'a trailer section over 8 KiB',
			`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${'A'.repeat(9000)}\r\n\r\n`,
			{ 'x-amz-trailer': 'x-amz-checksum-crc32' },
			'InvalidRequest',
		],
		['a chunk longer than the body', 'ff\r\nhello\r\n0\r\n\r\n', {}, 'IncompleteBody'],
		['a chunk header of garbage', 'zz\r\nhello\r\n0\r\n\r\n', {}, 'InvalidRequest'],
		[
			'a decoded length that lies',
			'5\r\nhello\r\n0\r\n\r\n',
			{ 'x-amz-decoded-content-length': '6' },
			'IncompleteBody',
		],
	])('refuses %s with %s', async (_name, body, headers, code) => {
		const answer = await aliceRaw(
			'PUT',
			`/${Bucket}/${alicePrefix}bad-chunked`,
			{
				'content-encoding': 'aws-chunked',
				'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
				'x-amz-decoded-content-length': '5',
				...headers,
			},
			body,
		);
		expect(answer.status).toBe(400);
		expect(answer.body).toContain(`<Code>${code}</Code>`);
	});
});

describe('ListObjectsV2 pagination (item 2)', () => {
	const folder = `${alicePrefix}paged/`;
	const keys = ['a', 'b', 'c/1', 'c/2', 'd', 'e/1', 'f'].map((k) => folder + k);

	beforeAll(async () => {
		for (const key of keys) await put(alice, key, key);
	});

	it('walks 7 keys 2 at a time with the paginator, every key once, in order', async () => {
		const pages: string[][] = [];
		for await (const page of paginateListObjectsV2(
			{ client: alice, pageSize: 2 },
			{ Bucket, Prefix: folder },
		)) {
			expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
			pages.push((page.Contents ?? []).map((c) => c.Key!));
		}
		expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
		expect(pages.flat()).toEqual(keys);
	});

	it('counts common prefixes in KeyCount and in MaxKeys, and never repeats one across pages', async () => {
		const entries: string[] = [];
		for await (const page of paginateListObjectsV2(
			{ client: alice, pageSize: 2 },
			{ Bucket, Prefix: folder, Delimiter: '/' },
		)) {
			const onPage = [
				...(page.Contents ?? []).map((c) => c.Key!),
				...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
			];
			expect(page.KeyCount).toBe(onPage.length);
			expect(onPage.length).toBeLessThanOrEqual(2);
			entries.push(...onPage);
		}
		expect(entries.sort()).toEqual(['a', 'b', 'c/', 'd', 'e/', 'f'].map((k) => folder + k).sort());
	});

	// 1,005 PUTs first: a generous guard for a busy machine.
	it('lists a prefix of over 1,000 keys in pages of 1,000', { timeout: 120_000 }, async () => {
		const big = `${alicePrefix}many/`;
		const all = Array.from({ length: 1005 }, (_, i) => `${big}${String(i).padStart(4, '0')}`);
		for (let i = 0; i < all.length; i += 100) {
			await Promise.all(all.slice(i, i + 100).map((key) => put(alice, key, 'x')));
		}
		const sizes: number[] = [];
		const listed: string[] = [];
		for await (const page of paginateListObjectsV2({ client: alice }, { Bucket, Prefix: big })) {
			sizes.push(page.KeyCount!);
			listed.push(...(page.Contents ?? []).map((c) => c.Key!));
		}
		expect(sizes).toEqual([1000, 5]);
		expect(listed).toEqual(all);
	});

	it('refuses a continuation token it did not issue with 400 InvalidArgument', async () => {
		expect(
			await failureOf(
				alice.send(
					new ListObjectsV2Command({ Bucket, Prefix: folder, ContinuationToken: 'bm90LW91cnM' }),
				),
			),
		).toMatchObject({ name: 'InvalidArgument', status: 400 });
	});
});

describe('multipart upload (item 3)', () => {
	const key = `${alicePrefix}big.bin`;
	const part1 = Buffer.alloc(5 * MiB, 1);
	const part2 = Buffer.from('the last part may be small');

	it('creates, uploads two parts, lists them, completes, and reads the whole object back', async () => {
		const { UploadId } = await alice.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
		const etags: string[] = [];
		for (const [index, Body] of [part1, part2].entries()) {
			const answer = await alice.send(
				new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: index + 1, Body }),
			);
			etags.push(answer.ETag!);
		}
		const parts = await alice.send(new ListPartsCommand({ Bucket, Key: key, UploadId }));
		expect(parts.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
			[1, part1.length],
			[2, part2.length],
		]);
		const done = await alice.send(
			new CompleteMultipartUploadCommand({
				Bucket,
				Key: key,
				UploadId,
				MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
			}),
		);
		expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
		expect((await bytesOf(alice, key)).equals(Buffer.concat([part1, part2]))).toBe(true);
	});

	it('refuses a first part under 5 MiB with EntityTooSmall, and aborts', async () => {
		const { UploadId } = await alice.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
		const parts = [];
		for (const [i, Body] of [Buffer.from('tiny'), Buffer.from('tail')].entries()) {
			const { ETag } = await alice.send(
				new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: i + 1, Body }),
			);
			parts.push({ ETag, PartNumber: i + 1 });
		}
		expect(
			await failureOf(
				alice.send(
					new CompleteMultipartUploadCommand({
						Bucket,
						Key: key,
						UploadId,
						MultipartUpload: { Parts: parts },
					}),
				),
			),
		).toMatchObject({ name: 'EntityTooSmall', status: 400 });
		await alice.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }));
		expect(
			await failureOf(alice.send(new ListPartsCommand({ Bucket, Key: key, UploadId }))),
		).toMatchObject({ name: 'NoSuchUpload', status: 404 });
	});

	it('refuses a part number outside 1 to 10,000', async () => {
		const { UploadId } = await alice.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
		expect(
			await failureOf(
				alice.send(
					new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: 10_001, Body: 'x' }),
				),
			),
		).toMatchObject({ name: 'InvalidArgument', status: 400 });
		await alice.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }));
	});

	it("keeps bob out of alice's upload: no part, no listing, no abort, no listing of uploads", async () => {
		const { UploadId } = await alice.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
		expect(
			await failureOf(
				bob.send(new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: 1, Body: 'x' })),
			),
		).toMatchObject(denied('s3:PutObject', key, 'bob'));
		expect(
			await failureOf(bob.send(new ListPartsCommand({ Bucket, Key: key, UploadId }))),
		).toMatchObject(denied('s3:ListMultipartUploadParts', key, 'bob'));
		expect(
			await failureOf(bob.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }))),
		).toMatchObject(denied('s3:AbortMultipartUpload', key, 'bob'));
		expect(
			await failureOf(bob.send(new ListMultipartUploadsCommand({ Bucket, Prefix: alicePrefix }))),
		).toMatchObject({ name: 'AccessDenied', status: 403 });
		expect(
			await failureOf(
				alice.send(new CreateMultipartUploadCommand({ Bucket, Key: `${bobPrefix}x` })),
			),
		).toMatchObject(denied('s3:PutObject', `${bobPrefix}x`));
		await alice.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }));
	});
});

describe('CopyObject (item 3)', () => {
	it('copies within her prefix, metadata and bytes', async () => {
		await alice.send(
			new PutObjectCommand({
				Bucket,
				Key: `${alicePrefix}original.json`,
				Body: '{"v":1}',
				ContentType: 'application/json',
				Metadata: { slot: '1' },
			}),
		);
		const answer = await alice.send(
			new CopyObjectCommand({
				Bucket,
				Key: `${alicePrefix}copy.json`,
				CopySource: `${Bucket}/${alicePrefix}original.json`,
			}),
		);
		expect(answer.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
		const got = await alice.send(new GetObjectCommand({ Bucket, Key: `${alicePrefix}copy.json` }));
		expect([got.ContentType, got.Metadata, await got.Body!.transformToString()]).toEqual([
			'application/json',
			{ slot: '1' },
			'{"v":1}',
		]);
	});

	it("needs s3:GetObject on the source: alice cannot copy bob's object", async () => {
		expect(
			await failureOf(
				alice.send(
					new CopyObjectCommand({
						Bucket,
						Key: `${alicePrefix}stolen.json`,
						CopySource: `${Bucket}/${bobPrefix}secret.json`,
					}),
				),
			),
		).toMatchObject(denied('s3:GetObject', `${bobPrefix}secret.json`));
		expect((await failureOf(bytesOf(alice, `${alicePrefix}stolen.json`))).name).toBe('NoSuchKey');
	});

	it("needs s3:PutObject on the target: alice cannot copy into bob's folder", async () => {
		expect(
			await failureOf(
				alice.send(
					new CopyObjectCommand({
						Bucket,
						Key: `${bobPrefix}planted.json`,
						CopySource: `${Bucket}/${alicePrefix}original.json`,
					}),
				),
			),
		).toMatchObject(denied('s3:PutObject', `${bobPrefix}planted.json`));
	});
});

describe('DeleteObjects (item 3)', () => {
	it("deletes her keys and answers an AccessDenied <Error> for bob's, which stays", async () => {
		await put(alice, `${alicePrefix}del-1`, '1');
		await put(alice, `${alicePrefix}del-2`, '2');
		const answer = await alice.send(
			new DeleteObjectsCommand({
				Bucket,
				Delete: {
					Objects: [
						{ Key: `${alicePrefix}del-1` },
						{ Key: `${bobPrefix}secret.json` },
						{ Key: `${alicePrefix}del-2` },
						{ Key: `${alicePrefix}a/../b` },
					],
				},
			}),
		);
		expect(answer.Deleted?.map((d) => d.Key).sort()).toEqual([
			`${alicePrefix}del-1`,
			`${alicePrefix}del-2`,
		]);
		expect(answer.Errors?.map((e) => [e.Key, e.Code])).toEqual([
			[`${bobPrefix}secret.json`, 'AccessDenied'],
			[`${alicePrefix}a/../b`, 'InvalidArgument'],
		]);
		expect((await bytesOf(bob, `${bobPrefix}secret.json`)).toString()).toBe('{"bob":true}');
		expect((await failureOf(bytesOf(alice, `${alicePrefix}del-1`))).name).toBe('NoSuchKey');
	});

	it('lists only the errors in quiet mode', async () => {
		await put(alice, `${alicePrefix}del-3`, '3');
		const answer = await alice.send(
			new DeleteObjectsCommand({
				Bucket,
				Delete: {
					Quiet: true,
					Objects: [{ Key: `${alicePrefix}del-3` }, { Key: `${bobPrefix}secret.json` }],
				},
			}),
		);
		expect(answer.Deleted ?? []).toEqual([]);
		expect(answer.Errors?.map((e) => e.Key)).toEqual([`${bobPrefix}secret.json`]);
	});

	it('requires Content-MD5 or a checksum, as S3 does', async () => {
		const body = `<Delete><Object><Key>${alicePrefix}x</Key></Object></Delete>`;
		const answer = await aliceRaw('POST', `/${Bucket}?delete`, {}, body);
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('Missing required header for this request: Content-MD5');
	});
});

describe('integrity (item 4)', () => {
	const key = `${alicePrefix}integrity.txt`;

	it.each([
		[
			'a Content-MD5 of other bytes',
			{ 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==' },
			'BadDigest',
			'The Content-MD5 you specified did not match what we received.',
		],
		[
			'a malformed Content-MD5',
			{ 'content-md5': 'not-md5' },
			'InvalidDigest',
			'The Content-MD5 you specified is not valid.',
		],
		[
			'a CRC32 of other bytes',
			{ 'x-amz-checksum-crc32': 'AAAAAA==' },
			'BadDigest',
			'The CRC32 you specified did not match the calculated checksum.',
		],
		[
			'a SHA256 of other bytes',
			{ 'x-amz-checksum-sha256': 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=' },
			'BadDigest',
			'The SHA256 you specified did not match the calculated checksum.',
		],
		[
			'a CRC32C that is not one',
			{ 'x-amz-checksum-crc32c': 'garbage' },
			'InvalidRequest',
			'Value for x-amz-checksum-crc32c header is invalid.',
		],
		[
			'two checksums',
			{ 'x-amz-checksum-crc32': 'NhCmhg==', 'x-amz-checksum-sha1': 'L7DSAd6mcW0kNu/UIiyfXpEWTkY=' },
			'InvalidRequest',
			'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
		],
	])('refuses %s with 400 %s and keeps the old object', async (_name, headers, code, message) => {
		await put(alice, key, 'old');
		const answer = await aliceRaw('PUT', `/${Bucket}/${key}`, headers, 'new data');
		expect(answer.status).toBe(400);
		expect(answer.body).toContain(`<Code>${code}</Code><Message>${message}</Message>`);
		expect((await bytesOf(alice, key)).toString()).toBe('old');
	});

	it('takes a right Content-MD5 and a right checksum', async () => {
		const answer = await aliceRaw(
			'PUT',
			`/${Bucket}/${key}`,
			{
				'content-md5': createHash('md5').update('hello world').digest('base64'),
				'x-amz-checksum-crc32': 'DUoRhQ==',
			},
			'hello world',
		);
		expect(answer.status).toBe(200);
		expect(answer.headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
	});
});

describe('ranges and conditional reads (item 5)', () => {
	const key = `${alicePrefix}range.txt`;
	let etag: string;
	let lastModified: Date;

	beforeAll(async () => {
		await put(alice, key, '0123456789');
		const head = await alice.send(new HeadObjectCommand({ Bucket, Key: key }));
		etag = head.ETag!;
		lastModified = head.LastModified!;
	});

	it.each([
		['bytes=-3', '789', 'bytes 7-9/10'],
		['bytes=2-4', '234', 'bytes 2-4/10'],
		['bytes=8-', '89', 'bytes 8-9/10'],
		['bytes=-30', '0123456789', 'bytes 0-9/10'],
		['bytes=5-100', '56789', 'bytes 5-9/10'],
	])('%s → %s', async (Range, text, contentRange) => {
		const got = await alice.send(new GetObjectCommand({ Bucket, Key: key, Range }));
		expect([await got.Body!.transformToString(), got.ContentRange]).toEqual([text, contentRange]);
	});

	it('answers a range past the end with 416 InvalidRange', async () => {
		expect(
			await failureOf(alice.send(new GetObjectCommand({ Bucket, Key: key, Range: 'bytes=10-' }))),
		).toMatchObject({ name: 'InvalidRange', status: 416 });
	});

	it.each([GetObjectCommand, HeadObjectCommand])(
		'%o: 412 for If-Match and If-Unmodified-Since that fail',
		async (Command) => {
			expect(
				await failureOf(alice.send(new Command({ Bucket, Key: key, IfMatch: '"0000"' }))),
			).toMatchObject({ status: 412 });
			expect(
				await failureOf(
					alice.send(
						new Command({
							Bucket,
							Key: key,
							IfUnmodifiedSince: new Date(lastModified.getTime() - 60_000),
						}),
					),
				),
			).toMatchObject({ status: 412 });
		},
	);

	it.each([GetObjectCommand, HeadObjectCommand])(
		'%o: 304 for If-None-Match and If-Modified-Since that match',
		async (Command) => {
			expect(
				await failureOf(alice.send(new Command({ Bucket, Key: key, IfNoneMatch: etag }))),
			).toMatchObject({ status: 304 });
			expect(
				await failureOf(
					alice.send(new Command({ Bucket, Key: key, IfModifiedSince: lastModified })),
				),
			).toMatchObject({ status: 304 });
		},
	);

	it('reads when every condition holds, and If-Match wins over a failing If-Unmodified-Since', async () => {
		const got = await alice.send(
			new GetObjectCommand({
				Bucket,
				Key: key,
				IfMatch: etag,
				IfUnmodifiedSince: new Date(lastModified.getTime() - 60_000),
				IfModifiedSince: new Date(lastModified.getTime() - 60_000),
			}),
		);
		expect(await got.Body!.transformToString()).toBe('0123456789');
	});
});

describe('list and error XML (item 9)', () => {
	it("lists in S3's namespace, counts common prefixes in KeyCount and echoes EncodingType=url", async () => {
		await put(alice, `${alicePrefix}xml/a b+ü.txt`, 'x');
		await put(alice, `${alicePrefix}xml/sub/1`, 'x');
		const prefix = encodeURIComponent(`${alicePrefix}xml/`);
		const answer = await aliceRaw(
			'GET',
			`/${Bucket}?list-type=2&prefix=${prefix}&delimiter=%2F&encoding-type=url`,
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(
			'<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
		);
		expect(answer.body).toContain('<KeyCount>2</KeyCount>');
		expect(answer.body).toContain('<EncodingType>url</EncodingType>');
		expect(answer.body).toContain(`<Key>${alicePrefix}xml/a%20b%2B%C3%BC.txt</Key>`);
		expect(answer.body).toContain(`<Prefix>${alicePrefix}xml/sub/</Prefix>`);
	});

	it('answers NoSuchKey with Key, RequestId and HostId', async () => {
		const answer = await aliceRaw('GET', `/${Bucket}/${alicePrefix}nothing-here`);
		expect(answer.status).toBe(404);
		expect(answer.body).toMatch(
			new RegExp(
				`<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${alicePrefix}nothing-here</Key><RequestId>[0-9A-F]{16}</RequestId><HostId>[A-Za-z0-9+/=]+</HostId>`,
			),
		);
		expect(answer.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
	});
});

describe('presigned URLs (item 6)', () => {
	it('GET and PUT through presigned URLs, fetched with fetch', async () => {
		const key = `${alicePrefix}presigned.txt`;
		const putUrl = await getSignedUrl(alice, new PutObjectCommand({ Bucket, Key: key }), {
			expiresIn: 300,
		});
		const uploaded = await fetch(putUrl, { method: 'PUT', body: 'via a presigned PUT' });
		expect(uploaded.status).toBe(200);
		const getUrl = await getSignedUrl(alice, new GetObjectCommand({ Bucket, Key: key }), {
			expiresIn: 300,
		});
		const got = await fetch(getUrl);
		expect([got.status, await got.text()]).toEqual([200, 'via a presigned PUT']);
	});

	it("applies the policy: a URL alice signs for bob's object is AccessDenied", async () => {
		const url = await getSignedUrl(
			alice,
			new GetObjectCommand({ Bucket, Key: `${bobPrefix}secret.json` }),
		);
		const answer = await fetch(url);
		expect(answer.status).toBe(403);
		expect(await answer.text()).toContain('is not authorized to perform: s3:GetObject');
		const putUrl = await getSignedUrl(
			alice,
			new PutObjectCommand({ Bucket, Key: `${bobPrefix}secret.json` }),
		);
		expect((await fetch(putUrl, { method: 'PUT', body: 'pwned' })).status).toBe(403);
		expect((await bytesOf(bob, `${bobPrefix}secret.json`)).toString()).toBe('{"bob":true}');
	});

	it('refuses a tampered URL (SignatureDoesNotMatch) and X-Amz-Expires over a week (AuthorizationQueryParametersError)', async () => {
		const url = new URL(
			await getSignedUrl(
				alice,
				new GetObjectCommand({ Bucket, Key: `${alicePrefix}presigned.txt` }),
			),
		);
		url.pathname = `/${Bucket}/${alicePrefix}other.txt`;
		const tampered = await fetch(url);
		expect([tampered.status, await tampered.text()]).toEqual([
			403,
			expect.stringContaining('<Code>SignatureDoesNotMatch</Code>'),
		]);
		url.searchParams.set('X-Amz-Expires', '604801');
		const tooLong = await fetch(url);
		expect(tooLong.status).toBe(400);
		expect(await tooLong.text()).toContain(
			'<Code>AuthorizationQueryParametersError</Code><Message>X-Amz-Expires must be less than a week (in seconds) that is 604800</Message>',
		);
	});

	it("refuses SigV2, header and query, with S3's message", async () => {
		const message =
			'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.';
		const header = await sendRaw(sandbox.awsEndpoint, {
			method: 'GET',
			path: `/${Bucket}/${alicePrefix}presigned.txt`,
			headers: {
				authorization: `AWS ${aliceCredentials.accessKeyId}:c2lnbmF0dXJl`,
				date: new Date().toUTCString(),
			},
		});
		const query = await sendRaw(sandbox.awsEndpoint, {
			method: 'GET',
			path: `/${Bucket}/${alicePrefix}presigned.txt?AWSAccessKeyId=${aliceCredentials.accessKeyId}&Expires=2000000000&Signature=c2ln`,
		});
		for (const answer of [header, query]) {
			expect(answer.status).toBe(400);
			expect(answer.body).toContain(`<Code>InvalidRequest</Code><Message>${message}</Message>`);
		}
	});

	// Moves the sandbox clock, and puts it back.
	it('refuses an expired URL ("Request has expired"), then one whose session expired (ExpiredToken)', async () => {
		const key = `${alicePrefix}presigned.txt`;
		const short = await getSignedUrl(alice, new GetObjectCommand({ Bucket, Key: key }), {
			expiresIn: 60,
		});
		const long = await getSignedUrl(alice, new GetObjectCommand({ Bucket, Key: key }), {
			expiresIn: 604_800,
		});
		sandbox.clock.advance(120_000);
		onTestFinished(() => sandbox.clock.reset());
		const expired = await fetch(short);
		expect(expired.status).toBe(403);
		expect(await expired.text()).toContain(
			'<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>60</X-Amz-Expires>',
		);
		expect((await fetch(long)).status).toBe(200);
		sandbox.clock.advance(aliceCredentials.expiration.getTime() - Date.now() + 60_000);
		const afterSession = await fetch(long);
		expect(afterSession.status).toBe(400);
		expect(await afterSession.text()).toContain(
			'<Code>ExpiredToken</Code><Message>The provided token has expired.</Message>',
		);
	});
});

describe('CORS for the app', () => {
	it('lets the app send checksum headers and read ETag, Content-Range and the checksum back', async () => {
		const origin = sandbox.config.appOrigins[0]!;
		const preflight = await fetch(`${sandbox.awsEndpoint}/${Bucket}/${alicePrefix}cors.txt`, {
			method: 'OPTIONS',
			headers: {
				origin,
				'access-control-request-method': 'PUT',
				'access-control-request-headers':
					'x-amz-checksum-crc32,x-amz-sdk-checksum-algorithm,content-md5',
			},
		});
		expect(preflight.status).toBe(200);
		expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
		expect(preflight.headers.get('access-control-allow-headers')).toBe(
			'x-amz-checksum-crc32, x-amz-sdk-checksum-algorithm, content-md5',
		);
		await put(alice, `${alicePrefix}cors.txt`, 'cors');
		const url = await getSignedUrl(
			alice,
			new GetObjectCommand({ Bucket, Key: `${alicePrefix}cors.txt` }),
		);
		const got = await fetch(url, { headers: { origin, range: 'bytes=0-1' } });
		expect([got.status, await got.text()]).toEqual([206, 'co']);
		const exposed = (got.headers.get('access-control-expose-headers') ?? '').split(', ');
		expect(exposed).toEqual(
			expect.arrayContaining(['ETag', 'Content-Range', 'x-amz-checksum-crc64nvme']),
		);
	});
});
