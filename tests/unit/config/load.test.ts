/* eslint-disable @typescript-eslint/no-explicit-any -- the tests corrupt config documents field by field */
import { describe, expect, it } from 'vitest';
import { keepConfig, keptConfig, loadConfig, parseConfig } from '../../../src/lib/config/load';

const provider = (over: Record<string, unknown> = {}) => ({
	id: 'fedplay-id',
	displayName: 'Fedplay ID',
	issuer: 'http://localhost:4000',
	clientId: 'fedplay-web',
	scopes: 'openid profile email',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	dataSegment: 'oidc1',
	...over,
});

const valid = () => ({
	region: 'us-east-1',
	endpoint: 'http://localhost:4566',
	accountId: '123456789012',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers: [
		provider(),
		provider({
			id: 'arcade-id',
			displayName: 'Arcade ID',
			issuer: 'http://localhost:4001',
			roleArn: 'arn:aws:iam::123456789012:role/fedplay-player-arcade',
			dataSegment: 'oidc2',
		}),
	],
});

function withField(path: (c: ReturnType<typeof valid>) => void) {
	const config = valid();
	path(config);
	return config;
}

describe('parseConfig', () => {
	it('accepts the sandbox config and fills in durations', () => {
		const result = parseConfig(valid());
		expect(result.ok && result.config).toMatchObject({
			durationSeconds: 3600,
			refreshThresholdSeconds: 300,
			providers: [{ id: 'fedplay-id' }, { id: 'arcade-id' }],
		});
	});

	it('accepts a production config over https without endpoint or account id', () => {
		const config: Record<string, unknown> = withField((c) => {
			c.providers = [provider({ issuer: 'https://accounts.google.com' })];
		});
		delete config.endpoint;
		delete config.accountId;
		expect(parseConfig(config).ok).toBe(true);
	});

	it.each([
		['region', (c: any) => (c.region = 'us-east'), '"us-east"'],
		['region', (c: any) => delete c.region, 'missing'],
		['endpoint', (c: any) => (c.endpoint = 'http://example.com'), '"http://example.com"'],
		['accountId', (c: any) => (c.accountId = '1234'), '"1234"'],
		['durationSeconds', (c: any) => (c.durationSeconds = 600), '600'],
		['durationSeconds', (c: any) => (c.durationSeconds = 43_201), '43201'],
		['durationSeconds', (c: any) => (c.durationSeconds = '3600'), '"3600"'],
		['refreshThresholdSeconds', (c: any) => (c.refreshThresholdSeconds = 1.5), '1.5'],
		['bucket', (c: any) => (c.bucket = 'Bad_Bucket'), '"Bad_Bucket"'],
		['table', (c: any) => (c.table = 'x'), '"x"'],
		['providers', (c: any) => (c.providers = []), 'a list of 0 items'],
		['providers', (c: any) => (c.providers = {}), 'an object'],
		['providers[0]', (c: any) => (c.providers[0] = null), 'null'],
		['providers[0].id', (c: any) => (c.providers[0].id = 'Has Spaces'), '"Has Spaces"'],
		['providers[1].id', (c: any) => (c.providers[1].id = 'fedplay-id'), '"fedplay-id"'],
		['providers[0].displayName', (c: any) => (c.providers[0].displayName = '  '), '""'],
		['providers[1].issuer', (c: any) => (c.providers[1].issuer = 'not a url'), '"not a url"'],
		[
			'providers[1].issuer',
			(c: any) => (c.providers[1].issuer = 'http://idp.example.com'),
			'"http://idp.example.com"',
		],
		['providers[0].clientId', (c: any) => delete c.providers[0].clientId, 'missing'],
		[
			'providers[0].scopes',
			(c: any) => (c.providers[0].scopes = 'profile email'),
			'"profile email"',
		],
		[
			'providers[1].roleArn',
			(c: any) => (c.providers[1].roleArn = 'arn:aws:iam::123:role/x'),
			'"arn:aws:iam::123:role/x"',
		],
		[
			'providers[1].roleArn',
			(c: any) => (c.providers[1].roleArn = 'arn:aws:iam::123456789012:user/x'),
			'"arn:aws:iam::123456789012:user/x"',
		],
		['providers[0].dataSegment', (c: any) => (c.providers[0].dataSegment = 'a/b'), '"a/b"'],
		['providers[0].dataSegment', (c: any) => (c.providers[0].dataSegment = ''), '""'],
		['providers[0].dataSegment', (c: any) => (c.providers[0].dataSegment = 'OIDC1'), '"OIDC1"'],
		[
			'providers[0].dataSegment',
			(c: any) => (c.providers[0].dataSegment = 'x'.repeat(33)),
			`"${'x'.repeat(33)}"`,
		],
		['providers[0].dataSegment', (c: any) => (c.providers[0].dataSegment = 'oidc 1'), '"oidc 1"'],
		['providers[0].dataSegment', (c: any) => (c.providers[0].dataSegment = 1), '1'],
		['providers[1].dataSegment', (c: any) => (c.providers[1].dataSegment = 'oidc1'), '"oidc1"'],
	])('names %s when it is wrong (found %s)', (path, mutate, found) => {
		const result = parseConfig(withField(mutate));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.code).toBe('config-invalid');
		const issue = result.issues.find((i) => i.path === path);
		expect(issue, JSON.stringify(result.issues)).toBeDefined();
		expect(issue?.found).toBe(found);
		expect(issue?.expected.length).toBeGreaterThan(5);
	});

	it('lists every bad field at once, not only the first', () => {
		const result = parseConfig(
			withField((c: any) => {
				c.region = 1;
				c.providers[0].roleArn = 'nope';
				c.providers[1].scopes = '';
			}),
		);
		expect(!result.ok && result.issues.map((i) => i.path)).toEqual([
			'region',
			'providers[0].roleArn',
			'providers[1].scopes',
		]);
	});

	it('refuses a document that is not an object', () => {
		const result = parseConfig([1, 2]);
		expect(!result.ok && result.issues).toEqual([
			{
				path: '(config)',
				expected: expect.stringContaining('JSON object'),
				found: 'a list of 2 items',
			},
		]);
	});

	it('cuts long values it quotes back', () => {
		const result = parseConfig(withField((c) => (c.bucket = 'x'.repeat(500))));
		const found = !result.ok ? (result.issues[0]?.found ?? '') : '';
		expect(found.length).toBeLessThan(90);
	});
});

describe('loadConfig', () => {
	const respond = (body: string, status = 200) =>
		(async () => new Response(body, { status })) as unknown as typeof fetch;

	it('fetches config.json without the HTTP cache', async () => {
		let seen: RequestInit | undefined;
		const fetchFn = (async (_url: string, init: RequestInit) => {
			seen = init;
			return new Response(JSON.stringify(valid()));
		}) as unknown as typeof fetch;
		const result = await loadConfig('./config.json', fetchFn);
		expect(result.ok).toBe(true);
		expect(seen?.cache).toBe('no-store');
	});

	it.each([
		['a 404', respond('not found', 404), 'config-missing'],
		[
			'a network failure',
			(async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
			'config-missing',
		],
		['malformed JSON', respond('{ "region": '), 'config-invalid'],
		['invalid fields', respond('{}'), 'config-invalid'],
	])('reports %s as %s without throwing', async (_what, fetchFn, code) => {
		const result = await loadConfig('./config.json', fetchFn);
		expect(!result.ok && result.error.code).toBe(code);
		expect(!result.ok && result.error.details.title).toBeTruthy();
	});
});

describe('missing fields', () => {
	it.each([
		['region', (c: any) => delete c.region, /AWS region/],
		['providers[1].roleArn', (c: any) => delete c.providers[1].roleArn, /role ARN/],
		['providers[0].scopes', (c: any) => delete c.providers[0].scopes, /openid/],
		['providers[1].dataSegment', (c: any) => delete c.providers[1].dataSegment, /oidc1/],
	])('say what %s should hold, not what its parent is', (path, mutate, expected) => {
		const result = parseConfig(withField(mutate));
		const issue = !result.ok ? result.issues.find((i) => i.path === path) : undefined;
		expect(issue?.expected).toMatch(expected);
		expect(issue?.found).toBe('missing');
	});
});

describe('the config kept for the sign-in callback', () => {
	/** This tab's sessionStorage, as far as the app uses it. */
	function tab(): Storage {
		const items = new Map<string, string>();
		return {
			getItem: (key: string) => items.get(key) ?? null,
			setItem: (key: string, value: string) => void items.set(key, value),
			removeItem: (key: string) => void items.delete(key),
			clear: () => items.clear(),
			key: (i: number) => [...items.keys()][i] ?? null,
			get length() {
				return items.size;
			},
		};
	}

	it('gives back config.json as served, validated with its schema', async () => {
		const storage = tab();
		const text = JSON.stringify(valid());
		const loaded = await loadConfig('x', () => Promise.resolve(new Response(text)));
		expect(loaded.ok && loaded.text).toBe(text);
		keepConfig(text, storage);
		const kept = keptConfig(storage);
		expect(kept?.text).toBe(text);
		expect(kept?.config).toEqual(loaded.ok ? loaded.config : null);
	});

	it.each([
		['nothing kept', null],
		['a garbled copy', '{"region": "us-east-1", '],
		['a copy that fails the schema', JSON.stringify({ ...valid(), region: 42 })],
		['a copy that is no object', '"config"'],
	])('is null (config.json is awaited) with %s', (_what, text) => {
		const storage = tab();
		if (text !== null) keepConfig(text, storage);
		expect(keptConfig(storage)).toBeNull();
	});

	it('neither throws nor keeps anything where storage is refused', () => {
		const refused = {
			...tab(),
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
		} as Storage;
		expect(() => keepConfig(JSON.stringify(valid()), refused)).not.toThrow();
		expect(keptConfig(refused)).toBeNull();
		expect(keptConfig(null)).toBeNull();
	});
});
