import type { Page } from '@playwright/test';
import {
	countTraffic,
	dumpIndexedDb,
	moveSandboxClock,
	settle,
	trackInFlight,
} from './credentials-support';
import type { E2eEnv } from './env';
import {
	countdownSeconds,
	expect,
	openIdentityDetails,
	signIn,
	test,
	type ProviderName,
} from './fixtures';

const MIN = 60_000;

/** The credential panel's ring: seconds left, as announced to assistive tech. */
async function secondsLeft(page: Page): Promise<number> {
	const ring = page.getByRole('progressbar', { name: 'Credential lifetime left' });
	return Number(await ring.getAttribute('aria-valuenow'));
}

const accessKey = (page: Page) =>
	page.getByRole('region', { name: 'Your AWS identity' }).locator('dd .mono').last().innerText();

/**
 * Signed in as `player` with the page's clock under the test's control (`page.clock`), the identity card
 * open and the network quiet; the provider and AWS traffic counted from then on.
 */
async function signedInOnTestClock(
	page: Page,
	env: E2eEnv,
	player: string,
	provider?: ProviderName,
) {
	const network = trackInFlight(page);
	await page.clock.install();
	await signIn(page, env, player, provider);
	await openIdentityDetails(page);
	await network.quiet();
	return countTraffic(page, env);
}

// The sandbox is shared by every test: put its clock back.
test.afterEach(async ({ env }) => {
	await moveSandboxClock(env, { offsetMs: 0 });
});

test.describe('credential lifecycle', () => {
	test('a reload keeps the session with zero provider and zero STS requests', async ({
		page,
		env,
	}) => {
		await signIn(page, env, 'alice');
		await openIdentityDetails(page);
		const before = await accessKey(page);
		const traffic = countTraffic(page, env);

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Your AWS identity' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your AWS identity' })).toContainText(
			`assumed-role/fedplay-player/fedplay-alice`,
		);
		await expect(page.getByRole('heading', { name: 'Welcome, Alice' })).toBeVisible();
		await settle(page);

		expect(traffic.provider).toEqual([]);
		expect(traffic.assumeRole).toBe(0);
		expect(traffic.getCallerIdentity).toBe(0);
		expect(await accessKey(page)).toBe(before);
		expect(await secondsLeft(page)).toBeGreaterThan(800);
	});

	test('time moved past the refresh threshold: exactly one STS call, no provider call, no failed AWS call', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'alice');
		const before = await accessKey(page);

		// Credentials last 15 minutes and are refreshed with 5 left: 11 minutes later the timer is due.
		// The ID token (1 hour) is still valid, so it is traded as it is: no request to the provider.
		await moveSandboxClock(env, { advanceMs: 11 * MIN });
		await page.clock.fastForward(11 * MIN);

		await expect.poll(() => traffic.assumeRole).toBe(1);
		await expect.poll(() => accessKey(page)).not.toBe(before);
		await expect.poll(() => secondsLeft(page)).toBeGreaterThan(800);
		await settle(page);
		expect(traffic.assumeRole).toBe(1);
		expect(traffic.provider).toEqual([]);
		expect(traffic.awsFailures).toEqual([]);
		await expect(
			page.getByRole('progressbar', { name: 'Credential lifetime left' }),
		).toHaveAttribute('aria-valuetext', /About 1[45] minutes left/);
	});

	test('an ID token about to expire is renewed with the refresh token first, then one STS call', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'bob');

		// 56 minutes on: the credentials are long expired and the ID token (1 hour) has 4 minutes left,
		// under the 5-minute margin, so the provider renews it (refresh token grant) before STS sees it.
		// The provider signs the new token on the real clock: STS, 56 minutes ahead, still accepts it.
		await moveSandboxClock(env, { advanceMs: 56 * MIN });
		await page.clock.fastForward(56 * MIN);

		await expect.poll(() => traffic.assumeRole).toBe(1);
		await expect.poll(() => secondsLeft(page)).toBeGreaterThan(800);
		await settle(page);
		expect(traffic.refreshGrants).toBe(1);
		expect(traffic.assumeRole).toBe(1);
		// Discovery (loaded lazily, first use in this page) and the token endpoint: nothing else.
		expect(traffic.provider.filter((r) => !/openid-configuration|\/token$/.test(r))).toEqual([]);
		expect(traffic.awsFailures).toEqual([]);
	});

	test('without a refresh token (Arcade ID) the ID token is renewed in a hidden iframe, then one STS call', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'carol', 'Arcade ID');
		const arcade = env.issuers[1]!;
		const authorizations: { prompt: string | null; inIframe: boolean }[] = [];
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (!request.url().startsWith(arcade) || url.pathname !== '/auth') return;
			const inIframe = request.frame() !== page.mainFrame();
			authorizations.push({ prompt: url.searchParams.get('prompt'), inIframe });
		});

		// As above, but Arcade ID gives no refresh token: the app asks again with prompt=none in a hidden
		// iframe, the provider's session cookie (same site: localhost) answers, silent-callback.html posts
		// the code back, and the app redeems it.
		await moveSandboxClock(env, { advanceMs: 56 * MIN });
		await page.clock.fastForward(56 * MIN);

		await expect.poll(() => traffic.assumeRole).toBe(1);
		await expect.poll(() => secondsLeft(page)).toBeGreaterThan(800);
		await settle(page);
		expect(authorizations).toEqual([{ prompt: 'none', inIframe: true }]);
		expect(traffic.refreshGrants).toBe(0);
		expect(traffic.assumeRole).toBe(1);
		expect(traffic.awsFailures).toEqual([]);
		await expect(page.getByRole('region', { name: 'Your AWS identity' })).toContainText(
			'assumed-role/fedplay-player-arcade/',
		);
		// The iframe is gone once the answer is in.
		await expect(page.locator('iframe')).toHaveCount(0);
	});

	test('when the provider does not answer in the hidden iframe, it is removed after 10 s and the player is asked to sign in again', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'carol', 'Arcade ID');
		const arcade = env.issuers[1]!;
		// The provider's login page never answers in the iframe (as one that refuses to be framed): held.
		let held = 0;
		await page.route(
			(url) => url.href.startsWith(arcade) && url.pathname === '/auth',
			() => void held++,
		);

		await moveSandboxClock(env, { advanceMs: 56 * MIN });
		await page.clock.fastForward(56 * MIN);
		await expect(page.locator('iframe')).toHaveCount(1);
		await expect.poll(() => held).toBe(1);
		// Nine seconds: still waiting. Past ten: given up, the iframe gone, the player asked.
		await page.clock.fastForward(9_000);
		await expect(page.locator('iframe')).toHaveCount(1);
		await page.clock.fastForward(2_000);
		await expect(page.locator('iframe')).toHaveCount(0);
		await expect(
			page.getByRole('heading', { name: 'Sign in again to keep playing' }),
		).toBeVisible();
		expect(traffic.assumeRole).toBe(0);
		expect(held).toBe(1);
	});

	test('a call with credentials AWS says expired is retried after a refresh and succeeds', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'carol');

		// The machine slept: AWS's clock is 16 minutes on (past the 15-minute expiry), the browser's only
		// 9 (its credentials still look fresh: no refresh is due, the app signs with them).
		await page.clock.fastForward(9 * MIN);
		await moveSandboxClock(env, { advanceMs: 16 * MIN });
		await page.getByRole('button', { name: 'Check with AWS' }).click();

		await expect(page.getByRole('region', { name: 'Your credentials' })).toContainText(
			'AWS answered GetCallerIdentity: arn:aws:sts::',
		);
		// AWS refused the old credentials (to this call, or to a game call that went first: 403 STS/S3,
		// 400 DynamoDB); every refused call was retried once with new ones, from one AssumeRole.
		expect(traffic.awsFailures.length).toBeGreaterThan(0);
		expect(traffic.awsFailures.every((f) => / 40[03]$/.test(f))).toBe(true);
		expect(traffic.callerIdentityStatuses.at(-1)).toBe(200);
		expect(traffic.assumeRole).toBe(1);
		expect(traffic.provider).toEqual([]);
	});

	test('with the device clock 20 minutes fast, AWS calls work and the player is told', async ({
		page,
		env,
	}) => {
		const traffic = await signedInOnTestClock(page, env, 'alice');

		await page.clock.setSystemTime(Date.now() + 20 * MIN);
		await page.getByRole('button', { name: 'Check with AWS' }).click();

		const panel = page.getByRole('region', { name: 'Your credentials' });
		await expect(panel).toContainText('AWS answered GetCallerIdentity');
		await expect(panel).toContainText('Your device clock is off by 20 minutes');
		// On the device clock the old credentials had expired: new ones, then the call, signed on AWS time.
		expect(traffic.assumeRole).toBe(1);
		expect(traffic.callerIdentityStatuses).toEqual([200]);
		// The countdown runs on the corrected clock: fresh 15-minute credentials, not "expired".
		await expect.poll(() => secondsLeft(page)).toBeGreaterThan(800);
		await expect.poll(() => countdownSeconds(page)).toBeLessThanOrEqual(900);
		expect(await countdownSeconds(page)).toBeGreaterThan(800);
		await page.screenshot({ path: 'docs/screenshots/credentials.png', fullPage: true });
	});

	test('the vault and web storage hold no plaintext SecretAccessKey, SessionToken or ID token', async ({
		page,
		env,
		secrets,
	}) => {
		await signIn(page, env, 'carol');
		await openIdentityDetails(page);
		expect(secrets.secretAccessKeys).toHaveLength(1);
		expect(secrets.sessionTokens).toHaveLength(1);

		const dump = await dumpIndexedDb(page);
		expect(dump.credentials).toHaveLength(1);
		expect(dump.keys?.[0]?.value).toBe('"[CryptoKey extractable=false]"');
		const stored = JSON.stringify(dump);
		const storage = await page.evaluate(() =>
			JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
		);
		for (const secret of [
			...secrets.secretAccessKeys,
			...secrets.sessionTokens,
			...secrets.idTokens,
		]) {
			expect(stored).not.toContain(secret);
			expect(storage).not.toContain(secret);
		}
		// The OIDC user and sign-in state live sealed in the vault, not in sessionStorage.
		expect(storage).not.toContain('fedplay.oidc.');
		expect(dump.oidc?.map((e) => String(e.key))).toContainEqual(expect.stringMatching(/^user\./));
	});

	test('"Forget credentials" empties the vault; the next AWS call assumes the role again', async ({
		page,
		env,
	}) => {
		await signIn(page, env, 'alice');
		await openIdentityDetails(page);
		const traffic = countTraffic(page, env);

		await page.getByRole('button', { name: 'Forget credentials' }).click();
		const panel = page.getByRole('region', { name: 'Your credentials' });
		await expect(panel).toContainText('Credentials forgotten');
		expect((await dumpIndexedDb(page)).credentials).toEqual([]);

		await page.getByRole('button', { name: 'Check with AWS' }).click();
		await expect(panel).toContainText('AWS answered GetCallerIdentity');
		expect(traffic.assumeRole).toBe(1);
		expect((await dumpIndexedDb(page)).credentials).toHaveLength(1);
	});
});
