/**
 * Amazon Cognito identity pools in Chromium against the sandbox's Cognito Identity: signing in through the
 * pool (enhanced and basic flows), a reload from the vault alone, playing as a guest and keeping the guest's
 * runs and saves at sign-in (Cognito links the login to the guest, or merges the guest into the login's own
 * identity), and the flow view's Cognito steps. Nothing is mocked: the one test-time change is the
 * config.json served to the page for the basic flow.
 */
import type { Page, Request } from '@playwright/test';
import { createCognitoIdentityCalls } from '../../src/lib/aws/cognito-identity';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { listSaves } from '../../src/lib/game/saves';
import { loadMyRuns, loadMyStats } from '../../src/lib/game/scores';
import type { E2eEnv } from './env';
import { expect, openIdentityDetails, test } from './fixtures';
import { leaderboard, playRun } from './game-helpers';
import { marshall, unmarshall, type AttributeMap } from '../../src/lib/aws/dynamodb-json';
import { playerPartition } from '../../src/lib/config/data-layout';
import { GAME_TITLE } from '../../src/lib/game/scores';

test.describe.configure({ timeout: 180_000 });

const POOL_BUTTON = 'Continue with Fedplay ID via Amazon Cognito';

interface PoolEntry {
	identityPoolId: string;
	loginsKey: string;
	flow: string;
	dataSegment: string;
}

function poolOf(env: E2eEnv): PoolEntry {
	const entries = (env.config as unknown as { providers: Partial<PoolEntry>[] }).providers;
	const pool = entries.find((p) => typeof p.identityPoolId === 'string');
	if (!pool) throw new Error('the e2e config lists no identity pool');
	return pool as PoolEntry;
}

/** The AWS requests of the page, by what they are: `Cognito:GetId`, `STS:AssumeRoleWithWebIdentity`, … */
function awsRequests(page: Page, env: E2eEnv): string[] {
	const seen: string[] = [];
	page.on('request', (request: Request) => {
		if (!request.url().startsWith(env.awsEndpoint) || request.method() !== 'POST') return;
		const target = request.headers()['x-amz-target'] ?? '';
		if (target.startsWith('AWSCognitoIdentityService.')) {
			seen.push(`Cognito:${target.slice('AWSCognitoIdentityService.'.length)}`);
			return;
		}
		const action = /(?:^|&)Action=(\w+)/.exec(request.postData() ?? '')?.[1];
		if (action) seen.push(`STS:${action}`);
	});
	return seen;
}

async function signInThroughPool(page: Page, player: string): Promise<void> {
	await page.getByRole('button', { name: POOL_BUTTON }).click();
	await page.getByRole('button', { name: player, exact: true }).click();
	await openIdentityDetails(page);
}

async function identityIdShown(page: Page): Promise<string> {
	await openIdentityDetails(page);
	const shown = page.getByTestId('identity-id').first();
	await expect(shown).toHaveText(/^[\w-]+:[0-9a-f-]+$/);
	return shown.innerText();
}

/** The player's data as the pool's player role reaches it, read by the test itself (enhanced flow). */
async function dataOfPoolPlayer(
	env: E2eEnv,
	player: string,
): Promise<{ data: GameData; identity: { segment: string; id: string } }> {
	const pool = poolOf(env);
	const config = env.config as unknown as Parameters<typeof createGameData>[0]['config'];
	const url = `${env.issuers[0]}/__sandbox/id-token?player=${player}`;
	const { id_token } = (await (await fetch(url)).json()) as { id_token: string };
	const cognito = createCognitoIdentityCalls({
		region: config.region,
		endpoint: env.awsEndpoint,
		callLog: null,
	});
	const Logins = { [pool.loginsKey]: id_token };
	const { IdentityId } = await cognito.getId({ IdentityPoolId: pool.identityPoolId, Logins });
	const { Credentials: c } = await cognito.getCredentialsForIdentity({
		IdentityId,
		Logins,
	});
	const credentials = {
		accessKeyId: c.AccessKeyId,
		secretAccessKey: c.SecretKey,
		sessionToken: c.SessionToken,
	};
	const data = createGameData({ config, credentials: async () => credentials, callLog: null });
	return { data, identity: { segment: pool.dataSegment, id: IdentityId } };
}

async function saveToSlot(page: Page, slot: number): Promise<void> {
	const slots = page.getByRole('region', { name: 'Save slots' });
	await slots.getByRole('button', { name: `Save to slot ${slot}` }).click();
	await expect(slots.getByRole('button', { name: `Load slot ${slot}` })).toBeEnabled();
}

/** Nothing left in the outbox ("Pending writes" gone or empty) once the data layer delivered. */
async function outboxDrained(env: E2eEnv, player: string, runScore: number) {
	const { data, identity } = await dataOfPoolPlayer(env, player);
	try {
		await expect
			.poll(async () => (await loadMyRuns(data, identity, 50)).map((r) => r.score), {
				timeout: 30_000,
			})
			.toContain(runScore);
		await expect
			.poll(async () => (await listSaves(data, identity)).map((s) => s.slot), { timeout: 30_000 })
			.toContain(1);
		return { data, identity };
	} catch (error) {
		data.destroy();
		throw error;
	}
}

test.describe('Amazon Cognito identity pools', () => {
	test.beforeEach(async ({ page }) => {
		await page.clock.install();
	});

	test('alice signs in through the pool (enhanced flow); a reload asks neither Cognito nor STS', async ({
		page,
		env,
		secrets,
	}) => {
		const requests = awsRequests(page, env);
		await page.goto(env.appUrl);
		await signInThroughPool(page, 'alice');
		const identityId = await identityIdShown(page);
		await expect(page.getByTestId('pool-flow').first()).toContainText('enhanced');
		await expect(page.getByTestId('pool-amr').first()).toContainText('authenticated');
		expect(requests.filter((r) => r.startsWith('Cognito:'))).toEqual([
			'Cognito:GetId',
			'Cognito:GetCredentialsForIdentity',
		]);
		expect(requests).not.toContain('STS:AssumeRoleWithWebIdentity');
		// Cognito's credentials (SecretKey) are never on the page.
		const html = await page.content();
		for (const secret of secrets.secretAccessKeys) expect(html).not.toContain(secret);

		requests.length = 0;
		await page.reload();
		await openIdentityDetails(page);
		expect(await identityIdShown(page)).toBe(identityId);
		await page.waitForTimeout(500);
		expect(requests.filter((r) => r.startsWith('Cognito:') || r.startsWith('STS:'))).toEqual([]);

		// The flow view draws the Cognito calls of this page (the reload made none: sign in again).
		await page
			.getByRole('button', { name: /inspector/i })
			.first()
			.click();
		await page.getByRole('tab', { name: 'Identity' }).click();
		await expect(page.getByRole('dialog').getByTestId('identity-id')).toHaveText(identityId);
	});

	test('the basic flow: GetId → GetOpenIdToken → AssumeRoleWithWebIdentity, drawn in the flow view', async ({
		page,
		env,
	}) => {
		await page.route('**/config.json', async (route) => {
			const response = await route.fetch();
			const config = (await response.json()) as { providers: Record<string, unknown>[] };
			for (const entry of config.providers) if (entry.identityPoolId) entry.flow = 'basic';
			await route.fulfill({ response, json: config });
		});
		const requests = awsRequests(page, env);
		await page.goto(env.appUrl);
		await signInThroughPool(page, 'alice');
		await identityIdShown(page);
		await expect(page.getByTestId('pool-flow').first()).toContainText('basic');
		await expect(page.getByTestId('pool-amr').first()).toContainText('authenticated');
		expect(requests.filter((r) => /GetId|GetOpenIdToken|AssumeRole/.test(r))).toEqual([
			'Cognito:GetId',
			'Cognito:GetOpenIdToken',
			'STS:AssumeRoleWithWebIdentity',
		]);
		const card = page.getByRole('region', { name: 'Your AWS identity' });
		await expect(card).toContainText(`assumed-role/fedplay-cognito-player/`);

		await page
			.getByRole('button', { name: /inspector/i })
			.first()
			.click();
		const dialog = page.getByRole('dialog');
		await dialog.getByRole('tab', { name: 'Flow' }).click();
		const diagram = dialog.getByRole('group', { name: /Sequence diagram/ });
		await expect(diagram.getByRole('button', { name: /GetId \(Logins/ })).toBeVisible();
		await expect(diagram.getByRole('button', { name: /GetOpenIdToken/ })).toBeVisible();
		await expect(diagram.getByRole('button', { name: /AssumeRoleWithWebIdentity/ })).toBeVisible();
	});

	test('a guest plays, stays off the leaderboard, then signs in: Cognito links the login and the runs and saves stay', async ({
		page,
		env,
	}) => {
		const requests = awsRequests(page, env);
		await page.goto(env.appUrl);
		await page.getByRole('button', { name: 'Play as guest' }).click();
		await expect(page.getByRole('heading', { name: 'Playing as a guest' })).toBeVisible();
		const guestId = await identityIdShown(page);
		await expect(page.getByTestId('pool-amr').first()).toContainText('unauthenticated');
		expect(requests).toEqual([
			'Cognito:GetId',
			'Cognito:GetCredentialsForIdentity',
			'STS:GetCallerIdentity',
		]);

		const score = await playRun(page);
		await expect(page.getByRole('status').filter({ hasText: 'Score saved' })).toBeVisible();
		await saveToSlot(page, 1);
		// The guest sees the leaderboard, but is not on it (GuestTopScore is no TopScore).
		const board = page.getByRole('region', { name: 'Leaderboard' });
		await expect(board).toBeVisible();
		await expect(board.getByRole('alert')).toHaveCount(0);
		await expect(leaderboard(page).locator('tr[aria-current="true"]')).toHaveCount(0);

		// carol has never been to the pool: her login is linked to the guest identity.
		await page.getByRole('button', { name: 'Sign in to keep your progress' }).click();
		await page.getByRole('button', { name: 'carol', exact: true }).click();
		await openIdentityDetails(page);
		expect(await identityIdShown(page)).toBe(guestId);
		await expect(page.getByRole('heading', { name: 'Playing as a guest' })).toHaveCount(0);
		await expect(page.getByTestId('pool-amr').first()).toContainText('authenticated');

		const { data, identity } = await outboxDrained(env, 'carol', score);
		try {
			expect(identity.id).toBe(guestId);
			// One run, not two: the snapshot's run had the same id as the one already recorded.
			const runs = (await loadMyRuns(data, identity, 50)).filter((r) => r.score === score);
			expect(runs).toHaveLength(1);
			await expect
				.poll(async () => (await loadMyStats(data, identity))?.topScore)
				.toBeGreaterThanOrEqual(score);
			// Signed in, the guest's best is now TopScore: on the public leaderboard.
			const summary = await data.dynamodb.call('GetItem', {
				TableName: data.table,
				Key: marshall({ UserId: playerPartition(identity), GameTitle: GAME_TITLE }),
				ConsistentRead: true,
			});
			const item = unmarshall(summary.Item as AttributeMap);
			expect(item.GuestTopScore).toBe(score);
			expect(item.TopScore).toBeGreaterThanOrEqual(score);
		} finally {
			data.destroy();
		}
	});

	test('a guest whose login already has an identity is merged into it: the guest’s run and save land under the player', async ({
		page,
		env,
	}) => {
		// bob plays through the pool first: his login owns an identity.
		const before = await dataOfPoolPlayer(env, 'bob');
		before.data.destroy();

		await page.goto(env.appUrl);
		await page.getByRole('button', { name: 'Play as guest' }).click();
		await expect(page.getByRole('heading', { name: 'Playing as a guest' })).toBeVisible();
		const guestId = await identityIdShown(page);
		const score = await playRun(page);
		await expect(page.getByRole('status').filter({ hasText: 'Score saved' })).toBeVisible();
		await saveToSlot(page, 1);

		await page.getByRole('button', { name: 'Sign in to keep your progress' }).click();
		await page.getByRole('button', { name: 'bob', exact: true }).click();
		await openIdentityDetails(page);
		const playerId = await identityIdShown(page);
		expect(playerId).toBe(before.identity.id);
		expect(playerId).not.toBe(guestId);
		await expect(page.getByTestId('carried-notice')).toBeVisible();

		const { data, identity } = await outboxDrained(env, 'bob', score);
		try {
			const runs = (await loadMyRuns(data, identity, 50)).filter((r) => r.score === score);
			expect(runs).toHaveLength(1);
		} finally {
			data.destroy();
		}
		// A reload sends nothing twice.
		await page.reload();
		await openIdentityDetails(page);
		const again = await dataOfPoolPlayer(env, 'bob');
		try {
			await page.waitForTimeout(1000);
			const runs = (await loadMyRuns(again.data, again.identity, 50)).filter(
				(r) => r.score === score,
			);
			expect(runs).toHaveLength(1);
		} finally {
			again.data.destroy();
		}
	});

	test('a tab closed at the provider’s login page: the next one is no guest session, and the guest identity is kept', async ({
		page,
		env,
	}) => {
		await page.goto(env.appUrl);
		await page.getByRole('button', { name: 'Play as guest' }).click();
		await expect(page.getByRole('heading', { name: 'Playing as a guest' })).toBeVisible();
		const guestId = await identityIdShown(page);
		await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
			'aria-busy',
			'false',
		);
		await page.getByRole('button', { name: 'Sign in to keep your progress' }).click();
		await expect(page.getByRole('button', { name: 'alice', exact: true })).toBeVisible();
		// The player walks away from the login page and comes back later.
		await page.goto(env.appUrl);
		await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
		await page.getByRole('button', { name: 'Play as guest' }).click();
		await expect(page.getByRole('heading', { name: 'Playing as a guest' })).toBeVisible();
		expect(await identityIdShown(page)).toBe(guestId);
	});
});
