/**
 * The sandbox Login with Amazon over HTTP, as a browser and as STS talk to it: the authorization code grant
 * with PKCE (S256) and its refusals, the token endpoint's answers (an `Atza|` access token for an hour, no
 * refresh or ID token), the profile and token-information endpoints, lifetimes on the sandbox clock,
 * revocation, CORS for the app's origins only, and the test-only routes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAmazonProvider, type AmazonProvider } from '../../sandbox/amazon';
import {
	APP_ORIGIN,
	accessTokenFor,
	authorizationUrl,
	FORM,
	formActions,
	pkce,
	REDIRECT_URI,
	redirectedTo,
	requestToken,
	signInAt,
} from './amazon-client';

let amazon: AmazonProvider;
let clockOffsetMs = 0;

function start(devEndpoints = true): Promise<AmazonProvider> {
	return startAmazonProvider({
		host: '127.0.0.1',
		publicHost: 'localhost',
		port: 0,
		appOrigins: [APP_ORIGIN, 'http://127.0.0.1:5173'],
		players: ['alice', 'bob', 'carol'],
		devEndpoints,
		now: () => Date.now() + clockOffsetMs,
		seed: '123456789012/fedplay-web',
	});
}

beforeAll(async () => {
	amazon = await start();
});

afterEach(() => {
	clockOffsetMs = 0;
});

afterAll(async () => {
	await amazon?.close();
});

const tokenInfo = (token: string, headers: Record<string, string> = {}) =>
	fetch(`${amazon.endpoints.tokenInfo}?access_token=${encodeURIComponent(token)}`, { headers });
const profile = (headers: Record<string, string>, query = '') =>
	fetch(`${amazon.endpoints.profile}${query}`, { headers });
const redeem = (signedIn: { code: string; verifier: string }, extra: Record<string, string> = {}) =>
	requestToken(amazon, {
		grant_type: 'authorization_code',
		code: signedIn.code,
		redirect_uri: REDIRECT_URI,
		client_id: amazon.app.clientId,
		code_verifier: signedIn.verifier,
		...extra,
	});

async function expectOAuthError(response: Response, status: number, error: string) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body = (await response.json()) as Record<string, unknown>;
	expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
	expect(body.error).toBe(error);
	return body.error_description as string;
}

describe('Login with Amazon (sandbox): the authorization code grant with PKCE', () => {
	it('shows its own login page with the test players, under a strict CSP and no script', async () => {
		const page = await fetch(authorizationUrl(amazon, pkce().challenge), { redirect: 'manual' });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Sign in to Login with Amazon (sandbox)');
		expect(html).toContain('Fedplay asks for your name, e-mail address and Amazon user id.');
		for (const player of ['alice', 'bob', 'carol'])
			expect(html).toContain(`name="player" value="${player}"`);
		expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|https?:\/\//i);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain(`form-action 'self' ${amazon.url} ${APP_ORIGIN}`);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(page.headers.get('cache-control')).toBe('no-store');
		const css = await fetch(`${amazon.url}/__sandbox/login.css`);
		expect(css.headers.get('content-type')).toMatch(/^text\/css/);
	});

	it('sends the player back to the app with a code, the scope and the state', async () => {
		const { callback } = await signInAt(amazon, 'bob');
		expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
		expect([...callback.searchParams.keys()].sort()).toEqual(['code', 'scope', 'state']);
		expect(callback.searchParams.get('scope')).toBe('profile');
		expect(callback.searchParams.get('state')).toBe('state-123');
	});

	it('answers the token request as Login with Amazon does: an Atza| bearer token for an hour, nothing else', async () => {
		const response = await redeem(await signInAt(amazon, 'alice'));
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
		const body = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
		expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		const token = body.access_token as string;
		expect(token).toMatch(/^Atza\|[\w-]+$/);
		expect(token.length).toBeGreaterThanOrEqual(350);
		expect(token.length).toBeLessThanOrEqual(2048);
	});

	it('gives each player a stable amzn1.account user id, the app an amzn1 client and app id', async () => {
		expect(amazon.app.clientId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
		expect(amazon.app.appId).toMatch(/^amzn1\.application\.[0-9a-f]{32}$/);
		const ids = ['alice', 'bob', 'carol'].map((p) => amazon.userIdOf(p));
		for (const id of ids) expect(id).toMatch(/^amzn1\.account\.[A-Z0-9]{28}$/);
		expect(new Set(ids).size).toBe(3);
		const token = await accessTokenFor(amazon, 'carol');
		const me = (await (await profile({ authorization: `Bearer ${token}` })).json()) as object;
		expect(me).toEqual({
			user_id: amazon.userIdOf('carol'),
			name: 'Carol',
			email: 'carol@amazon-sandbox.example',
		});
	});

	it('sends Cancel back to the app as error=access_denied, with the state', async () => {
		const page = await fetch(authorizationUrl(amazon, pkce().challenge), { redirect: 'manual' });
		const cancel = formActions(await page.text())[2]!;
		const answer = await fetch(`${amazon.url}${cancel}`, { method: 'POST', redirect: 'manual' });
		const back = redirectedTo(answer)!;
		expect(back.searchParams.get('error')).toBe('access_denied');
		expect(back.searchParams.get('state')).toBe('state-123');
		expect(back.searchParams.has('code')).toBe(false);
		// The sign-in is over: its page cannot be used again.
		const again = await fetch(`${amazon.url}${cancel}`, { method: 'POST', redirect: 'manual' });
		expect(again.status).toBe(400);
		expect(redirectedTo(again)).toBeNull();
	});

	it('shows the login page again, escaped, for a player who does not exist', async () => {
		const page = await fetch(authorizationUrl(amazon, pkce().challenge), { redirect: 'manual' });
		const [, byName] = formActions(await page.text());
		const answer = await fetch(`${amazon.url}${byName}`, {
			method: 'POST',
			headers: FORM,
			body: new URLSearchParams({ player: '<script>mallory</script>' }),
			redirect: 'manual',
		});
		expect(answer.status).toBe(400);
		const html = await answer.text();
		expect(html).toContain('There is no test player called &quot;&lt;script&gt;mallory');
		expect(html).not.toContain('<script>');
	});

	it.each([
		['no code_challenge', { code_challenge: undefined }],
		['code_challenge_method plain', { code_challenge_method: 'plain' }],
		[
			'no code_challenge_method (Login with Amazon would take plain)',
			{ code_challenge_method: undefined },
		],
		['a challenge of 42 characters', { code_challenge: 'a'.repeat(42) }],
		['a challenge with a character outside base64url', { code_challenge: `${'a'.repeat(42)}+` }],
		['a state of 3,000 characters', { state: 's'.repeat(3000) }],
	])('refuses %s with invalid_request, sent back to the app', async (_case, overrides) => {
		const answer = await fetch(authorizationUrl(amazon, pkce().challenge, overrides), {
			redirect: 'manual',
		});
		expect(answer.status).toBe(302);
		const back = redirectedTo(answer)!;
		expect(back.origin + back.pathname).toBe(REDIRECT_URI);
		expect(back.searchParams.get('error')).toBe('invalid_request');
		expect(back.searchParams.has('code')).toBe(false);
	});

	it.each([
		['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
		['no response_type', { response_type: undefined }, 'unsupported_response_type'],
		['scope openid', { scope: 'openid' }, 'invalid_scope'],
		['an empty scope', { scope: '' }, 'invalid_scope'],
		['scope profile email', { scope: 'profile email' }, 'invalid_scope'],
		['no scope', { scope: undefined }, 'invalid_scope'],
	])('refuses %s with %s', async (_case, overrides, error) => {
		const answer = await fetch(authorizationUrl(amazon, pkce().challenge, overrides), {
			redirect: 'manual',
		});
		expect(redirectedTo(answer)?.searchParams.get('error')).toBe(error);
	});

	it('refuses a parameter given twice', async () => {
		const url = `${authorizationUrl(amazon, pkce().challenge)}&scope=profile`;
		const answer = await fetch(url, { redirect: 'manual' });
		expect(redirectedTo(answer)?.searchParams.get('error')).toBe('invalid_request');
	});

	it.each([
		['an unknown client', { client_id: 'amzn1.application-oa2-client.nobody' }],
		['a client id over 100 bytes', { client_id: 'c'.repeat(101) }],
		['no client', { client_id: undefined }],
		['a foreign redirect_uri', { redirect_uri: 'https://evil.example/callback' }],
		['a redirect_uri with credentials', { redirect_uri: 'http://a:b@localhost:5173/callback' }],
		['no redirect_uri', { redirect_uri: undefined }],
	])('tells the person about %s on a page and sends nothing anywhere', async (_case, overrides) => {
		const answer = await fetch(authorizationUrl(amazon, pkce().challenge, overrides), {
			redirect: 'manual',
		});
		expect(answer.status).toBe(400);
		expect(redirectedTo(answer)).toBeNull();
		expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
	});
});

describe('Login with Amazon (sandbox): the token endpoint refuses', () => {
	it.each([
		['another verifier', () => pkce().verifier],
		['the challenge itself', (challenge: string) => challenge],
		['an empty verifier', () => ''],
		['a verifier of 42 characters', () => 'v'.repeat(42)],
	])('%s (invalid_grant)', async (_case, verifierFor) => {
		const { verifier, challenge } = pkce();
		const signedIn = await signInAt(amazon, 'alice', { code_challenge: challenge });
		expect(signedIn.code).toBeTruthy();
		const wrong = verifierFor(challenge);
		expect(wrong).not.toBe(verifier);
		await expectOAuthError(await redeem({ ...signedIn, verifier: wrong }), 400, 'invalid_grant');
	});

	it('another redirect_uri, another registered client, and an unknown client', async () => {
		const signedIn = await signInAt(amazon);
		const other = { redirect_uri: `${APP_ORIGIN}/elsewhere` };
		await expectOAuthError(await redeem(signedIn, other), 400, 'invalid_grant');
		const otherApp = { client_id: amazon.otherApp.clientId };
		await expectOAuthError(await redeem(signedIn, otherApp), 400, 'invalid_grant');
		const nobody = { client_id: 'amzn1.application-oa2-client.nobody' };
		await expectOAuthError(await redeem(signedIn, nobody), 401, 'invalid_client');
		// None of those used the code up.
		expect((await redeem(signedIn)).status).toBe(200);
	});

	it('a code used twice, and revokes the token the first use gave', async () => {
		const signedIn = await signInAt(amazon);
		const first = (await (await redeem(signedIn)).json()) as { access_token: string };
		expect((await tokenInfo(first.access_token)).status).toBe(200);
		await expectOAuthError(await redeem(signedIn), 400, 'invalid_grant');
		await expectOAuthError(await tokenInfo(first.access_token), 400, 'invalid_token');
	});

	it('a code older than five minutes', async () => {
		const signedIn = await signInAt(amazon);
		clockOffsetMs = 301_000;
		await expectOAuthError(await redeem(signedIn), 400, 'invalid_grant');
	});

	it.each([
		[
			'a refresh token grant: the browser client gets none',
			{ grant_type: 'refresh_token', refresh_token: 'Atzr|x' },
			'unauthorized_client',
		],
		['a password grant', { grant_type: 'password', username: 'alice' }, 'unsupported_grant_type'],
		['no grant type', { client_id: 'x' }, 'invalid_request'],
		[
			'a code grant without its verifier',
			{ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI, client_id: 'x' },
			'invalid_request',
		],
	])('%s', async (_case, params, error) => {
		await expectOAuthError(
			await requestToken(amazon, params),
			error === 'invalid_client' ? 401 : 400,
			error,
		);
	});

	it.each([
		['JSON', { 'content-type': 'application/json' }, '{"grant_type":"authorization_code"}'],
		['text', { 'content-type': 'text/plain' }, 'grant_type=authorization_code'],
		['a repeated parameter', FORM, 'grant_type=authorization_code&grant_type=authorization_code'],
	])('a request sent as %s (invalid_request)', async (_case, headers, body) => {
		const response = await fetch(amazon.endpoints.token, { method: 'POST', headers, body });
		await expectOAuthError(response, 400, 'invalid_request');
	});

	it('anything but POST', async () => {
		const response = await fetch(amazon.endpoints.token);
		expect(response.headers.get('allow')).toBe('POST');
		await expectOAuthError(response, 405, 'invalid_request');
	});
});

describe('Login with Amazon (sandbox): profile and token information', () => {
	it('answers the token information as Login with Amazon does, on the sandbox clock', async () => {
		const token = await accessTokenFor(amazon, 'bob');
		clockOffsetMs = 600_000;
		const response = await tokenInfo(token);
		expect(response.status).toBe(200);
		const info = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(info)).toEqual(['iss', 'user_id', 'aud', 'app_id', 'exp', 'iat']);
		expect(info).toMatchObject({
			iss: 'https://www.amazon.com',
			user_id: amazon.userIdOf('bob'),
			aud: amazon.app.clientId,
			app_id: amazon.app.appId,
		});
		// `exp` is what is left of the hour; `iat` when it was issued (before the clock moved).
		expect(info.exp).toBeGreaterThan(2990);
		expect(info.exp).toBeLessThanOrEqual(3000);
		expect(Math.abs((info.iat as number) - Date.now() / 1000)).toBeLessThan(60);
	});

	it('takes the token as a bearer token, an x-amz-access-token header or a query parameter', async () => {
		const token = await accessTokenFor(amazon, 'alice');
		const answers = [
			await profile({ authorization: `Bearer ${token}` }),
			await profile({ 'x-amz-access-token': token }),
			await profile({}, `?access_token=${encodeURIComponent(token)}`),
			await tokenInfo(token),
			await fetch(amazon.endpoints.tokenInfo, { headers: { 'x-amz-access-token': token } }),
		];
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(((await answer.json()) as { user_id: string }).user_id).toBe(amazon.userIdOf('alice'));
		}
	});

	it('refuses a token given twice, or none', async () => {
		const token = await accessTokenFor(amazon);
		const twice = profile({ authorization: `Bearer ${token}`, 'x-amz-access-token': token });
		expect(await expectOAuthError(await twice, 400, 'invalid_request')).toMatch(/more than once/);
		expect(await expectOAuthError(await profile({}), 400, 'invalid_request')).toBe(
			'The request is missing a required parameter : access_token',
		);
	});

	it.each([
		['a token it never issued', `Atza|${'x'.repeat(400)}`],
		['an OpenID Connect ID token', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln'],
		['a token of 3,000 characters', `Atza|${'y'.repeat(3000)}`],
		['an empty token', ''],
	])('answers %s with invalid_token', async (_case, token) => {
		for (const answer of [await tokenInfo(token), await profile({ 'x-amz-access-token': token })]) {
			expect(await expectOAuthError(answer, 400, 'invalid_token')).toBe(
				'The request has an invalid parameter : access_token',
			);
		}
	});

	it('expires a token after an hour by the sandbox clock', async () => {
		const token = await accessTokenFor(amazon);
		clockOffsetMs = 3_599_000;
		expect((await tokenInfo(token)).status).toBe(200);
		clockOffsetMs = 3_600_000;
		await expectOAuthError(await tokenInfo(token), 400, 'invalid_token');
		await expectOAuthError(
			await profile({ authorization: `Bearer ${token}` }),
			400,
			'invalid_token',
		);
	});

	it('releases only the user id for scope profile:user_id', async () => {
		const token = amazon.issueAccessToken('alice', { scope: 'profile:user_id' });
		const me = await (await profile({ authorization: `Bearer ${token}` })).json();
		expect(me).toEqual({ user_id: amazon.userIdOf('alice') });
		const postal = amazon.issueAccessToken('alice', { scope: 'postal_code' });
		await expectOAuthError(
			await profile({ authorization: `Bearer ${postal}` }),
			403,
			'insufficient_scope',
		);
	});
});

describe('Login with Amazon (sandbox): CORS for the app, and only the app', () => {
	const endpoints = () => [
		amazon.endpoints.token,
		amazon.endpoints.profile,
		amazon.endpoints.tokenInfo,
	];

	it('lets the app read every API answer, errors included; no other origin', async () => {
		for (const url of endpoints()) {
			const mine = await fetch(url, { headers: { origin: APP_ORIGIN } });
			expect(mine.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
			expect(mine.headers.get('vary')).toBe('Origin');
			const theirs = await fetch(url, { headers: { origin: 'https://evil.example' } });
			expect(theirs.headers.get('access-control-allow-origin')).toBeNull();
		}
	});

	it('answers the app’s preflight, and refuses anyone else’s', async () => {
		const preflight = (url: string, origin: string) =>
			fetch(url, {
				method: 'OPTIONS',
				headers: {
					origin,
					'access-control-request-method': 'GET',
					'access-control-request-headers': 'authorization, x-evil',
				},
			});
		for (const url of endpoints()) {
			const mine = await preflight(url, APP_ORIGIN);
			expect(mine.status).toBe(204);
			expect(mine.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
			expect(mine.headers.get('access-control-allow-methods')).toBe('GET, POST');
			expect(mine.headers.get('access-control-allow-headers')).toBe('authorization');
			const theirs = await preflight(url, 'https://evil.example');
			expect(theirs.status).toBe(403);
			expect(theirs.headers.get('access-control-allow-origin')).toBeNull();
		}
	});
});

describe('Login with Amazon (sandbox): the test-only routes', () => {
	const json = { 'content-type': 'application/json' };
	const revoke = (body: string, headers: Record<string, string> = json) =>
		fetch(`${amazon.url}/__sandbox/revoke`, { method: 'POST', headers, body });

	it('gives a script a token a real sign-in would give, which revoking ends', async () => {
		const answer = await fetch(`${amazon.url}/__sandbox/access-token?player=Carol`);
		expect(answer.status).toBe(200);
		const { access_token: token } = (await answer.json()) as { access_token: string };
		const info = (await (await tokenInfo(token)).json()) as Record<string, unknown>;
		expect(info).toMatchObject({ user_id: amazon.userIdOf('carol'), app_id: amazon.app.appId });
		expect((await revoke(JSON.stringify({ access_token: token }))).status).toBe(200);
		await expectOAuthError(await tokenInfo(token), 400, 'invalid_token');
	});

	it('answers an unknown player, an unknown token and a malformed revocation', async () => {
		const nobody = await fetch(`${amazon.url}/__sandbox/access-token?player=mallory`);
		expect(nobody.status).toBe(404);
		expect(((await nobody.json()) as { error: string }).error).toBe('unknown_player');
		expect((await revoke('{"access_token":"Atza|never"}')).status).toBe(404);
		for (const body of [
			'',
			'{',
			'[]',
			'{"access_token":1}',
			JSON.stringify({ access_token: 'x'.repeat(5000) }),
		])
			expect((await revoke(body)).status).toBe(400);
	});

	it('refuses a revocation from a web page (text/plain, or a foreign origin)', async () => {
		const token = amazon.issueAccessToken('bob');
		const body = JSON.stringify({ access_token: token });
		expect((await revoke(body, { 'content-type': 'text/plain' })).status).toBe(415);
		expect((await revoke(body, { ...json, origin: APP_ORIGIN })).status).toBe(403);
		expect((await tokenInfo(token)).status).toBe(200);
	});

	it('are absent when dev endpoints are off (the stylesheet stays)', async () => {
		const quiet = await start(false);
		try {
			const token = await fetch(`${quiet.url}/__sandbox/access-token?player=alice`);
			expect(token.status).toBe(404);
			expect(((await token.json()) as { error: string }).error).toBe('not_found');
			expect((await fetch(`${quiet.url}/__sandbox/login.css`)).status).toBe(200);
		} finally {
			await quiet.close();
		}
	});
});
