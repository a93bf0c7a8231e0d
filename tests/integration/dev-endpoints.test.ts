/**
 * The test-only `/__sandbox/*` endpoints answer scripts on this machine, never a web page: a page the
 * player visits must not move the sandbox clock (expiring every session, or reviving expired credentials),
 * read a signed ID token or an access token, or revoke one. Requests are sent as a browser would send them, headers included, over HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { startTestSandbox } from './gateway-clients';
import { sendRaw, type RawAnswer } from './gateway-raw';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterEach(() => sandbox.clock.reset());

afterAll(async () => {
	await sandbox?.close();
});

const json = { 'content-type': 'application/json' };
const advance = '{"advanceMs":900000}';
const postClock = (headers: Record<string, string>, body = advance) =>
	sendRaw(sandbox.awsEndpoint, { method: 'POST', path: '/__sandbox/clock', headers, body });
const port = (url: string) => new URL(url).port;

/** The refusal's shape: 403 JSON `forbidden`, or 415 for a body that is not JSON. */
function expectRefused(answer: RawAnswer, status = 403) {
	expect(answer.status).toBe(status);
	expect(answer.headers['content-type']).toMatch(/^application\/json/);
	expect(answer.headers['access-control-allow-origin']).toBeUndefined();
	expect(JSON.parse(answer.body)).toMatchObject({
		error: status === 403 ? 'forbidden' : 'unsupported_media_type',
	});
}

describe('POST /__sandbox/clock', () => {
	it('moves the clock for a script on this machine (no Origin, JSON)', async () => {
		const answer = await postClock(json);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({ offsetMs: 900_000 });
		expect(sandbox.clock.offsetMs).toBe(900_000);
	});

	it.each([
		['offsetMs', 1e300],
		['offsetMs', -1e17],
		['advanceMs', 3.2e15],
	])('refuses %s of %d, past the dates it can format, and the clock stays', async (name, value) => {
		const answer = await postClock(json, JSON.stringify({ [name]: value }));
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).error).toMatch(/^expected /);
		expect(sandbox.clock.offsetMs).toBe(0);
		expect((await postClock(json)).status).toBe(200);
	});

	it('takes its own origin, as a same-origin page would send it', async () => {
		const own = `http://localhost:${port(sandbox.awsEndpoint)}`;
		const answer = await postClock({ ...json, origin: own, 'sec-fetch-site': 'same-origin' });
		expect(answer.status).toBe(200);
	});

	it.each([
		['a foreign site', 'https://evil.example'],
		["the app's own origin (the app never calls it)", 'http://localhost:5173'],
		['an opaque origin (sandboxed frame, file:)', 'null'],
		['the identity provider', 'http://localhost:4000'],
		['the endpoint on another scheme', `https://localhost:${'4566'}`],
	])('refuses %s as Origin, and the clock stays', async (_case, origin) => {
		expectRefused(await postClock({ ...json, origin }));
		expect(sandbox.clock.offsetMs).toBe(0);
	});

	it.each(['cross-site', 'same-site'])(
		'refuses Sec-Fetch-Site: %s (the app on another port is same-site)',
		async (site) => {
			expectRefused(await postClock({ ...json, 'sec-fetch-site': site }));
			expect(sandbox.clock.offsetMs).toBe(0);
		},
	);

	it.each([
		['text/plain (a cross-site "simple" POST)', 'text/plain'],
		['text/plain with a charset', 'text/plain;charset=UTF-8'],
		['a form', 'application/x-www-form-urlencoded'],
		['multipart', 'multipart/form-data; boundary=x'],
		['no content type', undefined],
		['JSON under another name', 'application/jsonx'],
	])('refuses a body sent as %s', async (_case, type) => {
		const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
		expectRefused(await postClock(headers), 415);
		expect(sandbox.clock.offsetMs).toBe(0);
	});

	it('refuses a Host that is not the endpoint (DNS rebinding)', async () => {
		const host = `rebind.example:${port(sandbox.awsEndpoint)}`;
		expectRefused(await postClock({ ...json, host }));
		expect(sandbox.clock.offsetMs).toBe(0);
	});

	it('answers no CORS preflight, even from the app', async () => {
		const answer = await sendRaw(sandbox.awsEndpoint, {
			method: 'OPTIONS',
			path: '/__sandbox/clock',
			headers: {
				origin: 'http://localhost:5173',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type',
			},
		});
		expect(answer.status).toBeGreaterThanOrEqual(400);
		expect(answer.headers['access-control-allow-origin']).toBeUndefined();
	});

	it('refuses a foreign GET too (reading the clock)', async () => {
		expectRefused(
			await sendRaw(sandbox.awsEndpoint, {
				method: 'GET',
				path: '/__sandbox/clock',
				headers: { origin: 'https://evil.example' },
			}),
		);
	});
});

// Each provider's test-only token route: its endpoint, the route, and the field and shape of the token.
const tokenRoutes = [
	['Fedplay ID', () => sandbox.issuers[0]!, '/__sandbox/id-token?player=alice', 'id_token', /^ey/],
	['Arcade ID', () => sandbox.issuers[1]!, '/__sandbox/id-token?player=alice', 'id_token', /^ey/],
	[
		'Login with Amazon',
		() => sandbox.amazon.url,
		'/__sandbox/access-token?player=alice',
		'access_token',
		/^Atza\|/,
	],
] as const;

describe.each(tokenRoutes)('%s: /__sandbox/*', (_name, endpoint, path, field, shape) => {
	const getToken = (headers: Record<string, string>) =>
		sendRaw(endpoint(), { method: 'GET', path, headers });

	it(`gives a script on this machine an ${field}`, async () => {
		const answer = await getToken({});
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)[field]).toMatch(shape);
	});

	it.each([
		['Origin: a foreign site', { origin: 'https://evil.example' }],
		["Origin: the app's", { origin: 'http://localhost:5173' }],
		['Origin: the AWS endpoint', { origin: 'http://localhost:4566' }],
		['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
		['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
	])('refuses %s, without a token', async (_case, headers) => {
		const answer = await getToken(headers);
		expectRefused(answer);
		expect(answer.body).not.toContain(field);
	});

	it('refuses a Host that is not the provider (DNS rebinding)', async () => {
		expectRefused(await getToken({ host: `rebind.example:${port(endpoint())}` }));
	});

	it('still serves its login pages their stylesheet', async () => {
		const answer = await sendRaw(endpoint(), {
			method: 'GET',
			path: '/__sandbox/login.css',
			headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'style' },
		});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^text\/css/);
	});
});

describe('Login with Amazon: POST /__sandbox/revoke', () => {
	const revoke = (headers: Record<string, string>, token: string) =>
		sendRaw(sandbox.amazon.url, {
			method: 'POST',
			path: '/__sandbox/revoke',
			headers,
			body: JSON.stringify({ access_token: token }),
		});
	const stillValid = async (token: string) =>
		(
			await fetch(sandbox.amazon.endpoints.tokenInfo, {
				headers: { 'x-amz-access-token': token },
			})
		).status === 200;

	it('revokes for a script on this machine (no Origin, JSON)', async () => {
		const token = sandbox.amazon.issueAccessToken('alice');
		expect((await revoke(json, token)).status).toBe(200);
		expect(await stillValid(token)).toBe(false);
	});

	it.each([
		['a foreign Origin', { ...json, origin: 'https://evil.example' }, 403],
		["the app's Origin", { ...json, origin: 'http://localhost:5173' }, 403],
		['Sec-Fetch-Site: same-site', { ...json, 'sec-fetch-site': 'same-site' }, 403],
		['text/plain (a cross-site "simple" POST)', { 'content-type': 'text/plain' }, 415],
		['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
	])('refuses %s, and the token stays valid', async (_case, headers, status) => {
		const token = sandbox.amazon.issueAccessToken('bob');
		expectRefused(await revoke(headers, token), status);
		expect(await stillValid(token)).toBe(true);
	});
});
