import type { Page, Route } from '@playwright/test';
import { loadMyRuns } from '../../src/lib/game/scores';
import { expect, signIn, test } from './fixtures';
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
		const response = await route.fetch();
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
 * KNOWN BUG, skipped (found 2026-12-02 with Debian's Chromium 150.0.7871.100): the aborted chunk is a static
 * dependency of the data layer, and after it fails this Chromium answers every later `import()` of the data
 * layer from its module map without a new request, so the loader's retries (lib/game/layer-loader.ts) never
 * succeed in this page. Nothing is lost — the run stays in the outbox (IndexedDB) and a reload delivers it
 * once — but the page shows "Saving your score…" until then. The fix (a reload offered when the data layer
 * cannot be fetched again) is open work; this test is the one to turn back on with it.
 */
test.fixme('a run finished offline before the data layer loaded is recorded exactly once', async ({
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
	await expect(page.getByText('Score saved')).toBeVisible();
	await expect(writes).toContainText('Nothing waiting');

	// Straight from DynamoDB, through the sandbox: one new run, with this score.
	const after = await dataAs(env, player, 1);
	const runs = await loadMyRuns(after.data, after.identity, 50);
	after.data.destroy();
	const recorded = runs.filter((r) => !earlier.has(r.runId));
	expect(recorded.map((r) => r.score)).toEqual([score]);
});
