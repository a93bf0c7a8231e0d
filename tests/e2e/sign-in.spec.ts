import { countdownSeconds, expect, openIdentityDetails, signIn, test } from './fixtures';

test.describe('signing in', () => {
	test('alice signs in with Fedplay ID and sees her assumed role and a running countdown', async ({
		page,
		env,
	}) => {
		await page.goto(env.appUrl);
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		await page.screenshot({ path: 'docs/screenshots/sign-in.png', fullPage: true });

		await signIn(page, env, 'alice', 'Fedplay ID');
		await openIdentityDetails(page);

		const card = page.getByRole('region', { name: 'Your AWS identity' });
		await expect(card).toContainText(
			`arn:aws:sts::${env.accountId}:assumed-role/fedplay-player/fedplay-alice`,
		);
		await expect(card).toContainText(env.issuers[0]!);
		await expect(card).toContainText('Fedplay ID');
		await expect(card).toContainText(/ASIA…[A-Z0-9]{4}/);
		await expect(page).toHaveURL(env.appUrl);

		const first = await countdownSeconds(page);
		expect(first).toBeGreaterThan(800);
		expect(first).toBeLessThanOrEqual(900);
		await expect.poll(() => countdownSeconds(page), { timeout: 5000 }).toBeLessThan(first);
		await expect(page.getByRole('timer').first()).toHaveAttribute('aria-live', 'polite');
	});

	test('a player of the second provider gets that provider’s role', async ({ page, env }) => {
		await signIn(page, env, 'bob', 'Arcade ID');
		await openIdentityDetails(page);
		const card = page.getByRole('region', { name: 'Your AWS identity' });
		await expect(card).toContainText(
			`arn:aws:sts::${env.accountId}:assumed-role/fedplay-player-arcade/fedplay-bob`,
		);
		await expect(card).toContainText(env.issuers[1]!);
		await expect(card).toContainText('Arcade ID');
	});

	test('secrets and tokens never reach the page, the console or web storage', async ({
		page,
		env,
		secrets,
		consoleMessages,
	}) => {
		await signIn(page, env, 'carol');
		expect(secrets.secretAccessKeys).toHaveLength(1);
		expect(secrets.sessionTokens).toHaveLength(1);
		expect(secrets.idTokens).toHaveLength(1);

		const text = await page.evaluate(() => document.body.innerText);
		const html = await page.content();
		const storage = await page.evaluate(() =>
			JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
		);
		const logged = consoleMessages.join('\n');
		for (const secret of [
			...secrets.secretAccessKeys,
			...secrets.sessionTokens,
			...secrets.idTokens,
		]) {
			for (const place of [text, html, storage, logged]) expect(place).not.toContain(secret);
		}
	});

	test('signing out returns to the sign-in screen', async ({ page, env }) => {
		await signIn(page, env, 'alice');
		await page.getByRole('button', { name: 'Sign out' }).click();
		// The sandbox provider asks before ending its session, as oidc-provider does by default.
		await page.getByRole('button', { name: 'Yes, sign me out' }).click();
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		await expect(page).toHaveURL(env.appUrl);
		await expect(page.getByRole('button', { name: 'Sign in with Fedplay ID' })).toBeVisible();
	});
});

test.describe('sign-in failures', () => {
	test('cancelling at the provider says so and offers to try again', async ({ page, env }) => {
		await page.goto(env.appUrl);
		await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
		await page.getByRole('button', { name: 'Cancel' }).click();
		await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible();
		await expect(page).toHaveURL(env.appUrl);
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
	});

	test('a callback that matches no sign-in from this tab is refused', async ({ page, env }) => {
		await page.goto(`${env.appUrl}callback?code=stolen&state=not-ours`);
		await expect(
			page.getByRole('heading', { name: 'This sign-in could not be matched' }),
		).toBeVisible();
		await expect(page).toHaveURL(env.appUrl);
	});
});
