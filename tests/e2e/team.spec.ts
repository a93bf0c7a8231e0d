import type { Page } from '@playwright/test';
import { accessibilityViolations } from './axe';
import { expect, signIn, test } from './fixtures';
import { seedRivals } from './game-helpers';

/*
 * Issue 16 in Chromium: carol (team blue, role organizer) publishes the tournament results through the chained
 * tournament role and bob (team red) reads them with his own session; the inspector's identity view and flow
 * show the session tags, the source identity and the chain; each team sees its own board only.
 */

async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.getByRole('button', { name: 'Yes, sign me out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to play' })).toBeVisible();
}

test.describe('team play and the tournament', () => {
	test('carol publishes through the chained role, the inspector draws the chain, bob reads the results', async ({
		page,
		env,
	}) => {
		await seedRivals(env);
		await signIn(page, env, 'carol');

		// Her board is blue's, from her session tag; she posts to it.
		const board = page.getByTestId('team-board');
		await expect(board.getByRole('heading', { name: 'Team board: blue' })).toBeVisible();
		await board.getByLabel('Message to your team').fill('blue strategy: stay left');
		await board.getByRole('button', { name: 'Post to the team board' }).click();
		await expect(board.getByTestId('team-message')).toContainText('blue strategy: stay left');

		// She is an organizer: she publishes the leaderboard through the tournament role.
		const results = page.getByTestId('tournament-results');
		await expect(page.getByRole('region', { name: 'Leaderboard' })).toContainText('Pixel Ace');
		await results.getByRole('button', { name: 'Publish the leaderboard as results' }).click();
		await expect(results.getByRole('status')).toContainText('Published with the tournament role');
		await expect(results.getByTestId('standings')).toContainText('Pixel Ace');
		await expect(results).toContainText('published by Carol');
		expect(await accessibilityViolations(page, '.team-panels')).toEqual([]);

		// The inspector: tags and source identity, and the chained AssumeRole with its parent.
		await page.getByRole('button', { name: 'Inspector' }).click();
		const dialog = page.getByRole('dialog', { name: /Every AWS call/ });
		await dialog.getByRole('tab', { name: /Identity/ }).click();
		const tags = dialog.getByTestId('session-tags');
		await expect(tags.getByTestId('source-identity')).toContainText('carol@fedplay-id.example');
		await expect(tags).toContainText('aws:PrincipalTag/team = blue');
		await expect(tags).toContainText('aws:PrincipalTag/role = organizer');
		await expect(tags.getByTestId('chained-role')).toContainText(
			'assumed-role/fedplay-tournament/tournament-carol',
		);
		await expect(tags.getByTestId('chained-role')).toContainText(
			'assumed-role/fedplay-player/fedplay-carol',
		);

		await dialog.getByRole('tab', { name: /Flow/ }).click();
		const diagram = dialog.getByRole('group', { name: /Sequence diagram/ });
		const assume = diagram
			.getByRole('button', { name: /AssumeRoleWithWebIdentity \+ tags/ })
			.first();
		await assume.click();
		const facts = dialog.getByTestId('step-facts');
		await expect(facts).toContainText('team=blue (transitive)');
		await expect(facts).toContainText('role=organizer');
		await expect(facts).toContainText('carol@fedplay-id.example');
		const chained = diagram.getByRole('button', {
			name: /AssumeRole fedplay-tournament \(chained/,
		});
		await expect(chained).toHaveCount(1);
		await expect(diagram.getByTestId('chain-link')).toHaveCount(1);
		await chained.click();
		await expect(facts).toContainText('Parent session');
		await expect(facts).toContainText('assumed-role/fedplay-player/fedplay-carol');
		await expect(facts).toContainText('Source identity (carried)');
		expect(await accessibilityViolations(page, 'dialog.inspector')).toEqual([]);
		await page.keyboard.press('Escape');
		await signOut(page);

		// Bob, team red, no organizer tag: reads the results, no publish button, his own team's board only.
		await signIn(page, env, 'bob');
		const bobResults = page.getByTestId('tournament-results');
		await expect(bobResults.getByTestId('standings')).toContainText('Pixel Ace');
		await expect(bobResults).toContainText('published by Carol');
		await expect(bobResults.getByRole('button', { name: /Publish/ })).toHaveCount(0);
		const bobBoard = page.getByTestId('team-board');
		await expect(bobBoard.getByRole('heading', { name: 'Team board: red' })).toBeVisible();
		await expect(bobBoard).not.toContainText('blue strategy');
		await bobBoard.getByLabel('Message to your team').fill('red: go right');
		await bobBoard.getByRole('button', { name: 'Post to the team board' }).click();
		await expect(bobBoard.getByTestId('team-message')).toContainText('red: go right');
	});
});
