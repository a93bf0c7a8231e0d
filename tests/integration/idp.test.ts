import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider, type IdentityProvider } from '../../sandbox/idp/index';

const appOrigin = 'http://localhost:5173';
const redirectUri = `${appOrigin}/callback`;
const clientId = 'fedplay-web';
let clockOffsetMs = 0;

const providers: Record<'fedplay' | 'arcade', IdentityProvider> = {} as never;

function start(
	displayName: string,
	extra: { subjectPrefix?: string; devEndpoints?: boolean; refreshTokens?: boolean } = {},
) {
	return startIdentityProvider({
		host: '127.0.0.1',
		publicHost: 'localhost',
		port: 0,
		clientId,
		appOrigins: [appOrigin, 'http://127.0.0.1:5173'],
		players: ['alice', 'bob', 'carol'],
		displayName,
		devEndpoints: extra.devEndpoints ?? true,
		now: () => Date.now() + clockOffsetMs,
		...(extra.subjectPrefix === undefined ? {} : { subjectPrefix: extra.subjectPrefix }),
		...(extra.refreshTokens === undefined ? {} : { refreshTokens: extra.refreshTokens }),
	});
}

beforeAll(async () => {
	providers.fedplay = await start('Fedplay ID');
	providers.arcade = await start('Arcade ID', { subjectPrefix: 'arcade-' });
});

afterAll(async () => {
	await Promise.all(Object.values(providers).map((idp) => idp.close()));
});

/** Just enough of a browser: cookies by name (oidc-provider scopes them by path; names are unique). */
class Browser {
	#cookies = new Map<string, string>();

	async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.#cookies.size > 0) {
			headers.set('Cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		}
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const [name = '', value = ''] = pair.split('=');
			const expired = attributes.some((a) =>
				a.trim().toLowerCase().startsWith('expires=thu, 01 jan 1970'),
			);
			if (expired || value === '') this.#cookies.delete(name.trim());
			else this.#cookies.set(name.trim(), value);
		}
		return res;
	}

	/** Follows redirects until one leaves for the app; returns that URL (the app is not running). */
	async followToApp(first: Response, from: string): Promise<URL> {
		let res = first;
		let url = new URL(from);
		for (let hop = 0; hop < 10; hop++) {
			const location = res.headers.get('location');
			expect(location, `redirect expected from ${url.pathname}, got ${res.status}`).not.toBeNull();
			url = new URL(location as string, url);
			if (url.origin === appOrigin) return url;
			res = await this.fetch(url);
		}
		throw new Error('too many redirects');
	}

	postForm(url: string | URL, form: Record<string, string>): Promise<Response> {
		return this.fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form).toString(),
		});
	}
}

function pkce() {
	const verifier = randomBytes(32).toString('base64url');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	return { verifier, challenge };
}

interface LoginStart {
	browser: Browser;
	verifier: string;
	state: string;
	nonce: string;
	/** Absolute URL of the interaction (login) page. */
	interactionUrl: string;
	html: string;
}

function authorizeUrl(idp: IdentityProvider, params: Record<string, string>): string {
	const url = new URL('/auth', idp.issuer);
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
	return url.href;
}

async function beginLogin(idp: IdentityProvider, redirect = redirectUri): Promise<LoginStart> {
	const browser = new Browser();
	const { verifier, challenge } = pkce();
	const state = randomBytes(8).toString('hex');
	const nonce = randomBytes(8).toString('hex');
	const res = await browser.fetch(
		authorizeUrl(idp, {
			client_id: clientId,
			response_type: 'code',
			redirect_uri: redirect,
			scope: 'openid profile email',
			state,
			nonce,
			code_challenge: challenge,
			code_challenge_method: 'S256',
		}),
	);
	expect(res.status).toBe(303);
	const interactionUrl = new URL(res.headers.get('location') as string, idp.issuer).href;
	const page = await browser.fetch(interactionUrl);
	expect(page.status).toBe(200);
	return { browser, verifier, state, nonce, interactionUrl, html: await page.text() };
}

async function pickPlayer(login: LoginStart, player: string): Promise<URL> {
	const url = `${login.interactionUrl}/login`;
	const res = await login.browser.postForm(url, { player });
	return login.browser.followToApp(res, url);
}

async function redeemCode(idp: IdentityProvider, code: string, verifier: string) {
	const res = await fetch(new URL('/token', idp.issuer), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appOrigin },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri,
			client_id: clientId,
			code_verifier: verifier,
		}).toString(),
	});
	return { res, body: (await res.json()) as Record<string, unknown> };
}

async function loginAs(idp: IdentityProvider, player: string) {
	const login = await beginLogin(idp);
	const callback = await pickPlayer(login, player);
	const { body } = await redeemCode(idp, callback.searchParams.get('code') ?? '', login.verifier);
	return { login, tokens: body };
}

function verify(idp: IdentityProvider, token: string) {
	const jwks = createRemoteJWKSet(new URL(idp.jwksUri));
	return jwtVerify(token, jwks, { issuer: idp.issuer, audience: clientId, algorithms: ['RS256'] });
}

describe('sandbox identity provider: discovery', () => {
	it('publishes an issuer on the actual port, S256-only PKCE and an end-session endpoint', async () => {
		const idp = providers.fedplay;
		expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+$/);
		const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`, {
			headers: { Origin: appOrigin },
		});
		const doc = (await res.json()) as Record<string, unknown>;
		expect(res.headers.get('access-control-allow-origin')).toBe(appOrigin);
		expect(doc).toMatchObject({
			issuer: idp.issuer,
			jwks_uri: idp.jwksUri,
			code_challenge_methods_supported: ['S256'],
			end_session_endpoint: `${idp.issuer}/session/end`,
			response_types_supported: ['code'],
		});
		expect(doc.grant_types_supported).toEqual(
			expect.arrayContaining(['authorization_code', 'refresh_token']),
		);
		expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
	});

	it('runs the two providers as independent issuers with different signing keys', async () => {
		expect(providers.fedplay.issuer).not.toBe(providers.arcade.issuer);
		const kids = await Promise.all(
			Object.values(providers).map(async (idp) => {
				const jwks = (await (await fetch(idp.jwksUri)).json()) as {
					keys: { kid: string; d?: string }[];
				};
				expect(jwks.keys).toHaveLength(1);
				expect(jwks.keys[0]).not.toHaveProperty('d');
				return jwks.keys[0]?.kid;
			}),
		);
		expect(kids[0]).not.toBe(kids[1]);
	});
});

describe('sandbox identity provider: authorization code + PKCE', () => {
	it.each([
		['fedplay', 'alice', 'alice', 'Alice'],
		['arcade', 'bob', 'arcade-bob', 'Bob'],
	] as const)(
		'signs %s player %s in and issues a verifiable ID token with sub %s',
		async (which, player, sub, name) => {
			const idp = providers[which];
			const login = await beginLogin(idp);
			expect(login.html).toContain(
				`Sign in to ${which === 'fedplay' ? 'Fedplay ID' : 'Arcade ID'}`,
			);
			const callback = await pickPlayer(login, player);
			expect(callback.pathname).toBe('/callback');
			expect(callback.searchParams.get('state')).toBe(login.state);
			expect(callback.searchParams.get('iss')).toBe(idp.issuer);

			const { res, body } = await redeemCode(
				idp,
				callback.searchParams.get('code') ?? '',
				login.verifier,
			);
			expect(res.status).toBe(200);
			expect(res.headers.get('access-control-allow-origin')).toBe(appOrigin);
			expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
			expect(body.refresh_token).toEqual(expect.any(String));

			const { payload, protectedHeader } = await verify(idp, body.id_token as string);
			expect(protectedHeader.alg).toBe('RS256');
			expect(payload).toMatchObject({
				sub,
				name,
				preferred_username: player,
				email: expect.stringMatching(new RegExp(`^${player}@`)),
				nonce: login.nonce,
				aud: clientId,
				// AWS's claims for STS: session tags (team transitive) and the source identity.
				'https://aws.amazon.com/tags': {
					principal_tags: { team: ['red'] },
					transitive_tag_keys: ['team'],
				},
				'https://aws.amazon.com/source_identity': `${player}@${which === 'fedplay' ? 'fedplay-id' : 'arcade-id'}.example`,
			});
			expect(payload.auth_time).toEqual(expect.any(Number));
			expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
		},
	);

	it('issues no refresh token when told not to (the app then renews through the iframe)', async () => {
		const idp = await start('No Refresh ID', { refreshTokens: false });
		try {
			const { tokens } = await loginAs(idp, 'alice');
			expect(tokens.id_token).toEqual(expect.any(String));
			expect(tokens).not.toHaveProperty('refresh_token');
		} finally {
			await idp.close();
		}
	});

	it('renews tokens with the refresh token, without offline_access', async () => {
		const idp = providers.fedplay;
		const { tokens } = await loginAs(idp, 'carol');
		const res = await fetch(new URL('/token', idp.issuer), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appOrigin },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token as string,
				client_id: clientId,
			}).toString(),
		});
		const body = (await res.json()) as Record<string, string>;
		expect(res.status).toBe(200);
		const { payload } = await verify(idp, body.id_token as string);
		expect(payload.sub).toBe('carol');
		// A renewed token still carries carol's tags, or the next STS call would lose them.
		expect(payload['https://aws.amazon.com/tags']).toEqual({
			principal_tags: { team: ['blue'], role: ['organizer'] },
			transitive_tag_keys: ['team'],
		});
	});

	it('refuses a code redeemed with the wrong code_verifier', async () => {
		const idp = providers.fedplay;
		const login = await beginLogin(idp);
		const callback = await pickPlayer(login, 'alice');
		const { res, body } = await redeemCode(
			idp,
			callback.searchParams.get('code') ?? '',
			pkce().verifier,
		);
		expect(res.status).toBe(400);
		expect(body.error).toBe('invalid_grant');
	});

	it.each([
		['without code_challenge', {}],
		[
			'with code_challenge_method=plain',
			{ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
		],
	])('refuses an authorization request %s', async (_label, pkceParams: Record<string, string>) => {
		const res = await fetch(
			authorizeUrl(providers.fedplay, {
				client_id: clientId,
				response_type: 'code',
				redirect_uri: redirectUri,
				scope: 'openid',
				state: 's1',
				...pkceParams,
			}),
			{ redirect: 'manual' },
		);
		const location = new URL(res.headers.get('location') ?? '', providers.fedplay.issuer);
		expect(location.origin + location.pathname).toBe(redirectUri);
		expect(location.searchParams.get('error')).toBe('invalid_request');
		expect(location.searchParams.get('state')).toBe('s1');
	});

	it('sends Cancel back to the app as error=access_denied', async () => {
		const login = await beginLogin(providers.arcade);
		const url = `${login.interactionUrl}/abort`;
		const callback = await login.browser.followToApp(await login.browser.postForm(url, {}), url);
		expect(callback.searchParams.get('error')).toBe('access_denied');
		expect(callback.searchParams.get('state')).toBe(login.state);
		expect(callback.searchParams.has('code')).toBe(false);
	});

	it('shows the login page again with a message for an unknown player, escaped, never a 500', async () => {
		const login = await beginLogin(providers.fedplay);
		const res = await login.browser.postForm(`${login.interactionUrl}/login`, {
			player: '<b>mallory</b>',
		});
		const html = await res.text();
		expect(res.status).toBe(400);
		expect(html).toContain('There is no test player called &quot;&lt;b&gt;mallory&lt;/b&gt;&quot;');
		expect(html).not.toContain('<b>mallory');
		expect(html).toContain('role="alert"');
		// The same interaction still works afterwards.
		expect((await pickPlayer(login, 'Bob')).searchParams.get('code')).toEqual(expect.any(String));
	});

	it('answers an interaction without its cookie with a page, not a server error', async () => {
		const login = await beginLogin(providers.fedplay);
		const res = await fetch(login.interactionUrl);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Sign-in expired');
	});

	it.each([
		['a foreign origin', 'http://evil.example/callback', false],
		['a look-alike host', 'http://localhost:5173.evil.example/callback', false],
		['an app origin with a fragment', `${appOrigin}/callback#x`, false],
		['an app origin under a path prefix', `${appOrigin}/fedplay/callback`, true],
		['the other app origin', 'http://127.0.0.1:5173/', true],
	])('checks the redirect URI origin: %s', async (_label, uri, allowed) => {
		const res = await fetch(
			authorizeUrl(providers.fedplay, {
				client_id: clientId,
				response_type: 'code',
				redirect_uri: uri,
				scope: 'openid',
				code_challenge: pkce().challenge,
				code_challenge_method: 'S256',
			}),
			{ redirect: 'manual' },
		);
		if (allowed) {
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toMatch(/^\/interaction\//);
		} else {
			expect(res.status).toBe(400);
			expect(res.headers.get('location')).toBeNull();
			const html = await res.text();
			expect(html).toContain('invalid_redirect_uri');
			expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
		}
	});

	it('refuses token requests from an origin that is not the app', async () => {
		const res = await fetch(new URL('/token', providers.fedplay.issuer), {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: 'http://evil.example',
			},
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: 'x',
				client_id: clientId,
			}),
		});
		expect(res.status).toBe(400);
		expect(res.headers.get('access-control-allow-origin')).toBeNull();
	});
});

describe('sandbox identity provider: sign-out', () => {
	it('asks for confirmation on its own page, then returns to the app with the state', async () => {
		const idp = providers.fedplay;
		const { login, tokens } = await loginAs(idp, 'alice');
		const url = new URL('/session/end', idp.issuer);
		url.searchParams.set('id_token_hint', tokens.id_token as string);
		url.searchParams.set('post_logout_redirect_uri', `${appOrigin}/`);
		url.searchParams.set('state', 'bye');
		const page = await login.browser.fetch(url);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('Sign out of Fedplay ID?');
		expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/i);
		expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

		const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
		const confirm = `${idp.issuer}/session/end/confirm`;
		const res = await login.browser.postForm(confirm, { xsrf, logout: 'yes' });
		const back = await login.browser.followToApp(res, confirm);
		expect(back.href).toBe(`${appOrigin}/?state=bye`);
	});

	it('without a session, lets only the hash-pinned inline script of the self-submitting form run', async () => {
		const browser = new Browser();
		const page = await browser.fetch(
			`${providers.arcade.issuer}/session/end?client_id=${clientId}`,
		);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(await page.text()).toContain('<script>');
		expect(csp).toMatch(/script-src 'sha256-[\w+/=]+'(;|$)/);
		expect(csp).toContain("default-src 'none'");
	});
});

describe('sandbox identity provider: login page', () => {
	it('loads nothing from outside, runs no script and sends a strict CSP', async () => {
		const idp = providers.fedplay;
		const login = await beginLogin(idp);
		const res = await login.browser.fetch(login.interactionUrl);
		const html = await res.text();
		expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|https?:\/\//i);
		expect(html).toMatch(/<label for="player-name">/);
		for (const player of ['alice', 'bob', 'carol']) {
			expect(html).toContain(`name="player" value="${player}"`);
		}
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("style-src 'self'");
		expect(csp).toContain(`form-action 'self' ${idp.issuer} ${appOrigin}`);
		expect(csp).toContain("frame-ancestors 'none'");

		const css = await fetch(`${idp.issuer}/__sandbox/login.css`);
		expect(css.headers.get('content-type')).toMatch(/^text\/css/);
		expect(await css.text()).not.toMatch(/url\(|@import/);
	});
});

describe('sandbox identity provider: /__sandbox/id-token', () => {
	it.each(['fedplay', 'arcade'] as const)(
		'%s: signs a token shaped like a real login (claims, iss, aud, alg, kid, lifetime)',
		async (which) => {
			const idp = providers[which];
			const { tokens } = await loginAs(idp, 'alice');
			const res = await fetch(`${idp.issuer}/__sandbox/id-token?player=alice`);
			expect(res.status).toBe(200);
			const { id_token: devToken } = (await res.json()) as { id_token: string };

			const real = await verify(idp, tokens.id_token as string);
			const dev = await verify(idp, devToken);
			const claimNames = (payload: JWTPayload) =>
				Object.keys(payload)
					.filter((k) => !['at_hash', 'nonce'].includes(k))
					.sort();
			expect(claimNames(dev.payload)).toEqual(claimNames(real.payload));
			expect(decodeProtectedHeader(devToken)).toEqual(
				decodeProtectedHeader(tokens.id_token as string),
			);
			const {
				iat: _a,
				exp: _b,
				auth_time: _c,
				at_hash: _d,
				nonce: _e,
				...realClaims
			} = real.payload;
			const { iat: _f, exp: _g, auth_time: _h, ...devClaims } = dev.payload;
			expect(devClaims).toEqual(realClaims);
			expect((dev.payload.exp ?? 0) - (dev.payload.iat ?? 0)).toBe(3600);
		},
	);

	it('signs tokens oidc-provider itself accepts as id_token_hint, unlike a forged one', async () => {
		const idp = providers.arcade;
		const devToken = await idp.issueIdToken('carol');
		const forged = `${devToken.slice(0, devToken.lastIndexOf('.'))}.${'A'.repeat(342)}`;
		const statuses = await Promise.all(
			[devToken, forged].map(async (hint) => {
				const url = new URL('/session/end', idp.issuer);
				url.searchParams.set('id_token_hint', hint);
				url.searchParams.set('post_logout_redirect_uri', `${appOrigin}/`);
				return (await fetch(url)).status;
			}),
		);
		expect(statuses).toEqual([200, 400]);
	});

	it('answers an unknown player with 404 unknown_player', async () => {
		const res = await fetch(`${providers.fedplay.issuer}/__sandbox/id-token?player=mallory`);
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: 'unknown_player' });
	});

	it('follows the sandbox clock', async () => {
		clockOffsetMs = -2 * 3600 * 1000;
		try {
			const token = await providers.fedplay.issueIdToken('bob', { nonce: 'n1' });
			const { payload } = await verify(providers.fedplay, token).catch(() => ({ payload: null }));
			expect(payload).toBeNull();
			const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
			expect(claims.iat).toBeCloseTo(Math.floor(Date.now() / 1000) - 7200, -1);
			expect(claims).toMatchObject({ sub: 'bob', nonce: 'n1' });
		} finally {
			clockOffsetMs = 0;
		}
	});

	it('is absent when dev endpoints are off', async () => {
		const idp = await start('Quiet ID', { devEndpoints: false });
		try {
			const res = await fetch(`${idp.issuer}/__sandbox/id-token?player=alice`);
			expect(res.status).toBe(404);
			expect(await res.json()).toMatchObject({ error: 'not_found' });
		} finally {
			await idp.close();
		}
	});
});
