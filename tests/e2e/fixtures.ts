import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { e2eEnv, type E2eEnv } from './env';
import type { ServedApp } from './serve-app';

export { expect };

/** Secrets seen on the wire during a test: they must never show up in the page or the console. */
export interface Secrets {
	secretAccessKeys: string[];
	sessionTokens: string[];
	idTokens: string[];
}

interface Fixtures {
	env: E2eEnv;
	/** Console messages of the page (all levels), for "never logged" checks. */
	consoleMessages: string[];
	secrets: Secrets;
}

const tagValues = (xml: string, tag: string) =>
	[...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]!);

export const test = base.extend<Fixtures>({
	// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
	env: async ({}, use) => {
		await use(e2eEnv());
	},

	consoleMessages: async ({ page }, use) => {
		const messages: string[] = [];
		page.on('console', (message) => messages.push(message.text()));
		await use(messages);
	},

	secrets: async ({ page, env }, use) => {
		const secrets: Secrets = { secretAccessKeys: [], sessionTokens: [], idTokens: [] };
		page.on('response', async (response) => {
			const url = response.url();
			const body = await response.text().catch(() => '');
			if (url.startsWith(env.awsEndpoint) && body.includes('AssumeRoleWithWebIdentityResult')) {
				secrets.secretAccessKeys.push(...tagValues(body, 'SecretAccessKey'));
				secrets.sessionTokens.push(...tagValues(body, 'SessionToken'));
			}
			if (env.issuers.some((issuer) => url.startsWith(issuer)) && body.includes('"id_token"')) {
				const token = (JSON.parse(body) as { id_token?: string }).id_token;
				if (token) secrets.idTokens.push(token);
			}
		});
		await use(secrets);
	},

	// Every test fails on a CSP violation in the app: the browser's own event, logged where we listen.
	page: async ({ page, env }, use) => {
		const violations: string[] = [];
		await page.exposeFunction('__fedplayCspViolation', (text: string) => violations.push(text));
		await page.addInitScript((appOrigin) => {
			if (location.origin !== appOrigin) return;
			document.addEventListener('securitypolicyviolation', (event) => {
				const report = `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`;
				(window as unknown as { __fedplayCspViolation(t: string): void }).__fedplayCspViolation(
					report,
				);
			});
		}, env.appOrigin);
		const reportsBefore = await cspReportCount(env);
		await use(page);
		expect(violations, 'CSP violations in the page').toEqual([]);
		expect(await cspReportCount(env), 'CSP reports received by the server').toBe(reportsBefore);
	},
});

/**
 * `test` against an app and sandbox of the suite's own (`start`, once per worker, e.g. serve-app.ts's
 * `serveApp` with other sandbox settings or another build) instead of global setup's.
 */
export function testWithOwnApp(start: () => Promise<ServedApp>, timeout?: number) {
	return test.extend<object, { ownApp: E2eEnv }>({
		ownApp: [
			// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
			async ({}, use) => {
				const app = await start();
				try {
					await use(app.env);
				} finally {
					await app.close();
				}
			},
			{ scope: 'worker', ...(timeout === undefined ? {} : { timeout }) },
		],
		env: async ({ ownApp }, use) => {
			await use(ownApp);
		},
	});
}

async function cspReportCount(env: E2eEnv): Promise<number> {
	const response = await fetch(env.cspReportsUrl);
	return ((await response.json()) as unknown[]).length;
}

/** Which sandbox player and provider to sign in as. */
export type ProviderName = 'Fedplay ID' | 'Arcade ID';

/** Open the app, choose `provider`, pick `player` on the sandbox login page, wait for the signed-in home. */
export async function signIn(
	page: Page,
	env: E2eEnv,
	player = 'alice',
	provider: ProviderName = 'Fedplay ID',
): Promise<void> {
	await page.goto(env.appUrl);
	await page.getByRole('button', { name: `Sign in with ${provider}` }).click();
	await page.getByRole('button', { name: player, exact: true }).click();
	await expect(sessionStrip(page)).toBeVisible();
	await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeFocused();
}

/** The compact strip above the game: who, which provider, which path, and the credentials' countdown. */
export function sessionStrip(page: Page) {
	return page.getByRole('region', { name: 'Your session' });
}

/**
 * Opens the full identity and credential cards (one click from the strip; remembered for the tab, so they
 * stay open through a reload) and waits for the identity card.
 */
export async function openIdentityDetails(page: Page): Promise<void> {
	const toggle = sessionStrip(page).getByRole('button', { name: 'Identity & credentials' });
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await expect(page.getByRole('heading', { name: 'Your AWS identity' })).toBeVisible();
}

/** The countdown's digits, as seen on screen (`mm:ss`): the strip's, always there when signed in. */
export async function countdownSeconds(page: Page): Promise<number> {
	const text = await sessionStrip(page)
		.getByRole('timer')
		.locator('[aria-hidden="true"]')
		.innerText();
	const parts = text.trim().split(':').map(Number);
	return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Opens the inspector from the signed-in page's header; returns its dialog, once shown. */
export async function openInspector(page: Page): Promise<Locator> {
	await page.getByRole('button', { name: 'Inspector' }).click();
	const dialog = page.getByRole('dialog', { name: /Every AWS call/ });
	await expect(dialog).toBeVisible();
	return dialog;
}
