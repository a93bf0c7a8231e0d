/**
 * Issue 11: a session policy full of `*`, passed to AssumeRoleWithWebIdentity, and one request with a long key
 * used to block the sandbox's event loop for minutes — every player's requests, every service. Here alice sends
 * such requests while bob reads his profile at the same time: alice is refused by her session policy, as AWS
 * would, bob is answered. The sandbox runs in this process, so a blocked event loop would stall the test itself
 * until its timeout: the timeout is the guard, not a speed assertion.
 */
import {
	GetObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { playerPrefix } from '../../src/lib/config/data-layout';
import {
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';

const Bucket = 'fedplay-game-data';
const BUCKET_ARN = `arn:aws:s3:::${Bucket}`;
/** STS: a session policy of at most 2,048 characters. S3: keys of at most 1,024 bytes. */
const MAX_SESSION_POLICY = 2048;
const MAX_S3_KEY = 1024;
const HANG_GUARD_MS = 60_000;
/** The folders the player role grants alice and bob (README, "Security model": the data layout). */
const ALICE = playerPrefix({ segment: 'oidc1', id: 'alice' });
const BOB_PROFILE = `${playerPrefix({ segment: 'oidc1', id: 'bob' })}profile.json`;

let sandbox: Sandbox;
let bob: PlayerClients;
const opened: PlayerClients[] = [];

beforeAll(async () => {
	sandbox = await startTestSandbox();
	bob = await playerClients(sandbox, 'bob');
	await bob.s3.send(new PutObjectCommand({ Bucket, Key: BOB_PROFILE, Body: '{"name":"bob"}' }));
});

afterAll(async () => {
	destroyClients(bob, ...opened);
	await sandbox?.close();
});

type Statement = Record<string, unknown>;
const policyOf = (statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });

/** `build(stars)` with `*a` repeated as often as fits a 2,048-character session policy (at least 12 times). */
function manyWildcards(build: (stars: string) => Statement, largest: boolean): object {
	let count = 12;
	const fits = (n: number) =>
		JSON.stringify(policyOf([build('*a'.repeat(n))])).length <= MAX_SESSION_POLICY;
	while (largest && fits(count + 1)) count++;
	return policyOf([build('*a'.repeat(count))]);
}

const objects = (stars: string): Statement => ({
	Effect: 'Allow',
	Action: ['s3:GetObject', 's3:PutObject'],
	Resource: `${BUCKET_ARN}/${ALICE}${stars}*b`,
});
const listing = (stars: string): Statement => ({
	Effect: 'Allow',
	Action: 's3:ListBucket',
	Resource: BUCKET_ARN,
	Condition: { StringLike: { 's3:prefix': `${ALICE}${stars}*b` } },
});

/**
 * The longest key S3 allows under alice's folder, `a`s ending in `last`. A `/` every 100 characters: the
 * sandbox refuses a key segment longer than a file name (255 bytes; S3 itself does not care).
 */
function longKey(last = 'a'): string {
	let key = ALICE;
	while (key.length < MAX_S3_KEY - 1) key += key.length % 100 === 99 ? '/' : 'a';
	return `${key}${last}`;
}

async function aliceUnder(policy: object): Promise<S3Client> {
	const alice = await playerClients(sandbox, 'alice', policy);
	opened.push(alice);
	return alice.s3;
}

async function bobReadsHisProfile(): Promise<string> {
	const got = await bob.s3.send(new GetObjectCommand({ Bucket, Key: BOB_PROFILE }));
	return got.Body!.transformToString();
}

const denied = (action: string, resource: string) => ({
	name: 'AccessDenied',
	status: 403,
	message: `User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: ${action} on resource: "${resource}" because no session policy allows the ${action} action`,
});

/** One hostile request of alice's: the session policy shape it meets, the call, and AWS's refusal. */
interface Attack {
	policy: (stars: string) => Statement;
	send: (alice: S3Client) => Promise<unknown>;
	refusal: ReturnType<typeof denied>;
}
const longGet: Attack = {
	policy: objects,
	send: (alice) => alice.send(new GetObjectCommand({ Bucket, Key: longKey() })),
	refusal: denied('s3:GetObject', `${BUCKET_ARN}/${longKey()}`),
};
const longList: Attack = {
	policy: listing,
	send: (alice) => alice.send(new ListObjectsV2Command({ Bucket, Prefix: longKey() })),
	refusal: denied('s3:ListBucket', BUCKET_ARN),
};
const GET = 'GetObject on a 1,024-byte key';
const LIST = 'ListObjectsV2 with a 1,024-byte prefix';
const DOZEN = 'the issue’s dozen `*`';
const LARGEST = 'a 2,048-character policy of `*`';

describe('a session policy full of wildcards freezes nobody', () => {
	it.each<[string, string, boolean, Attack]>([
		[GET, DOZEN, false, longGet],
		[GET, LARGEST, true, longGet],
		[LIST, DOZEN, false, longList],
		[LIST, LARGEST, true, longList],
	])(
		'%s under %s is refused while bob is answered',
		{ timeout: HANG_GUARD_MS },
		async (_request, _shape, largest, { policy, send, refusal }) => {
			const alice = await aliceUnder(manyWildcards(policy, largest));
			const [refused, bobsProfile] = await Promise.all([
				failureOf(send(alice)),
				bobReadsHisProfile(),
			]);
			expect(refused).toEqual(refusal);
			expect(bobsProfile).toBe('{"name":"bob"}');
		},
	);

	it(
		'still allows the 1,024-byte key the policy does match, and reads it back',
		{ timeout: HANG_GUARD_MS },
		async () => {
			const alice = await aliceUnder(manyWildcards(objects, true));
			const Key = longKey('b');
			await alice.send(new PutObjectCommand({ Bucket, Key, Body: 'long' }));
			const got = await alice.send(new GetObjectCommand({ Bucket, Key }));
			expect(await got.Body!.transformToString()).toBe('long');
			expect(await bobReadsHisProfile()).toBe('{"name":"bob"}');
		},
	);
});
