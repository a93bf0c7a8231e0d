import type { Page, Route } from '@playwright/test';
import { loadMyRuns } from '../../src/lib/game/scores';
import { accessibilityViolations } from './axe';
import { expect, sessionStrip, signIn, test } from './fixtures';
import { dataAs, playRun } from './game-helpers';

/*
 * A run finished in the first seconds after sign-in, offline, before the game's data layer (its chunk with
 * the S3 and DynamoDB calls) has arrived: it goes into the outbox at once, and lands exactly once
 * when the network is back. The chunk's download fails as a dropped network would make it fail; which chunk
 * it is is found by its content (DynamoDB's X-Amz-Target prefix), since chunk names carry hashes.
 */

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
	await page.clock.install();
});

/** Fails every download of the chunks that bring the S3 and DynamoDB clients, until `release`. */
async function holdDataLayer(page: Page) {
	const state = { holding: true, refused: 0 };
	await page.route('**/assets/*.js', async (route: Route) => {
		// A kept-alive connection the server just closed resets the fetch now and then: ask once more.
		const response = await route.fetch().catch(() => route.fetch());
		const body = await response.text();
		if (state.holding && body.includes('DynamoDB_20120810')) {
			state.refused += 1;
			return route.abort('internetdisconnected');
		}
		return route.fulfill({ response, body });
	});
	return state;
}

/*
 * With Debian's Chromium 150 the aborted chunk is a static dependency of the data layer, and this browser
 * answers every later `import()` of the data layer from its module map without a new request: the loader's
 * retries cannot succeed in this page. The loader sees its retries fail while the network answers and the
 * page offers a reload; the run stays in the outbox (IndexedDB) meanwhile, and the reload delivers it once.
 */
test('a run finished offline before the data layer loaded is recorded exactly once', async ({
	page,
	context,
	env,
}) => {
	const player = 'bob';
	const provider = 'Arcade ID';
	const before = await dataAs(env, player, 1);
	const earlier = new Set((await loadMyRuns(before.data, before.identity, 50)).map((r) => r.runId));
	before.data.destroy();
	const data = await holdDataLayer(page);

	await signIn(page, env, player, provider);
	await context.setOffline(true);
	await expect(page.getByText('You are offline.')).toBeVisible();
	// The data layer never arrived: nothing of the player's data is shown.
	expect(data.refused).toBeGreaterThan(0);
	await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
		'aria-busy',
		'true',
	);

	const score = await playRun(page);
	await expect(page.getByText('Queued — will send when online')).toBeVisible();
	const writes = page.getByRole('region', { name: 'Pending writes' });
	await expect(writes.locator('li[data-kind="score"]')).toContainText(
		`Score ${score.toLocaleString('en')}`,
	);
	await expect(page.getByRole('alert')).toHaveCount(0);

	data.holding = false;
	await context.setOffline(false);
	// Back online, the retries still fail in this page: a reload is offered, the run still waits.
	const reload = page.getByRole('button', { name: 'Reload to finish saving' });
	await expect(reload).toBeVisible();
	await expect(page.getByRole('status').filter({ has: reload })).toContainText(
		'Everything you played is kept in this browser',
	);
	await expect(writes.locator('li[data-kind="score"]')).toContainText(
		`Score ${score.toLocaleString('en')}`,
	);
	expect(await accessibilityViolations(page, '.play')).toEqual([]);

	// By keyboard: the reload brings the data layer, and the outbox delivers the run.
	await reload.focus();
	await page.keyboard.press('Enter');
	await expect(sessionStrip(page)).toBeVisible();
	await expect(writes).toContainText('Nothing waiting');
	await expect(reload).toHaveCount(0);

	// Straight from DynamoDB, through the sandbox: one new run, with this score.
	const after = await dataAs(env, player, 1);
	const runs = await loadMyRuns(after.data, after.identity, 50);
	after.data.destroy();
	const recorded = runs.filter((r) => !earlier.has(r.runId));
	expect(recorded.map((r) => r.score)).toEqual([score]);
});
