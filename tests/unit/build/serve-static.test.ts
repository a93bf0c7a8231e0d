import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	contentSecurityPolicy,
	pickEncoding,
	serveStatic,
	type StaticServer,
} from '../../../scripts/serve-static';

let root: string;
/** Over CloudFront's 1,000-byte floor for compression. */
const BIG = `export const words = ${JSON.stringify('fedplay '.repeat(400))};\n`;
let server: StaticServer;
const config = {
	region: 'us-east-1',
	endpoint: 'http://localhost:4566',
	providers: [{ issuer: 'http://localhost:4000' }, { issuer: 'http://localhost:4001/' }],
};

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'fedplay-static-'));
	await mkdir(join(root, 'assets'));
	await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
	await writeFile(join(root, 'assets', 'index-AbCdEf12.js'), 'export {};');
	await writeFile(join(root, 'assets', 'index-AbCdEf12.css'), 'body{}');
	await writeFile(join(root, 'assets', 'big-AbCdEf12.js'), BIG);
	await writeFile(join(root, 'assets', 'picture-AbCdEf12.png'), BIG);
	await writeFile(join(root, 'favicon.svg'), '<svg/>');
	await writeFile(join(root, 'silent-callback.html'), '<!doctype html><title>silent</title>');
	await writeFile(join(root, 'config.json'), '{"from":"file"}');
	server = await serveStatic({ root, port: 0, config, basePath: '/games/fedplay/' });
});

afterAll(async () => {
	await server.close();
	await rm(root, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(new URL(path, server.origin), init);

describe('serveStatic', () => {
	it.each([
		['/games/fedplay/', 200, 'text/html'],
		['/games/fedplay/index.html', 200, 'text/html'],
		['/games/fedplay/assets/index-AbCdEf12.js', 200, 'text/javascript'],
		['/games/fedplay/assets/index-AbCdEf12.css', 200, 'text/css'],
		['/games/fedplay/favicon.svg', 200, 'image/svg+xml'],
		['/games/fedplay/callback?code=x&state=y', 200, 'text/html'],
		['/games/fedplay/assets/missing-12345678.js', 404, 'text/plain'],
		['/games/fedplay/missing.png', 404, 'text/plain'],
		['/elsewhere/index.html', 404, 'text/plain'],
		['/games/fedplay/..%2f..%2fetc%2fpasswd', 404, 'text/plain'],
	])('answers %s with %i %s', async (path, status, type) => {
		const response = await get(path);
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toContain(type);
	});

	it('redirects the base path without its slash', async () => {
		const response = await get('/games/fedplay', { redirect: 'manual' });
		expect(response.status).toBe(308);
		expect(response.headers.get('location')).toBe('/games/fedplay/');
	});

	it('sends the security headers with every page', async () => {
		const response = await get('/games/fedplay/callback');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self';");
		expect(csp).toContain(
			"connect-src 'self' http://localhost:4000 http://localhost:4001 http://localhost:4566;",
		);
		expect(csp).toContain('report-uri /games/fedplay/__csp-report');
		expect(csp).not.toContain('unsafe');
	});

	it.each([
		['/games/fedplay/silent-callback.html', "frame-ancestors 'self'", 'SAMEORIGIN'],
		['/games/fedplay/', "frame-ancestors 'none'", 'DENY'],
		['/games/fedplay/callback', "frame-ancestors 'none'", 'DENY'],
	])('lets the app frame only the silent renew page: %s gets %s', async (path, ancestors, xfo) => {
		const response = await get(path);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-security-policy')).toContain(`${ancestors};`);
		expect(response.headers.get('x-frame-options')).toBe(xfo);
	});

	it('serves the config object instead of the file, uncached, and can swap it', async () => {
		const first = await get('/games/fedplay/config.json');
		expect(first.headers.get('cache-control')).toBe('no-store');
		expect(await first.json()).toEqual(config);
		server.setConfig({ broken: true });
		expect(await (await get('/games/fedplay/config.json')).json()).toEqual({ broken: true });
		server.setConfig(config);
	});

	it('marks hashed assets immutable and the page no-cache', async () => {
		expect(
			(await get('/games/fedplay/assets/index-AbCdEf12.js')).headers.get('cache-control'),
		).toContain('immutable');
		expect((await get('/games/fedplay/')).headers.get('cache-control')).toBe('no-cache');
	});

	it('records CSP violation reports and lists them', async () => {
		const report = { 'csp-report': { 'violated-directive': 'script-src' } };
		const posted = await get('/games/fedplay/__csp-report', {
			method: 'POST',
			headers: { 'content-type': 'application/csp-report' },
			body: JSON.stringify(report),
		});
		expect(posted.status).toBe(204);
		expect(server.cspReports).toContainEqual(report);
		expect(await (await get('/games/fedplay/__csp-report')).json()).toContainEqual(report);
	});
});

describe('contentSecurityPolicy', () => {
	it('allows the regional AWS endpoints when no endpoint override is configured', () => {
		const csp = contentSecurityPolicy({
			region: 'eu-west-1',
			providers: [{ issuer: 'https://accounts.google.com' }],
		});
		expect(csp).toContain(
			"connect-src 'self' https://accounts.google.com https://sts.eu-west-1.amazonaws.com",
		);
		expect(csp).toContain("frame-src 'self' https://accounts.google.com;");
		expect(csp).toContain("script-src 'self';");
		expect(csp).toContain("form-action 'self';");
	});

	it('lets the app fetch an OAuth 2.0 provider’s API, without framing it or trusting its login page', () => {
		const csp = contentSecurityPolicy({
			region: 'us-east-1',
			providers: [{ issuer: 'https://accounts.google.com' }],
			oauth2Providers: [
				{
					authorizationEndpoint: 'https://www.amazon.com/ap/oa',
					tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
					profileEndpoint: 'https://api.amazon.com/user/profile',
					tokenInfoEndpoint: 'not a url',
				},
			],
		});
		expect(csp).toContain(
			"connect-src 'self' https://accounts.google.com https://api.amazon.com https://sts.us-east-1.amazonaws.com",
		);
		expect(csp).toContain("frame-src 'self' https://accounts.google.com;");
		expect(csp).not.toContain('www.amazon.com');
	});

	it('frames only its own pages (the silent renew page) when there is no provider', () => {
		expect(contentSecurityPolicy(undefined)).toContain("frame-src 'self';");
	});
});

/** A raw GET (fetch would decode the body and hide the encoding). */
function rawGet(
	path: string,
	acceptEncoding?: string,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request(
			new URL(path, server.origin),
			{ headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
			},
		);
		req.on('error', reject);
		req.end();
	});
}

describe('compression, as CloudFront with Compress: true', () => {
	const js = '/games/fedplay/assets/big-AbCdEf12.js';

	it('sends brotli when the browser accepts it, and says the answer varies', async () => {
		const { headers, body } = await rawGet(js, 'gzip, deflate, br, zstd');
		expect(headers['content-encoding']).toBe('br');
		expect(headers.vary).toBe('Accept-Encoding');
		expect(Number(headers['content-length'])).toBe(body.length);
		expect(brotliDecompressSync(body).toString()).toBe(BIG);
	});

	it('sends gzip to a client without brotli', async () => {
		const { headers, body } = await rawGet(js, 'gzip');
		expect(headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(body).toString()).toBe(BIG);
	});

	it('sends the bytes as they are without Accept-Encoding, still varying on it', async () => {
		const { headers, body } = await rawGet(js);
		expect(headers['content-encoding']).toBeUndefined();
		expect(headers.vary).toBe('Accept-Encoding');
		expect(body.toString()).toBe(BIG);
	});

	it.each([
		['a file under 1,000 bytes', '/games/fedplay/assets/index-AbCdEf12.js'],
		['a type CloudFront does not compress', '/games/fedplay/assets/picture-AbCdEf12.png'],
	])('leaves %s uncompressed', async (_what, path) => {
		const { headers } = await rawGet(path, 'br, gzip');
		expect(headers['content-encoding']).toBeUndefined();
	});

	it.each([
		['gzip, deflate, br', 'br'],
		['br;q=0, gzip', 'gzip'],
		['GZIP', 'gzip'],
		['*', 'br'],
		['identity', null],
		['', null],
		['gzip;q=0', null],
	])('picks the encoding for Accept-Encoding "%s": %s', (header, expected) => {
		expect(pickEncoding(header)).toBe(expected);
	});
});
