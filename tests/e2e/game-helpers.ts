/** Playing Token Rush from a test, and reading a player's data straight from the sandbox with the SDK. */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Locator, Page } from '@playwright/test';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { recordRun } from '../../src/lib/game/scores';
import type { PlayerIdentity } from '../../src/lib/config/data-layout';
import { expect } from './fixtures';
import type { E2eEnv } from './env';

type DataConfig = Parameters<typeof createGameData>[0]['config'];

/**
 * Plays one run with the keyboard: Start (or Play again), then ArrowLeft and ArrowRight held in turns
 * (`keyboard.down`/`up`) until the game is over. The page clock (installed before the app loaded) runs
 * the frames ahead, so a minute of play takes a few seconds. Returns the final score.
 */
export async function playRun(page: Page): Promise<number> {
	const game = page.getByRole('group', { name: 'Token Rush' });
	await game.getByRole('button', { name: /^(Start game|Play again)$/ }).click();
	await expect(game).toHaveAttribute('data-state', 'playing');
	for (let turn = 0; turn < 100; turn++) {
		const key = turn % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
		await page.keyboard.down(key);
		await page.clock.runFor(1_500);
		await page.keyboard.up(key);
		if ((await game.getAttribute('data-state')) === 'over') break;
	}
	await expect(game).toHaveAttribute('data-state', 'over');
	return Number(await game.getAttribute('data-score'));
}

/** The "Runs" figure of the player's own stats panel. */
export function runsCount(page: Page): Locator {
	return page.getByRole('region', { name: 'Your runs' }).getByTestId('runs-count');
}

/** The "Runs" figure once the player's data has been read (the panels say 0 until then). */
export async function runsNow(page: Page): Promise<number> {
	await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
		'aria-busy',
		'false',
	);
	return Number(await runsCount(page).innerText());
}

/** The leaderboard's table. */
export function leaderboard(page: Page): Locator {
	return page.getByRole('region', { name: 'Leaderboard' }).getByRole('table');
}

/** The app's own data clients for `player` (provider 0: Fedplay ID, 1: Arcade ID), signed with credentials from the sandbox STS. */
export async function dataAs(
	env: E2eEnv,
	player: string,
	provider = 0,
): Promise<{ data: GameData; sub: string; identity: PlayerIdentity }> {
	const config = env.config as unknown as DataConfig;
	const url = `${env.issuers[provider]}/__sandbox/id-token?player=${player}`;
	const { id_token } = (await (await fetch(url)).json()) as { id_token: string };
	const sts = new STSClient({ region: config.region, endpoint: env.awsEndpoint });
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: env.roleArns[provider],
				RoleSessionName: `e2e-${player}`,
				WebIdentityToken: id_token,
			}),
		);
		const c = answer.Credentials!;
		const credentials = {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		};
		const data = createGameData({ config, credentials: async () => credentials, callLog: null });
		const sub = answer.SubjectFromWebIdentityToken!;
		const identity = { segment: env.config.providers[provider]!.dataSegment, id: sub };
		return { data, sub, identity };
	} finally {
		sts.destroy();
	}
}

/** Other players' best runs (Arcade ID players, so the Fedplay ID players' own counts stay theirs). */
export async function seedRivals(env: E2eEnv): Promise<void> {
	const rivals = [
		{ player: 'alice', name: 'Pixel Ace', score: 1_870 },
		{ player: 'bob', name: 'Byte Runner', score: 1_245 },
		{ player: 'carol', name: 'Carol of Keys', score: 640 },
	];
	for (const rival of rivals) {
		const { data, identity } = await dataAs(env, rival.player, 1);
		const playedAt = new Date(Date.now() - rival.score * 60_000).toISOString();
		const run = { runId: `seed-${rival.player}`, score: rival.score, durationMs: 90_000 };
		await recordRun(data, identity, { ...run, playedAt, displayName: rival.name, won: true });
		data.destroy();
	}
}
