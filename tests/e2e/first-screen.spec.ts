import type { Locator, Page } from '@playwright/test';
import type { E2eEnv } from './env';
import { expect, signIn, test } from './fixtures';

/*
 * The game first: after sign-in, by every sign-in path, the whole play field and its start control are on the
 * first screen of a laptop and a phone, and the keyboard reaches the game in two Tab presses.
 */

const VIEWPORTS = [
	{ name: 'laptop', width: 1280, height: 800, shot: 'docs/screenshots/signed-in.png' },
	{ name: 'phone', width: 390, height: 844, shot: 'docs/screenshots/signed-in-phone.png' },
] as const;

/** Every way to sign in that exists: a new path (Cognito, guest, OAuth 2.0 …) is one more line. */
const SIGN_IN_PATHS: {
	name: string;
	path: string;
	signIn: (page: Page, env: E2eEnv) => Promise<void>;
}[] = [
	{
		name: 'Fedplay ID',
		path: 'Direct to STS',
		signIn: (p, e) => signIn(p, e, 'alice', 'Fedplay ID'),
	},
	{ name: 'Arcade ID', path: 'Direct to STS', signIn: (p, e) => signIn(p, e, 'bob', 'Arcade ID') },
	{ name: 'Cognito', path: 'Cognito', signIn: (p, e) => viaPool(p, e, 'carol') },
	{ name: 'Cognito guest', path: 'Cognito guest', signIn: (p, e) => asGuest(p, e) },
	{ name: 'Login with Amazon', path: 'OAuth 2.0', signIn: (p, e) => viaAmazon(p, e, 'alice') },
];

/** Login with Amazon (OAuth 2.0, ProviderId): the sandbox's provider, config.json `oauth2Providers`. */
async function viaAmazon(page: Page, env: E2eEnv, player: string): Promise<void> {
	const amazon = (env.config as unknown as { oauth2Providers: { displayName: string }[] })
		.oauth2Providers[0]!;
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: `Sign in with ${amazon.displayName}` }).click();
	await page.getByRole('button', { name: player, exact: true }).click();
	await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeFocused();
}

/** Through the Amazon Cognito identity pool over Fedplay ID. */
async function viaPool(page: Page, env: E2eEnv, player: string): Promise<void> {
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Continue with Fedplay ID via Amazon Cognito' }).click();
	await page.getByRole('button', { name: player, exact: true }).click();
	await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeFocused();
}

/** The identity pool's guest. */
async function asGuest(page: Page, env: E2eEnv): Promise<void> {
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: 'Play as guest' }).click();
	await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeFocused();
}

/** Whether the element's whole box lies inside the first screen (the page not scrolled). */
async function onFirstScreen(page: Page, name: string, locator: Locator): Promise<void> {
	const box = await locator.boundingBox();
	const viewport = page.viewportSize()!;
	expect(await page.evaluate(() => window.scrollY), 'the page has not scrolled').toBe(0);
	expect(box, `${name} is rendered`).not.toBeNull();
	const { x, y, width, height } = box!;
	expect(x, `${name}'s left edge`).toBeGreaterThanOrEqual(0);
	expect(y, `${name}'s top edge`).toBeGreaterThanOrEqual(0);
	expect(x + width, `${name}'s right edge`).toBeLessThanOrEqual(viewport.width);
	expect(y + height, `${name}'s bottom edge`).toBeLessThanOrEqual(viewport.height);
}

for (const viewport of VIEWPORTS) {
	for (const path of SIGN_IN_PATHS) {
		test(`${path.name} on a ${viewport.name}: the play field and Start are on the first screen, two Tabs away`, async ({
			page,
			env,
		}) => {
			await page.setViewportSize({ width: viewport.width, height: viewport.height });
			await path.signIn(page, env);

			const field = page.locator('canvas[aria-label="Token Rush play field"]');
			const start = page.getByRole('button', { name: 'Start game' });
			await expect(start).toBeVisible();
			await onFirstScreen(page, 'the play field', field);
			await onFirstScreen(page, 'Start game', start);
			await expect(page.getByTestId('credential-path')).toHaveText(path.path);

			// Focus starts on the welcome heading; the field, then its start control.
			await page.keyboard.press('Tab');
			await expect(field).toBeFocused();
			await page.keyboard.press('Tab');
			await expect(start).toBeFocused();

			if (path === SIGN_IN_PATHS[0]) {
				await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
				await page.screenshot({ path: viewport.shot });
			}
		});
	}
}
