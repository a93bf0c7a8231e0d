import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openIdentityDetails, openInspector, signIn, testWithOwnApp } from './fixtures';
import { serveApp } from './serve-app';

/*
 * Svelte warns at run time only in a development build (a `bind:this` into a plain object, state read
 * before it is set, …). This suite builds one — `vite build --mode development`, the dev compiler and
 * runtime — serves it with its own sandbox, goes through every screen and inspector tab, and wants the
 * console free of warnings and errors.
 */

const test = testWithOwnApp(async () => {
	const out = mkdtempSync(join(tmpdir(), 'fedplay-dev-'));
	execFileSync('npx', ['vite', 'build', '--mode', 'development', '--outDir', out], {
		env: { ...process.env, NODE_ENV: 'development' },
		stdio: 'ignore',
	});
	const app = await serveApp(out);
	return {
		...app,
		async close() {
			await app.close();
			rmSync(out, { recursive: true, force: true });
		},
	};
}, 120_000);

test('a development build logs no Svelte warning on any screen', async ({ page, env }) => {
	test.setTimeout(90_000);
	const logged: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'warning' || message.type() === 'error') {
			logged.push(`${message.type()}: ${message.text()}`);
		}
	});
	await page.goto(env.appUrl);
	await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
	await signIn(page, env, 'alice');
	await openIdentityDetails(page);
	await page.getByRole('button', { name: 'Start game' }).click();
	await page.keyboard.press('p');

	const dialog = await openInspector(page);
	for (const name of ['Calls', 'Identity', 'Explain', 'Playground', 'Flow']) {
		const tab = dialog.getByRole('tab', { name: new RegExp(`^${name}`) });
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}
	// The arrow keys move between tabs (the handler that used a bound element map).
	await page.keyboard.press('ArrowLeft');
	await expect(dialog.getByRole('tab', { name: /^Playground/ })).toBeFocused();
	await page.setViewportSize({ width: 390, height: 844 });
	await dialog.getByRole('tab', { name: /^Flow/ }).click();
	// Every lane of src/lib/inspector/flow.ts's LIFELINES: Browser, Provider, Cognito, STS, S3, DynamoDB.
	await expect(dialog.locator('.lane')).toHaveCount(6);

	expect(logged).toEqual([]);
});
