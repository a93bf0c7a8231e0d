import type { Request, Route } from '@playwright/test';
import { expect, openIdentityDetails, sessionStrip, test } from './fixtures';

/*
 * The way from the sign-in click to a playable game (issue 18): no stage waits on one it does not need.
 */

const isCallerIdentity = (request: Request) =>
	/(?:^|&)Action=GetCallerIdentity(?:&|$)/.test(request.postData() ?? '');

/** A read of the game's data: S3 (GET) or DynamoDB (X-Amz-Target), not STS. */
const isDataRead = (request: Request, awsEndpoint: string) =>
	request.url().startsWith(awsEndpoint) &&
	!request.url().includes('/__sandbox/') &&
	request.method() !== 'OPTIONS' &&
	(request.method() === 'GET' || request.headers()['x-amz-target'] !== undefined);

const startButton = (page: import('@playwright/test').Page) =>
	page.locator('[role="group"][aria-label="Token Rush"] .overlay button.primary:enabled');

test('the game is playable and reads its data while GetCallerIdentity is still unanswered', async ({
	page,
	env,
}) => {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let held: Route | null = null;
	await page.route(`${env.awsEndpoint}/**`, async (route) => {
		if (!isCallerIdentity(route.request())) return route.continue();
		held = route;
		await released;
		await route.continue();
	});
	const readsWhileHeld: string[] = [];
	page.on('request', (request) => {
		if (held && isDataRead(request, env.awsEndpoint)) readsWhileHeld.push(request.url());
	});

	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();

	await expect(startButton(page)).toBeVisible();
	await expect.poll(() => readsWhileHeld.length).toBeGreaterThan(0);
	expect(held).not.toBeNull();
	// Until STS answers, the card shows the principal AssumeRoleWithWebIdentity named.
	await openIdentityDetails(page);
	const card = page.getByRole('region', { name: 'Your AWS identity' });
	await expect(card).toContainText(
		`arn:aws:sts::${env.accountId}:assumed-role/fedplay-player/fedplay-alice`,
	);

	const answered = page.waitForResponse((response) => isCallerIdentity(response.request()));
	release();
	expect((await answered).status()).toBe(200);
	await expect(card).toContainText(env.accountId);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('GetCallerIdentity refused after the game started: the player is told, with AWS’s words', async ({
	page,
	env,
}) => {
	await page.route(`${env.awsEndpoint}/**`, (route) => {
		if (!isCallerIdentity(route.request())) return route.continue();
		return route.fulfill({
			status: 403,
			headers: {
				'content-type': 'text/xml',
				'access-control-allow-origin': env.appOrigin,
				'access-control-expose-headers': 'x-amzn-requestid, date',
				'x-amzn-requestid': 'click-path-test',
			},
			body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Refused by the test.</Message></Error><RequestId>click-path-test</RequestId></ErrorResponse>`,
		});
	});

	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();

	const alert = page
		.getByRole('alert')
		.filter({ has: page.getByRole('button', { name: 'Try again' }) });
	await expect(alert).toBeVisible();
	await alert.getByText('Technical details').click();
	await expect(alert).toContainText('AccessDenied');
	await expect(alert).toContainText('Refused by the test.');
	await expect(sessionStrip(page)).toHaveCount(0);
});

test('the callback finishes the sign-in without waiting for config.json', async ({ page, env }) => {
	let holdConfig = false;
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/config.json', async (route) => {
		if (holdConfig) await released;
		await route.continue();
	});
	const tokenCallsWhileHeld: string[] = [];
	page.on('request', (request) => {
		if (holdConfig && request.method() === 'POST' && request.url().endsWith('/token')) {
			tokenCallsWhileHeld.push(request.url());
		}
	});

	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	holdConfig = true;
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	// config.json is not answered on the callback page: the code is exchanged and the game starts anyway.
	await expect(startButton(page)).toBeVisible();
	expect(tokenCallsWhileHeld).toHaveLength(1);
	release();
});

test('a garbled kept config is ignored: the callback waits for config.json and signs in with it', async ({
	page,
	env,
}) => {
	await page.goto(env.appUrl);
	await expect(page.getByRole('button', { name: 'Sign in with Fedplay ID' })).toBeVisible();
	await expect
		.poll(() => page.evaluate(() => sessionStorage.getItem('fedplay.config')))
		.not.toBeNull();
	await page.evaluate(() => sessionStorage.setItem('fedplay.config', '{"region": "us-'));
	const configLoads: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('/config.json')) configLoads.push(page.url());
	});
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	await expect(startButton(page)).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(configLoads).toHaveLength(1);
	// config.json's answer is the copy now.
	expect(await page.evaluate(() => sessionStorage.getItem('fedplay.config'))).toContain('"region"');
	expect(
		await page.evaluate(() => JSON.parse(sessionStorage.getItem('fedplay.config') ?? 'null')),
	).toMatchObject({ region: env.config.region });
});

test('AssumeRoleWithWebIdentity goes to STS as a CORS simple request: no preflight, and STS answers it', async ({
	page,
	env,
}) => {
	// Chromium's own record of the network (CDP), preflights included: Playwright's request events hide them.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const toAws: { method: string; type: string; headers: Record<string, string>; body: string }[] =
		[];
	cdp.on('Network.requestWillBeSent', (event) => {
		if (!event.request.url.startsWith(env.awsEndpoint)) return;
		toAws.push({
			method: event.request.method,
			type: String(event.type ?? ''),
			headers: event.request.headers,
			body: event.request.postData ?? '',
		});
	});
	const assumed = page.waitForResponse(
		(response) =>
			/Action=AssumeRoleWithWebIdentity/.test(response.request().postData() ?? '') &&
			response.request().method() === 'POST',
	);

	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	const answer = await assumed;
	expect(answer.status()).toBe(200);
	expect(await answer.headerValue('access-control-allow-origin')).toBe(env.appOrigin);
	await expect(startButton(page)).toBeVisible();

	const stsPosts = toAws.filter((r) => /Action=AssumeRoleWithWebIdentity/.test(r.body));
	expect(stsPosts).toHaveLength(1);
	const sent = Object.keys(stsPosts[0]!.headers).map((h) => h.toLowerCase());
	expect(sent).not.toContain('amz-sdk-invocation-id');
	expect(sent).not.toContain('amz-sdk-request');
	expect(sent).not.toContain('x-amz-user-agent');
	// Every preflight Chromium sent to AWS came later, for the signed calls; none went before STS's answer.
	const firstSts = toAws.findIndex((r) => /Action=AssumeRoleWithWebIdentity/.test(r.body));
	const preflightsBefore = toAws
		.slice(0, firstSts)
		.filter((r) => r.method === 'OPTIONS' || r.type === 'Preflight');
	expect(preflightsBefore).toEqual([]);
	// The signed calls (GetCallerIdentity, the data reads) are preflighted: CDP does show preflights.
	await expect
		.poll(() => toAws.filter((r) => r.method === 'OPTIONS' || r.type === 'Preflight').length)
		.toBeGreaterThan(0);
});

/*
 * The order of work on the click and on the callback (issue 18), asserted by holding a download until the
 * request that should not wait for it has gone out (or a while has passed: then the test fails). Order only,
 * never timings.
 */

/** A built chunk of the app: `<name>-<hash>.js` in assets/ (`oidc` is not `oidc-client-ts`). */
const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]{8}\\.js$`);

/** Resolves when `seen` has happened, or after `ms` (then the held request goes on and the test fails). */
function seenOrAfter(seen: Promise<void>, ms: number): Promise<void> {
	return Promise.race([seen, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

test('the click asks for the discovery document without waiting for the OIDC code', async ({
	page,
	env,
}) => {
	let discovered!: () => void;
	const discovery = new Promise<void>((resolve) => (discovered = resolve));
	const order: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('/.well-known/openid-configuration')) discovered();
	});
	await page.goto(env.appUrl);
	await expect(page.getByRole('button', { name: 'Sign in with Fedplay ID' })).toBeVisible();
	// Both parts of the OIDC code (the wrapper; oidc-library: the parts of oidc-client-ts the app runs)
	// held until the discovery document has been asked for.
	for (const name of ['oidc', 'oidc-library']) {
		await page.route(chunk(name), async (route) => {
			await seenOrAfter(discovery, 5_000);
			order.push(`${name} answered`);
			await route.continue();
		});
	}
	page.on('request', (request) => {
		if (request.url().endsWith('/.well-known/openid-configuration')) order.push('discovery');
		if (request.url().includes('/auth?client_id=')) order.push('authorize');
	});

	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await expect(page.getByRole('button', { name: 'alice', exact: true })).toBeVisible();
	// Asked for while both were held; the provider's authorization endpoint once all three are in.
	expect(order[0]).toBe('discovery');
	expect(order.slice(1, 3).sort()).toEqual(['oidc answered', 'oidc-library answered']);
	expect(order[3]).toBe('authorize');
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	await expect(startButton(page)).toBeVisible();
});

test('the callback sends the code to the token endpoint before the session machinery has arrived, and asks for the game after', async ({
	page,
	env,
}) => {
	let tokenSent!: () => void;
	const token = new Promise<void>((resolve) => (tokenSent = resolve));
	let onCallback = false;
	const order: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (!onCallback) return;
		if (request.method() === 'POST' && url.endsWith('/token')) {
			order.push('token');
			tokenSent();
		}
		if (request.method() === 'POST' && url.startsWith(env.awsEndpoint)) {
			if (/Action=AssumeRoleWithWebIdentity/.test(request.postData() ?? '')) order.push('sts call');
		}
		for (const name of ['flow', 'lifecycle', 'sts', 'Home', 'data-layer', 'team-layer']) {
			if (chunk(name).test(url)) order.push(name);
		}
	});
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	// The sign-in click may load the session machinery too: on the callback it is held (routing a request
	// also keeps it from the browser's cache) until the token request has gone out.
	for (const name of ['flow', 'lifecycle']) {
		await page.route(chunk(name), async (route) => {
			if (onCallback) {
				await seenOrAfter(token, 5_000);
				order.push(`${name} answered`);
			}
			await route.continue();
		});
	}
	await expect(page.getByRole('button', { name: 'alice', exact: true })).toBeVisible();
	onCallback = true;
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	await expect(startButton(page)).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	const at = (name: string) => order.indexOf(name);
	expect(order.filter((name) => name === 'token')).toHaveLength(1);
	// First what the way to AWS credentials runs, the code exchange not waiting for it …
	for (const name of ['flow', 'lifecycle', 'sts']) {
		expect(at(name), `${name} in ${order.join(', ')}`).toBeGreaterThanOrEqual(0);
		expect(at(name), `${name} asked for before the token request`).toBeLessThan(at('token'));
	}
	for (const name of ['flow answered', 'lifecycle answered']) {
		expect(at(name), `${name} after the token request: ${order.join(', ')}`).toBeGreaterThan(
			at('token'),
		);
	}
	// … and the game's code once the code is exchanged.
	for (const name of ['Home', 'data-layer', 'team-layer']) {
		expect(at(name), `${name} after the token request: ${order.join(', ')}`).toBeGreaterThan(
			at('token'),
		);
	}
	expect(at('sts call')).toBeGreaterThan(at('token'));
});
