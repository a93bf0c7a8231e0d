import { accessibilityViolations } from './axe';
import { expect, openIdentityDetails, openInspector, signIn, testWithOwnApp } from './fixtures';
import { serveApp } from './serve-app';

/*
 * The inspector in Chromium, against its own sandbox started with encoded authorization messages (so a
 * denial carries a blob to decode) and its own static server: the shared sandbox stays as it is.
 */

const test = testWithOwnApp(() => serveApp('dist', { encodedAuthorizationMessages: true }));

test.describe('the inspector', () => {
	test('logs the sign-in, explains and decodes a denial, scopes a session down, and draws the flow', async ({
		page,
		env,
		secrets,
	}) => {
		test.setTimeout(90_000);
		await signIn(page, env, 'alice');
		const dialog = await openInspector(page);

		// The call log: the sign-in's STS calls, with no secret on screen.
		const calls = dialog.getByRole('list', { name: 'AWS calls' });
		await expect(calls.getByText('AssumeRoleWithWebIdentity', { exact: true })).toBeVisible();
		await expect(calls.getByText('GetCallerIdentity', { exact: true }).first()).toBeVisible();
		const assume = calls.getByRole('listitem').filter({
			has: page.getByText('AssumeRoleWithWebIdentity', { exact: true }),
		});
		await assume.getByText('AssumeRoleWithWebIdentity', { exact: true }).click();
		await expect(assume.getByText('Request (secrets redacted)')).toBeVisible();
		await expect(assume.getByLabel('Request body')).toContainText('WebIdentityToken=');
		expect(await accessibilityViolations(page, 'dialog.inspector')).toEqual([]);

		// A denied call of the app's own, explained with the failing condition and decoded through STS.
		await dialog.getByRole('tab', { name: /Explain/ }).click();
		await dialog.getByRole('button', { name: "Try to read another player's data" }).click();
		const stats = dialog.getByRole('article').filter({ hasText: 'GetItem 400' });
		await expect(stats).toBeVisible();
		await expect(stats).toContainText('dynamodb:GetItem');
		await expect(stats).toContainText(
			`arn:aws:dynamodb:us-east-1:${env.accountId}:table/GameScores`,
		);
		await expect(stats).toContainText('identity-based policy');
		await expect(stats).toContainText(
			'dynamodb:LeadingKeys was [oidc1/bob]; the policy requires your partition key [oidc1/alice]',
		);
		const profile = dialog.getByRole('article').filter({ hasText: 'GetObject 403' });
		await expect(profile).toContainText('s3:GetObject');
		await expect(profile).toContainText(
			'arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json',
		);
		await stats.getByRole('button', { name: 'Decode' }).click();
		const decoded = stats.getByText('Decoded by sts:DecodeAuthorizationMessage').locator('..');
		await expect(decoded).toContainText('dynamodb:GetItem');
		await expect(decoded).toContainText('assumed-role/fedplay-player/');
		await expect(decoded).toContainText('dynamodb:LeadingKeys');
		expect(await accessibilityViolations(page, 'dialog.inspector')).toEqual([]);
		await stats.evaluate((card) => card.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: 'docs/screenshots/inspector.png' });

		// Failures only: the denials and nothing else.
		await dialog.getByRole('tab', { name: /Calls/ }).click();
		const all = await calls.getByRole('listitem').count();
		await dialog.getByLabel('Failures only').check();
		await expect(calls.getByRole('listitem').filter({ hasText: 'GetItem' })).toHaveCount(1);
		expect(await calls.getByRole('listitem').count()).toBeLessThan(all);
		await expect(
			calls.getByRole('listitem').filter({ hasText: 'AssumeRoleWithWebIdentity' }),
		).toHaveCount(0);

		// The playground: no s3:GetObject in the session policy, so the game's profile read is denied.
		await dialog.getByRole('tab', { name: /Playground/ }).click();
		await dialog.getByRole('radio', { name: /No profile reads/ }).check();
		await dialog.getByRole('button', { name: 'Re-assume with this policy' }).click();
		await expect(dialog.getByText(/Role re-assumed with the session policy/)).toBeVisible();
		await dialog.getByRole('button', { name: "Try the game's calls" }).click();
		const results = dialog.getByRole('list', { name: 'Game calls with the session policy' });
		await expect(results.getByRole('listitem').filter({ hasText: 'profile' })).toContainText(
			'Denied',
		);
		await expect(results.getByRole('listitem').filter({ hasText: 'leaderboard' })).toContainText(
			'Allowed',
		);
		await expect(results).toContainText('session-policy');
		expect(await accessibilityViolations(page, 'dialog.inspector')).toEqual([]);

		// The flow: every step drawn, each one focusable and expandable.
		await dialog.getByRole('tab', { name: /Flow/ }).click();
		const steps = dialog.getByRole('group', { name: /Sequence diagram/ }).getByRole('button');
		expect(await steps.count()).toBeGreaterThanOrEqual(8);
		await expect(steps.first()).toHaveAccessibleName(/Step 1: ID token/);
		await steps.first().focus();
		await page.keyboard.press('Enter');
		await expect(dialog.getByText('ID token claims', { exact: true })).toBeVisible();
		await steps.filter({ hasText: '400 AccessDeniedException' }).first().click();
		await expect(dialog.getByText(/What it proves/).locator('..')).toContainText(
			'dynamodb:LeadingKeys was [oidc1/bob]',
		);
		expect(await accessibilityViolations(page, 'dialog.inspector')).toEqual([]);
		await steps.nth(1).click();
		await page.setViewportSize({ width: 1280, height: 1500 });
		await page.screenshot({ path: 'docs/screenshots/flow.png' });

		// No secret anywhere on the page, whatever was opened.
		const text = await page.evaluate(() => document.body.innerText);
		const html = await page.content();
		expect(secrets.secretAccessKeys.length).toBeGreaterThanOrEqual(2);
		expect(secrets.idTokens.length).toBeGreaterThan(0);
		for (const secret of [
			...secrets.secretAccessKeys,
			...secrets.sessionTokens,
			...secrets.idTokens,
		]) {
			expect(text).not.toContain(secret.slice(4, -4));
			expect(html).not.toContain(secret.slice(4, -4));
		}

		// Escape closes the dialog and gives focus back to the toggle.
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(page.getByRole('button', { name: 'Inspector' })).toBeFocused();
	});
});

test.describe('the inspector after a reload', () => {
	test('shows the session restored from the vault, with the ID token’s claims, and no secret', async ({
		page,
		env,
		secrets,
	}) => {
		await signIn(page, env, 'alice');
		await openIdentityDetails(page);
		const arn = await page
			.getByRole('region', { name: 'Your AWS identity' })
			.getByText(/assumed-role\/fedplay-player\//)
			.innerText();
		await page.reload();
		await expect(page.getByRole('heading', { name: /Welcome, Alice/ })).toBeVisible();
		const dialog = await openInspector(page);
		await dialog.getByRole('tab', { name: 'Identity' }).click();
		await expect(
			dialog.getByText(/restored from this browser's vault, without asking STS/),
		).toBeVisible();
		await expect(dialog.getByText(arn.trim(), { exact: true }).first()).toBeVisible();
		// Where her data lives: her provider's segment, then her sub.
		await expect(dialog.getByText('s3://…/players/oidc1/alice/', { exact: true })).toBeVisible();
		await expect(dialog.getByText('UserId = oidc1/alice', { exact: true })).toBeVisible();
		// The decoded ID token: its claims by name, never the token itself.
		await expect(dialog.getByRole('rowheader', { name: 'sub', exact: true })).toBeVisible();
		const all = [...secrets.secretAccessKeys, ...secrets.sessionTokens, ...secrets.idTokens];
		expect(all.length).toBeGreaterThan(0);
		const text = await page.locator('body').innerText();
		for (const secret of all) expect(text).not.toContain(secret);
	});
});
