import type { Page } from '@playwright/test';
import { accessibilityViolations } from './axe';
import { recordRun } from '../../src/lib/game/scores';
import { expect, openIdentityDetails, signIn, test } from './fixtures';
import { dataAs, seedRivals } from './game-helpers';

/*
 * Every screen and every inspector tab, on a laptop and a phone: no WCAG A/AA violation (axe), nothing cut
 * off sideways, and the signed-in home settles without moving what is already on screen.
 */

const VIEWPORTS = [
	{ name: 'laptop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 },
] as const;

const INSPECTOR_TABS = ['Calls', 'Identity', 'Explain', 'Playground', 'Flow'] as const;

async function noViolations(page: Page, screen: string, within?: string): Promise<void> {
	expect(await accessibilityViolations(page, within), `${screen}: axe violations`).toEqual([]);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
	expect(overflow, `${screen}: wider than the screen`).toBe(false);
}

/** Sums the page's layout shifts not caused by input, from the page's start (buffered). */
async function watchLayoutShift(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __cls: number };
		w.__cls = 0;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as (PerformanceEntry & {
				value: number;
				hadRecentInput: boolean;
			})[]) {
				if (!entry.hadRecentInput) w.__cls += entry.value;
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
}

for (const viewport of VIEWPORTS) {
	test.describe(`on a ${viewport.name} (${viewport.width}×${viewport.height})`, () => {
		test.beforeEach(async ({ page }) => {
			await page.setViewportSize({ width: viewport.width, height: viewport.height });
		});

		test('the sign-in screen and the sign-in-cancelled screen', async ({ page, env }) => {
			await page.goto(env.appUrl);
			await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
			await noViolations(page, 'sign-in');
			await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
			await page.getByRole('button', { name: 'Cancel' }).click();
			await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible();
			await noViolations(page, 'sign-in cancelled');
		});

		test('the signed-in home settles with a layout shift under 0.02', async ({ page, env }) => {
			// A returning player's home: a full leaderboard and runs of her own fill the panels as they load.
			await seedRivals(env);
			const alice = await dataAs(env, 'alice');
			await recordRun(alice.data, alice.identity, {
				runId: `cls-${viewport.name}`,
				score: 120,
				playedAt: new Date().toISOString(),
				durationMs: 30_000,
				displayName: 'Alice',
				won: false,
			});
			alice.data.destroy();
			await watchLayoutShift(page);
			await signIn(page, env, 'alice');
			await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
				'aria-busy',
				'false',
			);
			// Everything read and drawn: the leaderboard, the stats, the saves.
			await page.waitForTimeout(1_000);
			const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
			test.info().annotations.push({ type: 'layout shift', description: cls.toFixed(4) });
			console.log(`layout shift on a ${viewport.name}: ${cls.toFixed(4)}`);
			expect(cls).toBeLessThan(0.02);
		});

		test('the home, its identity cards, and every inspector tab', async ({ page, env }) => {
			await signIn(page, env, 'alice');
			await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
				'aria-busy',
				'false',
			);
			await noViolations(page, 'home');
			await openIdentityDetails(page);
			await noViolations(page, 'home with the identity cards');

			await page.getByRole('button', { name: 'Inspector' }).click();
			const dialog = page.getByRole('dialog', { name: /Every AWS call/ });
			await expect(dialog).toBeVisible();
			const header = await dialog.locator('header').boundingBox();
			const lines = await dialog.locator('h2').evaluate((h) => {
				const style = getComputedStyle(h);
				return Math.round(h.getBoundingClientRect().height / parseFloat(style.lineHeight));
			});
			expect(lines, 'the inspector title').toBeLessThanOrEqual(2);
			expect(header!.height).toBeLessThan(110);
			for (const name of INSPECTOR_TABS) {
				const tab = dialog.getByRole('tab', { name: new RegExp(`^${name}`) });
				await tab.click();
				await expect(tab).toHaveAttribute('aria-selected', 'true');
				// The whole label on screen: inside the dialog, not clipped by the strip.
				const box = (await tab.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
				expect(await tab.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
				await noViolations(page, `inspector: ${name}`, 'dialog.inspector');
			}

			// The flow on this screen: every lane's label inside the visible width.
			for (const lane of ['Browser', 'Provider', 'STS', 'S3', 'DynamoDB']) {
				const label = dialog.locator('.lane text', { hasText: new RegExp(`^${lane}$`) });
				const box = (await label.boundingBox())!;
				expect(box.x, `${lane} lane`).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width, `${lane} lane`).toBeLessThanOrEqual(viewport.width);
			}
			if (viewport.name === 'phone') {
				await page.screenshot({ path: 'docs/screenshots/flow-phone.png' });
			}
		});
	});
}
