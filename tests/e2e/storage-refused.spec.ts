import { expect, signIn, test } from './fixtures';
import { playRun } from './game-helpers';

/*
 * A browser that refuses IndexedDB (a private mode, a policy, a full disk): `indexedDB.open` throws before
 * the app runs. Sign-in and play still work, with the vault in memory; the in-flight sign-in (PKCE verifier
 * and state) crosses the redirect in sessionStorage, in this mode only; the player is told the session will
 * not survive a reload, and it does not.
 */

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page, env }) => {
	await page.clock.install();
	await page.addInitScript((appOrigin) => {
		if (location.origin !== appOrigin) return;
		IDBFactory.prototype.open = () => {
			throw new DOMException('The user denied permission to access the database.', 'SecurityError');
		};
	}, env.appOrigin);
});

test('with IndexedDB refused, the player signs in, plays, and is told a reload ends the session', async ({
	page,
	env,
}) => {
	await signIn(page, env, 'carol');
	const notice = page
		.getByRole('status')
		.filter({ hasText: 'This session will not survive a reload' });
	await expect(notice).toBeVisible();

	const score = await playRun(page);
	await expect(page.getByText('Score saved')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Pending writes' })).toContainText(
		'Nothing waiting',
	);
	expect(score).toBeGreaterThanOrEqual(0);

	// The sign-in state left sessionStorage at the callback; the tokens and keys were never in web storage.
	const stored = await page.evaluate(() => ({
		session: Object.keys(sessionStorage),
		local: Object.keys(localStorage),
	}));
	expect(stored.session.filter((key) => key.startsWith('fedplay.oidc.'))).toEqual([]);
	expect(stored.local).toEqual([]);

	await page.reload();
	await expect(page.getByRole('button', { name: 'Sign in with Fedplay ID' })).toBeVisible();
});

test('without the refusal, no notice: the vault is in IndexedDB', async ({ browser, env }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, env, 'alice');
	await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
	await expect(page.getByText('This session will not survive a reload')).toHaveCount(0);
	await context.close();
});
