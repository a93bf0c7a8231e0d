import { serveStatic } from '../../scripts/serve-static';
import { accessibilityViolations } from './axe';
import { expect, signIn, test } from './fixtures';

test.describe('quality', () => {
	test('the sign-in screen has no WCAG A/AA violations, at desktop and 360 px', async ({
		page,
		env,
	}) => {
		await page.goto(env.appUrl);
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		expect(await accessibilityViolations(page)).toEqual([]);
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await accessibilityViolations(page)).toEqual([]);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth > window.innerWidth,
		);
		expect(overflow).toBe(false);
	});

	test('the identity card has no WCAG A/AA violations', async ({ page, env }) => {
		await signIn(page, env, 'alice');
		expect(await accessibilityViolations(page)).toEqual([]);
	});

	test('the CSP blocks an inline script and the violation is reported to the server', async ({
		page,
	}) => {
		const server = await serveStatic({ root: 'dist', port: 0 });
		try {
			await page.goto(server.url);
			await page.evaluate(() => {
				const script = document.createElement('script');
				script.textContent = 'window.__inlineRan = true';
				document.body.append(script);
			});
			expect(await page.evaluate(() => 'inlineRan' in window || '__inlineRan' in window)).toBe(
				false,
			);
			await expect.poll(() => server.cspReports.length).toBeGreaterThan(0);
			expect(JSON.stringify(server.cspReports[0])).toContain('script-src');
		} finally {
			await server.close();
		}
	});
});
