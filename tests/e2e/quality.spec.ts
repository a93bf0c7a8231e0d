import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { serveStatic } from '../../scripts/serve-static';
import { expect, signIn, test } from './fixtures';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA violations on the current page (injected through the DevTools protocol, not a script tag). */
async function accessibilityViolations(page: Page): Promise<string[]> {
	await page.evaluate(await axeSource);
	return page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run(o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
			}
		).axe;
		const result = await axe.run({
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
		});
		return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
	});
}

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
