import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { IMMUTABLE, REVALIDATE, planDeploy, readSite } from '../../scripts/deploy/plan';
import { applyPlan, listRemote } from '../../scripts/deploy/sync';
import { assumePlayerRole, clientsFor, startTestSandbox } from './gateway-clients';

/*
 * The deploy's S3 sync against the sandbox's S3, through the authorizing gateway. The sandbox has no site
 * bucket or deployer identity, so the site goes under alice's own prefix of the game-data bucket, with her
 * player credentials: the same ListObjectsV2 / PutObject / DeleteObject calls a real deploy makes, signed by
 * the real SDK, with the prefix option a path-prefixed deploy uses.
 */

let sandbox: Sandbox;
let s3: S3Client;
let site: string;
const bucket = 'fedplay-game-data';
const prefix = 'players/oidc1/alice/site/';

async function writeSite(files: Record<string, string>): Promise<void> {
	await rm(site, { recursive: true, force: true });
	for (const [key, text] of Object.entries(files)) {
		await mkdir(join(site, key, '..'), { recursive: true });
		await writeFile(join(site, key), text);
	}
}

async function sync(): Promise<ReturnType<typeof planDeploy>> {
	const files = await readSite(site);
	const plan = planDeploy(files, await listRemote(s3, bucket, prefix));
	await applyPlan(s3, bucket, plan, files, () => {}, prefix);
	return plan;
}

beforeAll(async () => {
	sandbox = await startTestSandbox();
	s3 = clientsFor(sandbox, await assumePlayerRole(sandbox, 'alice')).s3;
	site = await mkdtemp(join(tmpdir(), 'fedplay-site-'));
});

afterAll(async () => {
	s3?.destroy();
	await sandbox?.close();
	await rm(site, { recursive: true, force: true });
});

describe('deploy sync against the sandbox S3', () => {
	it('uploads a first build with content types and cache headers', async () => {
		await writeSite({
			'index.html': '<!doctype html><title>v1</title>',
			'assets/index-AAAAAAAA.js': 'console.log(1)',
			'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
		});
		const plan = await sync();
		expect(plan.uploads.map((u) => u.key)).toEqual([
			'assets/index-AAAAAAAA.js',
			'favicon.svg',
			'index.html',
		]);
		const asset = await s3.send(
			new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}assets/index-AAAAAAAA.js` }),
		);
		expect(asset.CacheControl).toBe(IMMUTABLE);
		expect(asset.ContentType).toBe('text/javascript; charset=utf-8');
		const index = await s3.send(
			new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}index.html` }),
		);
		expect(index.CacheControl).toBe(REVALIDATE);
		expect(index.ContentType).toBe('text/html; charset=utf-8');
	});

	it('finds nothing to do when the build has not changed (ETags match the MD5s)', async () => {
		const plan = await sync();
		expect(plan.uploads).toEqual([]);
		expect(plan.deletes).toEqual([]);
		expect(plan.unchanged).toHaveLength(3);
	});

	it('uploads only what changed, removes stale files and names what to invalidate', async () => {
		await writeSite({
			'index.html': '<!doctype html><title>v2</title>',
			'assets/index-BBBBBBBB.js': 'console.log(2)',
			'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
		});
		const plan = await sync();
		expect(plan.uploads.map((u) => [u.key, u.reason])).toEqual([
			['assets/index-BBBBBBBB.js', 'new'],
			['index.html', 'changed'],
		]);
		expect(plan.deletes).toEqual(['assets/index-AAAAAAAA.js']);
		expect(plan.invalidations).toEqual(['/', '/index.html']);
		const remote = (await listRemote(s3, bucket, prefix)).map((o) => o.key).sort();
		expect(remote).toEqual(['assets/index-BBBBBBBB.js', 'favicon.svg', 'index.html']);
		const body = await s3.send(
			new GetObjectCommand({ Bucket: bucket, Key: `${prefix}index.html` }),
		);
		expect(await body.Body?.transformToString()).toContain('v2');
	});
});
