import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { loadProfile } from '../../src/lib/game/profile';
import { expect, sessionStrip, signIn, test } from './fixtures';
import { dataAs } from './game-helpers';
import type { E2eEnv } from './env';

/*
 * Two tabs of alice's browser write her profile (issue 5): the later writer, still on the old ETag, gets
 * S3's real 412 PreconditionFailed from the sandbox's gateway and resolves the conflict on screen.
 */

const profileCard = (page: Page) => page.getByRole('region', { name: 'Your profile' });
const nameField = (page: Page) => profileCard(page).getByLabel('Display name');
const pendingWrites = (page: Page) => page.getByRole('region', { name: 'Pending writes' });
const conflictAlert = (page: Page) =>
	profileCard(page).getByRole('alert').filter({ hasText: 'Someone else changed your profile' });

async function dataRead(page: Page): Promise<void> {
	await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
		'aria-busy',
		'false',
	);
}

/** A second tab of the same browser profile: it restores the session from the vault. */
async function secondTab(context: BrowserContext, env: E2eEnv): Promise<Page> {
	const page = await context.newPage();
	await page.goto(env.appUrl);
	await expect(sessionStrip(page)).toBeVisible();
	await dataRead(page);
	return page;
}

/** This tab alone loses (or regains) the network, as Playwright's `setOffline` does for a context. */
async function setTabOffline(cdp: CDPSession, offline: boolean): Promise<void> {
	await cdp.send('Network.emulateNetworkConditions', {
		offline,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1,
	});
}

async function saveName(page: Page, name: string): Promise<void> {
	await nameField(page).fill(name);
	await profileCard(page).getByRole('button', { name: 'Save profile' }).click();
}

/** alice's profile straight from S3, read with her own credentials from the sandbox. */
async function storedProfile(env: E2eEnv): Promise<{ name: string; etag: string } | null> {
	const alice = await dataAs(env, 'alice');
	try {
		const loaded = await loadProfile(alice.data, alice.identity);
		return loaded && { name: loaded.profile.displayName, etag: loaded.etag };
	} finally {
		alice.data.destroy();
	}
}

/**
 * Tab A saves `theirs` while tab B is offline (B's re-read fails, so it keeps the old ETag);
 * back online, tab B saves `mine` and loses. Returns tab B and the ETag tab A's write left in S3.
 */
async function conflictingSaves(
	page: Page,
	context: BrowserContext,
	env: E2eEnv,
	names: { theirs: string; mine: string },
): Promise<{ tabB: Page; etag: string }> {
	await signIn(page, env, 'alice');
	await dataRead(page);
	const tabB = await secondTab(context, env);
	const before = await nameField(page).inputValue();
	await expect(nameField(tabB)).toHaveValue(before);

	const cdp = await context.newCDPSession(tabB);
	await cdp.send('Network.enable');
	await setTabOffline(cdp, true);
	await expect(tabB.getByText('You are offline.')).toBeVisible();
	await saveName(page, names.theirs);
	await expect(pendingWrites(page)).toContainText('Nothing waiting');
	await expect.poll(async () => (await storedProfile(env))?.name).toBe(names.theirs);
	const etag = (await storedProfile(env))!.etag;
	// Tab B hears of tab A's write (outbox notices cross tabs) and tries to re-read the profile: wait until
	// that read has failed offline; tab B still shows the old version, and its player edits that one.
	await expect(profileCard(tabB).getByRole('alert')).toBeVisible();
	await expect(nameField(tabB)).toHaveValue(before);
	await saveName(tabB, names.mine);
	// Back online: the failed read clears itself, and the edit queued on the old version loses.
	await setTabOffline(cdp, false);
	await expect(tabB.getByText('You are offline.')).toBeHidden();
	const alert = conflictAlert(tabB);
	await expect(alert).toBeVisible();
	await expect(alert).toContainText('(another tab or device) after you loaded it.');
	await expect(alert.getByRole('button', { name: 'Keep mine' })).toBeVisible();
	await expect(alert.getByRole('button', { name: 'Use theirs' })).toBeVisible();
	// The card must not also claim the edit was saved.
	await expect(profileCard(tabB).getByRole('status')).toHaveText(
		'Not saved: choose a version above',
	);
	const write = pendingWrites(tabB).locator('li[data-kind="profile"]');
	await expect(write).toHaveAttribute('data-state', 'conflict');
	await expect(write).toContainText(
		'Conflict: your profile was changed in another tab or device since you edited it',
	);
	// The losing write changed nothing in S3.
	expect(await storedProfile(env)).toEqual({ name: names.theirs, etag });
	return { tabB, etag };
}

test.describe('a profile edited in two tabs', () => {
	test('the later writer sees the conflict; “Keep mine” stores its version', async ({
		page,
		context,
		env,
	}) => {
		const names = { theirs: 'Alice A', mine: 'Alice B' };
		const { tabB, etag } = await conflictingSaves(page, context, env, names);

		await conflictAlert(tabB).getByRole('button', { name: 'Keep mine' }).click();

		await expect(conflictAlert(tabB)).toBeHidden();
		await expect(pendingWrites(tabB)).toContainText('Nothing waiting');
		await expect(nameField(tabB)).toHaveValue('Alice B');
		const stored = await storedProfile(env);
		expect(stored?.name).toBe('Alice B');
		expect(stored?.etag).not.toBe(etag);
		await page.reload();
		await dataRead(page);
		await expect(nameField(page)).toHaveValue('Alice B');
	});

	test('“Use theirs” shows the other tab’s version and writes nothing', async ({
		page,
		context,
		env,
	}) => {
		const names = { theirs: 'Alice A', mine: 'Alice B' };
		const { tabB, etag } = await conflictingSaves(page, context, env, names);
		const puts: string[] = [];
		context.on('request', (request) => {
			if (request.method() === 'PUT' && request.url().includes('profile.json'))
				puts.push(request.url());
		});

		await conflictAlert(tabB).getByRole('button', { name: 'Use theirs' }).click();

		await expect(conflictAlert(tabB)).toBeHidden();
		await expect(nameField(tabB)).toHaveValue('Alice A');
		await expect(pendingWrites(tabB)).toContainText('Nothing waiting');
		await expect(pendingWrites(page)).toContainText('Nothing waiting');
		expect(puts).toEqual([]);
		expect(await storedProfile(env)).toEqual({ name: 'Alice A', etag });
	});
});
