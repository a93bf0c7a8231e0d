import { saveProfile } from '../../src/lib/game/profile';
import { loadMyRuns, recordRun } from '../../src/lib/game/scores';
import { accessibilityViolations } from './axe';
import { expect, signIn, test } from './fixtures';
import { dataAs, leaderboard, playRun, runsCount, runsNow, seedRivals } from './game-helpers';

// Every test drives the game's frames with the page clock (see playRun); it must exist before the app.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
	await page.clock.install();
});

test.describe('the game and the player’s data', () => {
	test('alice plays a run with the keyboard and her score appears on the leaderboard under her name', async ({
		page,
		env,
		secrets,
	}) => {
		await seedRivals(env);
		await page.setViewportSize({ width: 1280, height: 900 });
		await signIn(page, env, 'alice');
		const before = await runsNow(page);

		const score = await playRun(page);

		await expect(page.getByRole('status').filter({ hasText: 'Score saved' })).toBeVisible();
		await expect(runsCount(page)).toHaveText(String(before + 1));
		const mine = leaderboard(page).locator('tr[aria-current="true"]');
		await expect(mine).toContainText('Alice');
		await expect(mine).toContainText('you');
		const best = Number((await mine.locator('td').nth(1).innerText()).replace(/,/g, ''));
		expect(best).toBeGreaterThanOrEqual(score);

		const html = await page.content();
		for (const secret of [...secrets.secretAccessKeys, ...secrets.sessionTokens]) {
			expect(html).not.toContain(secret);
		}
		expect(await accessibilityViolations(page)).toEqual([]);
		await page.screenshot({ path: 'docs/screenshots/game-home.png', fullPage: true });
		await page
			.getByRole('region', { name: 'Leaderboard' })
			.screenshot({ path: 'docs/screenshots/leaderboard.png' });
		await page.setViewportSize({ width: 360, height: 740 });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth > window.innerWidth,
		);
		expect(overflow).toBe(false);
		await page.screenshot({ path: 'docs/screenshots/game-home-360.png', fullPage: true });
	});

	test('bob sees alice’s top score on the leaderboard but never her profile', async ({
		browser,
		env,
	}) => {
		// alice, in her own session: a private profile and a run that puts her on the board.
		const alice = await dataAs(env, 'alice');
		const secretName = `Alice-private-${Date.now()}`;
		await saveProfile(
			alice.data,
			alice.identity,
			{ version: 1, displayName: secretName, avatarColor: '#ff9bb0', preferences: {} },
			null,
		).catch(() => undefined); // an earlier run of the suite may have saved one already
		const top = 900_000 + Math.floor(Math.random() * 50_000);
		await recordRun(alice.data, alice.identity, {
			runId: crypto.randomUUID(),
			score: top,
			playedAt: new Date().toISOString(),
			durationMs: 60_000,
			displayName: 'Alice',
			won: true,
		});
		alice.data.destroy();

		const context = await browser.newContext();
		const page = await context.newPage();
		const s3Keys: string[] = [];
		page.on('request', (request) => {
			const url = new URL(request.url());
			// The key in the path, or the prefix of a listing (ListObjectsV2 names it in the query).
			if (url.origin === new URL(env.awsEndpoint).origin)
				s3Keys.push(decodeURIComponent(url.pathname) + (url.searchParams.get('prefix') ?? ''));
		});
		await signIn(page, env, 'bob');
		const aliceRow = leaderboard(page).getByRole('row', { name: /Alice/ }).first();
		await expect(aliceRow).toContainText(top.toLocaleString('en'));
		await expect(aliceRow).not.toContainText('you');

		// bob's page shows bob's own profile form and asks S3 only for bob's objects.
		await expect(page.getByLabel('Display name')).toHaveValue(/Bob/);
		const text = await page.evaluate(() => document.body.innerText);
		expect(text).not.toContain(secretName);
		expect(s3Keys.some((key) => key.includes('players/oidc1/alice/'))).toBe(false);
		expect(s3Keys.some((key) => key.includes('players/oidc1/bob/'))).toBe(true);
		// Every S3 key bob's page asks for is under his provider's segment: nothing in the old layout.
		const keys = s3Keys.filter((key) => key.includes('players'));
		expect(keys.every((key) => key.includes('players/oidc1/bob/'))).toBe(true);
		await context.close();
	});

	test('offline, a run is queued and shown pending; back online it lands exactly once', async ({
		page,
		context,
		env,
	}) => {
		await signIn(page, env, 'carol');
		const before = await runsNow(page);

		await context.setOffline(true);
		await expect(page.getByText('You are offline.')).toBeVisible();
		const score = await playRun(page);
		await expect(page.getByText('Queued — will send when online')).toBeVisible();
		const writes = page.getByRole('region', { name: 'Pending writes' });
		await expect(writes.locator('li[data-kind="score"]')).toContainText(
			`Score ${score.toLocaleString('en')}`,
		);
		await expect(writes.locator('li[data-kind="score"]')).toContainText('Pending');

		await context.setOffline(false);
		await expect(page.getByText('Score saved')).toBeVisible();
		await expect(runsCount(page)).toHaveText(String(before + 1));
		await expect(writes).toContainText('Nothing waiting');

		// Straight from DynamoDB: one run item with this score since the test began, not two.
		const carol = await dataAs(env, 'carol');
		const runs = await loadMyRuns(carol.data, carol.identity, 50);
		carol.data.destroy();
		expect(runs.filter((r) => r.score === score)).toHaveLength(1);
	});

	test('a run queued when the tab closes is delivered once from the next tab', async ({
		page,
		context,
		env,
	}) => {
		await signIn(page, env, 'carol', 'Arcade ID');
		const before = await runsNow(page);
		await context.setOffline(true);
		await playRun(page);
		await expect(page.getByText('Queued — will send when online')).toBeVisible();
		await page.close();

		await context.setOffline(false);
		const next = await context.newPage();
		await next.clock.install();
		await next.goto(env.appUrl);
		// The session comes back from the vault; the runner delivers what the closed tab left.
		await expect(runsCount(next)).toHaveText(String(before + 1));
		await expect(next.getByRole('region', { name: 'Pending writes' })).toContainText(
			'Nothing waiting',
		);
		await next.reload();
		await expect(runsCount(next)).toHaveText(String(before + 1));
	});

	test('a write AWS denies is shown, explained and discardable, never retried', async ({
		page,
		env,
	}) => {
		// A session policy without dynamodb:PutItem is what a player would hit; the sandbox cannot be told
		// to deny this player's own write, so the answer is AWS's own, served by the route.
		let denied = 0;
		await page.route(`${env.awsEndpoint}/**`, async (route) => {
			const target = route.request().headers()['x-amz-target'] ?? '';
			if (!target.endsWith('.TransactWriteItems')) return route.fallback();
			denied++;
			await route.fulfill({
				status: 400,
				headers: {
					'content-type': 'application/x-amz-json-1.0',
					'access-control-allow-origin': env.appOrigin,
					'x-amzn-requestid': 'e2e-denied',
				},
				body: JSON.stringify({
					__type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException',
					message: `User: arn:aws:sts::${env.accountId}:assumed-role/fedplay-player/fedplay-bob is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${env.accountId}:table/GameScores because no session policy allows the dynamodb:PutItem action`,
				}),
			});
		});
		await signIn(page, env, 'bob');
		await runsNow(page);
		await playRun(page);

		await expect(page.getByText('Not saved: AWS refused the write')).toBeVisible();
		const write = page
			.getByRole('region', { name: 'Pending writes' })
			.locator('li[data-kind="score"]');
		await expect(write).toContainText('Denied');
		await expect(write).toContainText('dynamodb:PutItem');
		await page.clock.runFor(120_000);
		expect(denied).toBe(1);
		await write.getByRole('button', { name: 'Discard' }).click();
		await expect(page.getByRole('region', { name: 'Pending writes' })).toContainText(
			'Nothing waiting',
		);
	});
});
