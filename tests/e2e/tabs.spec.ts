import type { BrowserContext, Page } from '@playwright/test';
import {
	countTraffic,
	dumpIndexedDb,
	moveSandboxClock,
	settle,
	trackInFlight,
} from './credentials-support';
import { expect, openIdentityDetails, signIn, test } from './fixtures';
import type { E2eEnv } from './env';

const MIN = 60_000;

const accessKey = (page: Page) =>
	page.getByRole('region', { name: 'Your AWS identity' }).locator('dd .mono').last().innerText();

/** More tabs of the same browser profile, opened on the app: they restore from the vault. */
async function moreTabs(
	context: BrowserContext,
	env: E2eEnv,
	count: number,
	onOpen: (page: Page) => void = () => {},
): Promise<Page[]> {
	const pages: Page[] = [];
	for (let i = 0; i < count; i += 1) {
		const page = await context.newPage();
		onOpen(page);
		await page.goto(env.appUrl);
		await openIdentityDetails(page);
		pages.push(page);
	}
	return pages;
}

test.afterEach(async ({ env }) => {
	await moveSandboxClock(env, { offsetMs: 0 });
});

test.describe('many tabs', () => {
	test('new tabs open signed in without any request; three tabs crossing a refresh make one STS call', async ({
		page,
		context,
		env,
	}) => {
		const networks = [trackInFlight(page)];
		await context.clock.install();
		await signIn(page, env, 'alice');
		await openIdentityDetails(page);
		const traffic = countTraffic(context, env);
		const tabs = [
			page,
			...(await moreTabs(context, env, 2, (p) => networks.push(trackInFlight(p)))),
		];
		for (const network of networks) await network.quiet(1_000);
		expect(traffic.provider).toEqual([]);
		expect(traffic.assumeRole).toBe(0);
		const before = await accessKey(page);

		// Every tab's refresh timer is due: they queue on the Web Lock, the first refreshes, the others
		// find fresh credentials in the vault (and hear about them on the BroadcastChannel).
		await moveSandboxClock(env, { advanceMs: 11 * MIN });
		await context.clock.fastForward(11 * MIN);

		await expect.poll(() => traffic.assumeRole).toBe(1);
		for (const tab of tabs) await expect.poll(() => accessKey(tab)).not.toBe(before);
		const keys = await Promise.all(tabs.map(accessKey));
		expect(new Set(keys).size).toBe(1);
		await settle(page);
		expect(traffic.assumeRole).toBe(1);
		expect(traffic.provider).toEqual([]);
		expect(traffic.awsFailures).toEqual([]);
	});

	test('signing out in one tab signs out every tab and wipes the vault', async ({
		page,
		context,
		env,
	}) => {
		await signIn(page, env, 'bob');
		await openIdentityDetails(page);
		const [second, third] = await moreTabs(context, env, 2);

		await page.getByRole('button', { name: 'Sign out' }).click();
		for (const tab of [second!, third!]) {
			await expect(tab.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		}
		const dump = await dumpIndexedDb(second!);
		expect(dump.credentials).toEqual([]);
		expect(dump.oidc?.filter((e) => String(e.key).startsWith('user.'))).toEqual([]);
		expect(dump.meta?.map((e) => e.key)).not.toContain('activeProvider');

		await page.getByRole('button', { name: 'Yes, sign me out' }).click();
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		// A reload in another tab stays signed out: nothing left to restore.
		await third!.reload();
		await expect(third!.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
	});
});
