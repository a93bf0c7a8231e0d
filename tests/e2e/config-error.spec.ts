import { serveStatic, type StaticServer } from '../../scripts/serve-static';
import { expect, test } from './fixtures';

/** A second static server for these tests only, serving a config of our choosing. */
let server: StaticServer;

test.beforeAll(async () => {
	server = await serveStatic({ root: 'dist', port: 0, basePath: '/' });
});

test.afterAll(async () => {
	await server.close();
});

test('a broken config shows the config error page naming each bad field', async ({ page, env }) => {
	const broken = structuredClone(env.config) as Record<string, unknown> & {
		providers: Record<string, unknown>[];
	};
	broken.region = 'moon-base';
	broken.providers[1]!.roleArn = 'arn:aws:iam::123:role/short-account';
	delete broken.providers[0]!.clientId;
	server.setConfig(broken);

	await page.goto(server.url);
	await expect(
		page.getByRole('heading', { name: 'The app is not configured correctly' }),
	).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('row', { name: /^region/ })).toContainText('"moon-base"');
	await expect(table.getByRole('row', { name: /providers\[1\]\.roleArn/ })).toContainText(
		'role ARN',
	);
	await expect(table.getByRole('row', { name: /providers\[0\]\.clientId/ })).toContainText(
		'missing',
	);
	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/config-error.png', fullPage: true });
});

test('a provider that does not answer is reported as unreachable', async ({ page, env }) => {
	const config = structuredClone(env.config);
	config.providers[0]!.issuer = 'http://localhost:9';
	server.setConfig(config);

	await page.goto(server.url);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await expect(page.getByRole('heading', { name: 'Fedplay ID is unreachable' })).toBeVisible();
});
