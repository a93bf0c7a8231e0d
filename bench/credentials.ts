/**
 * Requests to the identity provider and to STS over the credential lifecycle, measured by driving Chromium
 * against the built app (`npm run build` first) and a sandbox on free ports:
 *   (a) first sign-in, (b) a reload with valid credentials, (c) one hour of play across one refresh,
 *   (d) three tabs across one refresh.
 * Printed beside the naive baseline — sign in and assume the role on every page load, and again when the
 * credentials run out, in every tab — whose counts are COMPUTED from the first sign-in measured here (one
 * naive page load = one (a)), not measured from a naive build. Browser time moves with Playwright's clock and
 * the sandbox's time with its clock endpoint, by the same amounts. Takes about half a minute.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { FREE_PORTS, createSandbox, sandboxRuntimeConfig, type Sandbox } from '../sandbox/app';
import { serveStatic } from '../scripts/serve-static';
import {
	countTraffic,
	moveSandboxClock,
	trackInFlight,
	type Traffic,
	type TrafficEnv,
} from '../tests/e2e/credentials-support';

const MIN = 60_000;
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

interface Counts {
	provider: number;
	sts: number;
	assumeRole: number;
	failedAws: number;
}

function snapshot(t: Traffic): Counts {
	return {
		provider: t.provider.length,
		sts: t.assumeRole + t.getCallerIdentity,
		assumeRole: t.assumeRole,
		failedAws: t.awsFailures.length,
	};
}

function since(t: Traffic, before: Counts): Counts {
	const now = snapshot(t);
	return {
		provider: now.provider - before.provider,
		sts: now.sts - before.sts,
		assumeRole: now.assumeRole - before.assumeRole,
		failedAws: now.failedAws - before.failedAws,
	};
}

const times = (c: Counts, n: number): Counts => ({
	provider: c.provider * n,
	sts: c.sts * n,
	assumeRole: c.assumeRole * n,
	failedAws: c.failedAws * n,
});

const identityShown = (page: Page) =>
	page.getByRole('region', { name: 'Your session' }).waitFor({ timeout: 15_000 });

async function signIn(page: Page, appUrl: string): Promise<void> {
	await page.goto(appUrl);
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: 'alice', exact: true }).click();
	await identityShown(page);
}

/** Wait until `done()` or 10 s; then a moment more for anything late. */
async function until(page: Page, done: () => boolean): Promise<void> {
	for (let waited = 0; !done() && waited < 10_000; waited += 100) await page.waitForTimeout(100);
	await page.waitForTimeout(500);
}

async function newContext(browser: Browser, env: TrafficEnv) {
	const context = await browser.newContext();
	await context.clock.install();
	return { context, traffic: countTraffic(context, env) };
}

/** Move browser and sandbox time forward together. */
async function passTime(context: BrowserContext, env: TrafficEnv, ms: number): Promise<void> {
	await moveSandboxClock(env, { advanceMs: ms });
	await context.clock.fastForward(ms);
}

async function measure(browser: Browser, appUrl: string, env: TrafficEnv) {
	// (a) first sign-in, then (b) a reload, then (c) an hour of play in 5-minute steps, in one tab.
	const one = await newContext(browser, env);
	const page = await one.context.newPage();
	const network = trackInFlight(page);
	await signIn(page, appUrl);
	await network.quiet();
	const first = snapshot(one.traffic);
	let mark = snapshot(one.traffic);
	await page.reload();
	await identityShown(page);
	await network.quiet(750);
	const reload = since(one.traffic, mark);
	mark = snapshot(one.traffic);
	for (let elapsed = 0; elapsed < 60 * MIN; elapsed += 5 * MIN) {
		await passTime(one.context, env, 5 * MIN);
		await page.waitForTimeout(300);
	}
	await until(page, () => since(one.traffic, mark).assumeRole >= 1);
	const hour = since(one.traffic, mark);
	await one.context.close();
	await moveSandboxClock(env, { offsetMs: 0 });

	// (d) two more tabs opened, then the three cross one refresh together.
	const three = await newContext(browser, env);
	const tab = await three.context.newPage();
	const networks = [trackInFlight(tab)];
	await signIn(tab, appUrl);
	await networks[0]!.quiet();
	mark = snapshot(three.traffic);
	for (let i = 0; i < 2; i += 1) {
		const more = await three.context.newPage();
		networks.push(trackInFlight(more));
		await more.goto(appUrl);
		await identityShown(more);
	}
	for (const n of networks) await n.quiet();
	await passTime(three.context, env, 56 * MIN);
	await until(tab, () => since(three.traffic, mark).assumeRole >= 1);
	const tabs = since(three.traffic, mark);
	await three.context.close();
	await moveSandboxClock(env, { offsetMs: 0 });
	return { first, reload, hour, tabs };
}

function print(rows: [string, Counts, Counts][]): void {
	const cell = (c: Counts) =>
		`${String(c.provider).padStart(3)} provider  ${String(c.sts).padStart(2)} STS (${c.assumeRole} AssumeRole)  ${c.failedAws} failed`;
	for (const [label, fedplay, naive] of rows) {
		console.log(label);
		console.log(`    fedplay  ${cell(fedplay)}`);
		console.log(`    naive    ${cell(naive)}`);
	}
}

/** Runs the four scenarios and prints the counts beside the naive baseline. */
export async function benchCredentials(): Promise<void> {
	if (!existsSync('dist/index.html')) {
		console.log('skipped: dist/ is missing — run `npm run build` first.');
		return;
	}
	const web = await serveStatic({ root: 'dist', port: 0, basePath: '/' });
	let sandbox: Sandbox | undefined;
	let browser: Browser | undefined;
	try {
		sandbox = await createSandbox({
			...FREE_PORTS,
			appOrigins: [web.origin],
		});
		// One-hour credentials, as in the default config: an hour of play crosses exactly one refresh.
		web.setConfig({ ...sandboxRuntimeConfig(sandbox), durationSeconds: 3600 });
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
		const env: TrafficEnv = { issuers: sandbox.issuers, awsEndpoint: sandbox.awsEndpoint };
		const m = await measure(browser, web.url, env);
		// Naive: every page load is a full sign-in (a); when the credentials run out, the next AWS call
		// fails and the page signs in again; each tab does all of this on its own.
		const failed = { provider: 0, sts: 0, assumeRole: 0, failedAws: 1 };
		const plus = (a: Counts, b: Counts): Counts => ({
			provider: a.provider + b.provider,
			sts: a.sts + b.sts,
			assumeRole: a.assumeRole + b.assumeRole,
			failedAws: a.failedAws + b.failedAws,
		});
		console.log('one-hour credentials, refresh 5 min ahead; naive computed from (a)');
		print([
			['(a) first sign-in', m.first, m.first],
			['(b) reload with valid credentials', m.reload, m.first],
			['(c) one hour of play across one refresh', m.hour, plus(m.first, failed)],
			[
				'(d) two more tabs, then three tabs across one refresh',
				m.tabs,
				plus(times(m.first, 5), times(failed, 3)),
			],
		]);
		console.log(
			'    (c), (d): the ID token has 5 min left at the refresh, so Fedplay first renews it with the refresh\n' +
				'    token at the provider (its token endpoint, plus discovery if that page has not fetched it yet), in one\n' +
				'    tab only. Opening tabs costs nothing: they restore from the vault.',
		);
	} finally {
		await browser?.close();
		await sandbox?.close();
		await web.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchCredentials();
