/**
 * Issue 13, S3 with an independent client: Debian's AWS CLI v2 (botocore, its own signer, its own
 * multipart and pagination logic) drives the sandbox's S3 as a player would, signed with alice's temporary
 * credentials from the sandbox's STS: `s3 cp` of a small and a 9 MiB (multipart) file, `s3 ls` in pages of
 * 2, `s3 sync` both ways, `s3 presign` fetched with fetch, conditional reads with `s3api`, copies and
 * DeleteObjects — and bob's keys out of reach through each of them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	awsCliMissing,
	runAwsCli,
	serviceError,
	type AwsCliResult,
	type AwsCliTarget,
} from './aws-cli';
import { assumePlayerRole, startTestSandbox } from './gateway-clients';

const Bucket = 'fedplay-game-data';
const mine = `s3://${Bucket}/players/oidc1/alice`;
const his = `s3://${Bucket}/players/oidc1/bob`;
const MiB = 1024 * 1024;

let sandbox: Sandbox;
let alice: AwsCliTarget;
let bob: AwsCliTarget;
let dir: string;

const aws = (target: AwsCliTarget, ...args: string[]) =>
	runAwsCli(target, args, { cwd: dir, timeoutMs: 90_000 });

/** `aws s3api <operation> --bucket … --key <key> …`, for the calls on one object. */
const s3api = (target: AwsCliTarget, operation: string, key: string, ...args: string[]) =>
	aws(target, 's3api', operation, '--bucket', Bucket, '--key', key, ...args);

/** A file of the working folder, as text. */
const local = (name: string) => readFileSync(join(dir, name), 'utf8');

function ok(result: AwsCliResult): void {
	expect(result.stderr).toBe('');
	expect(result.exitCode).toBe(0);
}

/** S3 answered with an error (the CLI's exit code 254) that says `text`. */
function refused(result: AwsCliResult, text: string): void {
	expect(result.exitCode).toBe(254);
	expect(result.stderr).toContain(text);
}

describe.skipIf(awsCliMissing() !== null)('the AWS CLI on S3', { timeout: 180_000 }, () => {
	beforeAll(async () => {
		sandbox = await startTestSandbox();
		const target = (credentials: AwsCliTarget['credentials']) => ({
			endpoint: sandbox.awsEndpoint,
			region: sandbox.config.region,
			credentials,
		});
		alice = target(await assumePlayerRole(sandbox, 'alice'));
		bob = target(await assumePlayerRole(sandbox, 'bob'));
		dir = mkdtempSync(join(tmpdir(), 'fedplay-cli-s3-'));
		writeFileSync(join(dir, 'small.txt'), 'a small save\n');
		writeFileSync(
			join(dir, 'big.bin'),
			Buffer.from(Array.from({ length: 9 * MiB }, (_, i) => (i * 31) % 251)),
		);
		writeFileSync(join(dir, 'bob.txt'), "bob's\n");
		ok(await aws(bob, 's3', 'cp', 'bob.txt', `${his}/secret.txt`));
	});

	afterAll(async () => {
		if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
		await sandbox?.close();
	});

	it('s3 cp: a small file up and down, byte for byte', async () => {
		ok(await aws(alice, 's3', 'cp', 'small.txt', `${mine}/small.txt`));
		ok(await aws(alice, 's3', 'cp', `${mine}/small.txt`, 'small.back'));
		expect(local('small.back')).toBe('a small save\n');
	});

	it('s3 cp: 9 MiB goes multipart (two parts) and comes back identical', async () => {
		ok(await aws(alice, 's3', 'cp', 'big.bin', `${mine}/big.bin`));
		const head = await s3api(alice, 'head-object', 'players/oidc1/alice/big.bin');
		ok(head);
		expect((head.json as { ETag: string }).ETag).toMatch(/-2"$/);
		ok(await aws(alice, 's3', 'cp', `${mine}/big.bin`, 'big.back'));
		expect(readFileSync(join(dir, 'big.back')).equals(readFileSync(join(dir, 'big.bin')))).toBe(
			true,
		);
	});

	it('s3 ls --page-size 2 lists every key of a folder of 7', async () => {
		mkdirSync(join(dir, 'ls'));
		for (const name of ['1', '2', '3', '4', '5', '6', '7']) {
			writeFileSync(join(dir, 'ls', `${name}.txt`), name);
		}
		ok(await aws(alice, 's3', 'cp', 'ls', `${mine}/ls/`, '--recursive'));
		const listed = await aws(alice, 's3', 'ls', `${mine}/ls/`, '--page-size', '2');
		ok(listed);
		const names = listed.stdout
			.trim()
			.split('\n')
			.map((line) => line.split(/\s+/).at(-1));
		expect(names).toEqual(['1.txt', '2.txt', '3.txt', '4.txt', '5.txt', '6.txt', '7.txt']);
	});

	it('s3 sync: a folder up, then down into an empty one, identical', async () => {
		const up = join(dir, 'up');
		mkdirSync(join(up, 'nested'), { recursive: true });
		writeFileSync(join(up, 'a.json'), '{"a":1}');
		writeFileSync(join(up, 'nested', 'b.json'), '{"b":2}');
		// S3's LastModified has whole seconds, and `aws s3 sync` uploads again a local file newer than the
		// object: files written in the same second as their upload would look newer (as against AWS).
		const earlier = new Date(Date.now() - 5_000);
		for (const file of [join(up, 'a.json'), join(up, 'nested', 'b.json')]) {
			utimesSync(file, earlier, earlier);
		}
		ok(await aws(alice, 's3', 'sync', 'up', `${mine}/synced/`, '--page-size', '2'));
		ok(await aws(alice, 's3', 'sync', `${mine}/synced/`, 'down', '--page-size', '2'));
		expect(local(join('down', 'a.json'))).toBe('{"a":1}');
		expect(local(join('down', 'nested', 'b.json'))).toBe('{"b":2}');
		// A second sync finds nothing to do.
		const again = await aws(alice, 's3', 'sync', 'up', `${mine}/synced/`);
		ok(again);
		expect(again.stdout).toBe('');
	});

	it("s3 presign: the URL fetches the object; one for bob's key is AccessDenied", async () => {
		const presigned = await aws(alice, 's3', 'presign', `${mine}/small.txt`, '--expires-in', '300');
		ok(presigned);
		const got = await fetch(presigned.stdout.trim());
		expect([got.status, await got.text()]).toEqual([200, 'a small save\n']);
		const theirs = await aws(alice, 's3', 'presign', `${his}/secret.txt`);
		ok(theirs);
		const refused = await fetch(theirs.stdout.trim());
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('not authorized to perform: s3:GetObject');
	});

	it('s3api get-object / head-object with --if-match and --if-unmodified-since', async () => {
		const key = 'players/oidc1/alice/small.txt';
		const head = await s3api(alice, 'head-object', key);
		ok(head);
		const { ETag, LastModified } = head.json as { ETag: string; LastModified: string };
		ok(await s3api(alice, 'get-object', key, '--if-match', ETag, 'cond.out'));
		expect(local('cond.out')).toBe('a small save\n');
		refused(
			await s3api(alice, 'get-object', key, '--if-match', '"0000"', 'cond2.out'),
			serviceError(
				'PreconditionFailed',
				'GetObject',
				'At least one of the pre-conditions you specified did not hold',
			),
		);
		const past = new Date(Date.parse(LastModified) - 3600_000).toISOString();
		refused(await s3api(alice, 'head-object', key, '--if-unmodified-since', past), '(412)');
		ok(await s3api(alice, 'head-object', key, '--if-unmodified-since', LastModified));
		refused(await s3api(alice, 'head-object', key, '--if-none-match', ETag), '(304)');
	});

	it("copies within her folder (s3 cp and s3api copy-object), never from or into bob's", async () => {
		ok(await aws(alice, 's3', 'cp', `${mine}/small.txt`, `${mine}/copied.txt`));
		const copyObject = (key: string, source: string) =>
			s3api(alice, 'copy-object', key, '--copy-source', `${Bucket}/${source}`);
		ok(await copyObject('players/oidc1/alice/copied2.txt', 'players/oidc1/alice/small.txt'));
		ok(await aws(alice, 's3', 'cp', `${mine}/copied2.txt`, 'copied.back'));
		expect(local('copied.back')).toBe('a small save\n');
		const steal = await copyObject(
			'players/oidc1/alice/stolen.txt',
			'players/oidc1/bob/secret.txt',
		);
		refused(steal, '(AccessDenied)');
		expect(steal.stderr).toContain(
			's3:GetObject on resource: "arn:aws:s3:::fedplay-game-data/players/oidc1/bob/secret.txt"',
		);
		const plant = await aws(alice, 's3', 'cp', `${mine}/small.txt`, `${his}/planted.txt`);
		expect(plant.exitCode).not.toBe(0);
		expect(plant.stderr).toContain('AccessDenied');
	});

	it("delete-objects: hers deleted, bob's an AccessDenied error and still there", async () => {
		ok(await aws(alice, 's3', 'cp', 'small.txt', `${mine}/gone-1.txt`));
		const answer = await aws(
			alice,
			's3api',
			'delete-objects',
			'--bucket',
			Bucket,
			'--delete',
			JSON.stringify({
				Objects: [
					{ Key: 'players/oidc1/alice/gone-1.txt' },
					{ Key: 'players/oidc1/bob/secret.txt' },
				],
			}),
		);
		ok(answer);
		expect(answer.json).toMatchObject({
			Deleted: [{ Key: 'players/oidc1/alice/gone-1.txt' }],
			Errors: [
				{ Key: 'players/oidc1/bob/secret.txt', Code: 'AccessDenied', Message: 'Access Denied' },
			],
		});
		ok(await aws(bob, 's3', 'cp', `${his}/secret.txt`, 'bob.back'));
		expect(local('bob.back')).toBe("bob's\n");
		// s3 rm --recursive pages through the listing and deletes in batches (DeleteObjects).
		ok(await aws(alice, 's3', 'rm', `${mine}/ls/`, '--recursive', '--page-size', '2'));
		const left = await aws(alice, 's3', 'ls', `${mine}/ls/`);
		expect(left.stdout).toBe('');
	});

	it("lists nothing of bob's and cannot list multipart uploads", async () => {
		const theirs = await aws(alice, 's3', 'ls', `${his}/`);
		expect(theirs.exitCode).not.toBe(0);
		expect(theirs.stderr).toContain('AccessDenied');
		const uploads = await aws(
			alice,
			's3api',
			'list-multipart-uploads',
			'--bucket',
			Bucket,
			'--prefix',
			'players/oidc1/bob/',
		);
		refused(uploads, 's3:ListBucketMultipartUploads');
	});
});
