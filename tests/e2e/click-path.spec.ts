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
