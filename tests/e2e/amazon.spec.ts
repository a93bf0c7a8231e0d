import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Page } from '@playwright/test';
import { createGameData } from '../../src/lib/game/data';
import { loadMyRuns } from '../../src/lib/game/scores';
import { accessibilityViolations } from './axe';
import { countTraffic, moveSandboxClock, settle, trackInFlight } from './credentials-support';
import type { E2eEnv } from './env';
import { expect, openIdentityDetails, test } from './fixtures';
import { playRun, runsCount, runsNow } from './game-helpers';

/* Login with Amazon: an OAuth 2.0 access token traded with STS through ProviderId (README, "How it works"). */

const MIN = 60_000;

test.describe.configure({ timeout: 180_000 });

interface AmazonEntry {
	displayName: string;
	authorizationEndpoint: string;
	roleArn: string;
	dataSegment: string;
	appId: string;
}

const amazonOf = (env: E2eEnv) =>
	(env.config as unknown as { oauth2Providers: AmazonEntry[] }).oauth2Providers[0]!;
const amazonOrigin = (env: E2eEnv) => new URL(amazonOf(env).authorizationEndpoint).origin;

test.beforeEach(async ({ page }) => {
	// The game's frames and the credentials' countdown run on the page clock.
	await page.clock.install();
});

test.afterEach(async ({ env }) => {
	await moveSandboxClock(env, { offsetMs: 0 });
});

/** Choose Login with Amazon, pick `player` on its login page, wait for the identity card. */
async function signInWithAmazon(page: Page, env: E2eEnv, player: string): Promise<void> {
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: `Sign in with ${amazonOf(env).displayName}` }).click();
	await page.getByRole('button', { name: player, exact: true }).click();
	await openIdentityDetails(page);
}

/** `player`'s runs straight from DynamoDB, with credentials of the Amazon role from the sandbox STS. */
async function amazonRuns(env: E2eEnv, player: string) {
	const amazon = amazonOf(env);
	const url = `${amazonOrigin(env)}/__sandbox/access-token?player=${player}`;
	const { access_token } = (await (await fetch(url)).json()) as { access_token: string };
	const config = env.config as unknown as Parameters<typeof createGameData>[0]['config'];
	const sts = new STSClient({ region: config.region, endpoint: env.awsEndpoint });
	const answer = await sts
		.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: amazon.roleArn,
				RoleSessionName: `e2e-${player}`,
				WebIdentityToken: access_token,
				ProviderId: 'www.amazon.com',
			}),
		)
		.finally(() => sts.destroy());
	const c = answer.Credentials!;
	const credentials = {
		accessKeyId: c.AccessKeyId!,
		secretAccessKey: c.SecretAccessKey!,
		sessionToken: c.SessionToken!,
	};
	const data = createGameData({ config, credentials: async () => credentials, callLog: null });
	const identity = { segment: amazon.dataSegment, id: answer.SubjectFromWebIdentityToken! };
	try {
		return { runs: await loadMyRuns(data, identity, 50), userId: identity.id };
	} finally {
		data.destroy();
	}
}

const traffic = (page: Page, env: E2eEnv) =>
	countTraffic(page, {
		issuers: [...env.issuers, amazonOrigin(env)],
		awsEndpoint: env.awsEndpoint,
	});

test.describe('Login with Amazon (OAuth 2.0 access token with ProviderId)', () => {
	test('signs in, plays, and the run is recorded under www.amazon.com:user_id', async ({
		page,
		env,
	}) => {
		await signInWithAmazon(page, env, 'carol');
		await expect(page.getByRole('heading', { name: 'Welcome, Carol' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your AWS identity' })).toContainText(
			'assumed-role/fedplay-player-amazon/fedplay-amzn1.account.',
		);
		const before = await runsNow(page);
		const score = await playRun(page);
		await expect(page.getByRole('status').filter({ hasText: 'Score saved' })).toBeVisible();
		await expect(runsCount(page)).toHaveText(String(before + 1));

		const { runs, userId } = await amazonRuns(env, 'carol');
		expect(userId).toMatch(/^amzn1\.account\./);
		expect(runs.filter((run) => run.score === score).length).toBeGreaterThanOrEqual(1);

		// The inspector names the provider, the user id and the app id, and draws STS asking Amazon.
		await page.getByRole('button', { name: 'Inspector' }).click();
		const dialog = page.getByRole('dialog');
		await dialog.getByRole('tab', { name: /Identity/ }).click();
		const oauth2 = dialog.getByRole('region', { name: 'OAuth 2.0 access token (ProviderId)' });
		await expect(oauth2).toContainText('www.amazon.com');
		await expect(oauth2).toContainText(userId);
		await expect(oauth2).toContainText(amazonOf(env).appId);
		await dialog.getByRole('tab', { name: /Flow/ }).click();
		await expect(dialog).toContainText('AssumeRoleWithWebIdentity + ProviderId www.amazon.com');
		await expect(dialog).toContainText('whose token? (token information)');
	});

	test('offers to sign in again, not a refresh it cannot do, and the sign-in gets new credentials', async ({
		page,
		env,
	}) => {
		await signInWithAmazon(page, env, 'carol');
		const panel = page.getByRole('region', { name: 'Your credentials' });
		await expect(panel.getByRole('status').first()).toContainText(
			`Not renewed: ${amazonOf(env).displayName} gives no refresh token`,
		);
		await expect(panel.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
		const seen = traffic(page, env);

		await panel.getByRole('button', { name: 'Sign in again…' }).click();
		await page.getByRole('button', { name: 'carol', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Welcome, Carol' })).toBeVisible();
		expect(seen.assumeRole).toBe(1);
	});

	test('a reload while the credentials are valid asks neither Amazon nor STS', async ({
		page,
		env,
	}) => {
		await signInWithAmazon(page, env, 'alice');
		const seen = traffic(page, env);

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Welcome, Alice' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your AWS identity' })).toContainText(
			'assumed-role/fedplay-player-amazon/',
		);
		await settle(page);
		expect(seen.provider).toEqual([]);
		expect(seen.assumeRole).toBe(0);
		expect(seen.getCallerIdentity).toBe(0);

		// Login with Amazon has no end-session endpoint: signing out ends the session here, quietly.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(
			page.getByRole('button', { name: `Sign in with ${amazonOf(env).displayName}` }),
		).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('warns before the credentials end; a run played after they did waits, and a second sign-in sends it', async ({
		page,
		env,
	}) => {
		const network = trackInFlight(page);
		await signInWithAmazon(page, env, 'bob');
		const before = await runsNow(page);
		await network.quiet();
		const seen = traffic(page, env);

		// Credentials last 15 minutes; with 5 left the player is told, and nothing is renewed behind them.
		await moveSandboxClock(env, { advanceMs: 11 * MIN });
		await page.clock.fastForward(11 * MIN);
		const soon = page.getByRole('status').filter({ hasText: 'Your session ends soon' });
		await expect(soon).toBeVisible();
		await page.screenshot({ path: 'test-results/amazon-expiry-soon.png', fullPage: true });
		const again = page.getByRole('button', { name: /^Sign in again with Login with Amazon/ });
		// Reached with the keyboard: the next stop after "Sign out".
		await page.getByRole('button', { name: 'Sign out' }).focus();
		await page.keyboard.press('Tab');
		await expect(again).toBeFocused();
		expect(await accessibilityViolations(page)).toEqual([]);
		expect(seen.assumeRole).toBe(0);

		await moveSandboxClock(env, { advanceMs: 4 * MIN });
		await page.clock.fastForward(4 * MIN);
		await expect(
			page.getByRole('alert').filter({ hasText: 'Your session has ended' }),
		).toBeVisible();

		const score = await playRun(page);
		const writes = page.getByRole('region', { name: 'Pending writes' });
		const queued = writes.locator('li[data-kind="score"]');
		await expect(queued).toContainText(`Score ${score.toLocaleString('en')}`);
		await expect(queued).toContainText('Waiting for sign-in');
		await expect(
			page.getByRole('status').filter({ hasText: 'Waiting — sent once you sign in again' }),
		).toBeVisible();
		// Not set aside as denied, not sent: it waits for the player.
		await page.clock.runFor(2 * MIN);
		await expect(queued).toContainText('Waiting for sign-in');
		expect(seen.assumeRole).toBe(0);
		await page.screenshot({ path: 'test-results/amazon-expired.png', fullPage: true });
		expect(seen.awsFailures.filter((f) => f.startsWith('POST'))).toEqual([]);

		await again.press('Enter');
		await page.getByRole('button', { name: 'bob', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Welcome, Bob' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Pending writes' })).toContainText(
			'Nothing waiting',
		);
		await expect(runsCount(page)).toHaveText(String(before + 1));
		const { runs } = await amazonRuns(env, 'bob');
		expect(runs.filter((run) => run.score === score)).toHaveLength(1);
	});
});

test('once the credentials have ended, a reload asks the player to sign in, not Amazon or STS', async ({
	page,
	env,
}) => {
	const network = trackInFlight(page);
	await signInWithAmazon(page, env, 'alice');
	await network.quiet();
	await moveSandboxClock(env, { advanceMs: 16 * MIN });
	await page.clock.fastForward(16 * MIN);
	const seen = traffic(page, env);

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Sign in again to keep saving' })).toBeVisible();
	await settle(page);
	expect(seen.provider).toEqual([]);
	expect(seen.assumeRole).toBe(0);

	await page.getByRole('button', { name: 'Try again' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Welcome, Alice' })).toBeVisible();
	expect(seen.assumeRole).toBe(1);
});
