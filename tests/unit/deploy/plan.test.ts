import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	IMMUTABLE,
	REVALIDATE,
	cacheControlFor,
	contentTypeFor,
	formatPlan,
	planDeploy,
	type LocalFile,
} from '../../../scripts/deploy/plan';

function file(key: string, text: string): LocalFile {
	const body = Buffer.from(text);
	return { key, body, md5: createHash('md5').update(body).digest('hex') };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('deploy planning', () => {
	it.each([
		['assets/index-B3xk9_aQ.js', IMMUTABLE, 'text/javascript; charset=utf-8'],
		['assets/index-Cq1-2zzz.css', IMMUTABLE, 'text/css; charset=utf-8'],
		['index.html', REVALIDATE, 'text/html; charset=utf-8'],
		['config.json', REVALIDATE, 'application/json; charset=utf-8'],
		['favicon.svg', REVALIDATE, 'image/svg+xml'],
		['assets/logo.svg', REVALIDATE, 'image/svg+xml'],
		['weird.bin', REVALIDATE, 'application/octet-stream'],
	])('gives %s cache-control %s and content-type %s', (key, cache, type) => {
		expect(cacheControlFor(key)).toBe(cache);
		expect(contentTypeFor(key)).toBe(type);
	});

	it('uploads new and changed files, keeps identical ones, and deletes stale ones', () => {
		const local = [
			file('index.html', '<html>v2</html>'),
			file('assets/index-AAAAAAAA.js', 'js'),
			file('favicon.svg', '<svg/>'),
		];
		const remote = [
			{ key: 'index.html', etag: `"${md5('<html>v1</html>')}"` },
			{ key: 'favicon.svg', etag: `"${md5('<svg/>')}"` },
			{ key: 'assets/index-OLDOLDOL.js', etag: '"x"' },
			{ key: 'config.json', etag: '"y"' },
		];
		const plan = planDeploy(local, remote);
		expect(plan.uploads.map((u) => [u.key, u.reason])).toEqual([
			['assets/index-AAAAAAAA.js', 'new'],
			['index.html', 'changed'],
		]);
		expect(plan.unchanged).toEqual(['favicon.svg']);
		// config.json is written by the deploy from the stack outputs, never removed as "stale".
		expect(plan.deletes).toEqual(['assets/index-OLDOLDOL.js']);
		expect(plan.invalidations).toEqual(['/', '/index.html']);
	});

	it('uploads index.html after every asset it names', () => {
		const plan = planDeploy(
			[file('index.html', 'a'), file('robots.txt', 'b'), file('assets/app-12345678.js', 'c')],
			[],
		);
		expect(plan.uploads.map((u) => u.key)).toEqual([
			'assets/app-12345678.js',
			'robots.txt',
			'index.html',
		]);
	});

	it('invalidates nothing when only new hashed assets are added', () => {
		const plan = planDeploy([file('assets/app-12345678.js', 'c')], []);
		expect(plan.invalidations).toEqual([]);
		expect(formatPlan(plan)).toContain('invalidate: nothing');
	});

	it('invalidates a changed or deleted stable name but never a hashed one', () => {
		const plan = planDeploy(
			[file('favicon.svg', 'new')],
			[
				{ key: 'favicon.svg', etag: md5('old') },
				{ key: 'robots.txt', etag: md5('x') },
				{ key: 'assets/app-12345678.js', etag: md5('y') },
			],
		);
		expect(plan.invalidations).toEqual(['/favicon.svg', '/robots.txt']);
		expect(plan.deletes).toEqual(['assets/app-12345678.js', 'robots.txt']);
	});
});
