import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, sandboxRuntimeConfig } from '../../sandbox/app';
import { serveStatic } from '../../scripts/serve-static';
import type { E2eEnv } from './env';
import { expect, openIdentityDetails, signIn, test as base } from './fixtures';

/*
 * Svelte warns at run time only in a development build (a `bind:this` into a plain object, state read
 * before it is set, …). This suite builds one — `vite build --mode development`, the dev compiler and
 * runtime — serves it with its own sandbox, goes through every screen and inspector tab, and wants the
 * console free of warnings and errors.
 */

const test = base.extend<object, { devEnv: E2eEnv }>({
	devEnv: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
		async ({}, use) => {
			const out = mkdtempSync(join(tmpdir(), 'fedplay-dev-'));
			execFileSync('npx', ['vite', 'build', '--mode', 'development', '--outDir', out], {
				env: { ...process.env, NODE_ENV: 'development' },
				stdio: 'ignore',
			});
			const web = await serveStatic({ root: out, port: 0, basePath: '/games/fedplay/' });
			const sandbox = await createSandbox({
				idpPort: 0,
				idp2Port: 0,
				amazonPort: 0,
				awsPort: 0,
				appOrigins: [web.origin],
			});
			const config = sandboxRuntimeConfig(sandbox);
			web.setConfig(config);
			await use({
				appUrl: web.url,
				appOrigin: web.origin,
				cspReportsUrl: `${web.url}__csp-report`,
				awsEndpoint: sandbox.awsEndpoint,
				issuers: sandbox.issuers,
				roleArns: sandbox.roleArns,
				accountId: sandbox.config.accountId,
				config,
			});
			await sandbox.close();
			await web.close();
			rmSync(out, { recursive: true, force: true });
		},
		{ scope: 'worker', timeout: 120_000 },
	],
	env: async ({ devEnv }, use) => {
		await use(devEnv);
	},
});

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

	await page.getByRole('button', { name: 'Inspector' }).click();
	const dialog = page.getByRole('dialog', { name: /Every AWS call/ });
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
