import { playerPrefix } from '../../src/lib/config/data-layout';
import { expect, openInspector, signIn, test } from './fixtures';
import type { E2eEnv } from './env';
import { dataAs } from './game-helpers';

/*
 * Expected outcomes are not failures, and errors that no longer hold clear themselves.
 */

/** Makes `player` (at Arcade ID) brand new in S3: nothing under their prefix, as before their first visit. */
async function forgetFiles(env: E2eEnv, player: string): Promise<void> {
	const { data, identity } = await dataAs(env, player, 1);
	try {
		const { objects } = await data.s3.listObjectsV2({
			Bucket: data.bucket,
			Prefix: playerPrefix(identity),
		});
		for (const { key } of objects) await data.s3.deleteObject({ Bucket: data.bucket, Key: key });
	} finally {
		data.destroy();
	}
}

test('a brand-new player’s first load: no 4xx, no red call, no Explain badge, no console error', async ({
	page,
	env,
}) => {
	await forgetFiles(env, 'carol');
	const refused: string[] = [];
	const errors: string[] = [];
	page.on('response', (response) => {
		if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
	});
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});

	await signIn(page, env, 'carol', 'Arcade ID');
	await expect(page.getByRole('region', { name: 'Play Token Rush' })).toHaveAttribute(
		'aria-busy',
		'false',
	);
	await expect(page.getByRole('region', { name: 'Save slots' })).toContainText('Empty');

	const dialog = await openInspector(page);
	const calls = dialog.getByRole('list', { name: 'AWS calls' });
	// One listing of the player's own prefix, and one of exactly each shared object's key (the team's
	// board, the tournament results): nothing is read that might not be there.
	await expect(calls.getByText('ListObjectsV2', { exact: true })).toHaveCount(3);
	await expect(calls.getByText('GetObject', { exact: true })).toHaveCount(0);
	await dialog.getByLabel('Failures only').check();
	await expect(calls.getByRole('listitem')).toHaveCount(0);
	// The Explain tab's name is its label alone: no count of failures beside it.
	await expect(dialog.getByRole('tab', { name: /Explain/ })).toHaveAccessibleName('Explain');
	await dialog.getByRole('tab', { name: 'Flow' }).click();
	await expect(dialog.locator('.step.bad')).toHaveCount(0);

	expect(refused).toEqual([]);
	expect(errors).toEqual([]);
});

test('an outage of the AWS endpoint: the panels’ alerts go by themselves once it answers again', async ({
	page,
	env,
}) => {
	// Mocked: the sandbox cannot drop off the network while the browser stays online, so S3 and DynamoDB
	// requests (and the app's probes of the endpoint) are aborted as a network cut would, STS (sign-in) passes.
	let cut = true;
	await page.route(`${env.awsEndpoint}/**`, async (route) => {
		const sts = (route.request().postData() ?? '').includes('Action=');
		if (cut && !sts) await route.abort('internetdisconnected');
		else await route.continue();
	});

	await signIn(page, env, 'alice');
	const alerts = page.getByRole('region', { name: 'Play Token Rush' }).getByRole('alert');
	await expect(alerts.first()).toContainText('No answer', { timeout: 20_000 });

	// The endpoint is back; the browser never went offline, so no `online` event says so.
	cut = false;
	await expect(alerts).toHaveCount(0, { timeout: 20_000 });
	await expect(page.getByRole('region', { name: 'Leaderboard' })).not.toContainText('No answer');
});
