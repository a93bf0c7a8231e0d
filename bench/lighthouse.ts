/**
 * Lighthouse 12 (pinned: 13 needs Node 22) mobile and desktop scores for the sign-in screen and the
 * signed-in home, in Debian's Chromium. The signed-in runs use a Chromium profile signed in through
 * Playwright, and Lighthouse keeps its storage (`disableStorageReset`), so the app restores the session
 * from its vault as on a player's reload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse, { type Config, type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { StaticServer } from '../scripts/serve-static';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium';

const GOALS = {
	'sign-in': { perf: 95, bp: 100 },
	'signed-in home': { perf: 90, bp: 100 },
};

export async function runLighthouse(web: StaticServer): Promise<void> {
	const profile = await mkdtemp(join(tmpdir(), 'fedplay-lh-profile-'));
	try {
		await signInProfile(web, profile);
		console.log('Lighthouse 12 (simulated throttling; mobile: 4× CPU, slow 4G)');
		for (const formFactor of ['mobile', 'desktop'] as const) {
			for (const page of ['sign-in', 'signed-in home'] as const) {
				const signedIn = page === 'signed-in home';
				const userDataDir = signedIn ? profile : await mkdtemp(join(tmpdir(), 'fedplay-lh-'));
				try {
					await audit(web.url, formFactor, page, userDataDir, signedIn);
				} finally {
					if (!signedIn) await rm(userDataDir, { recursive: true, force: true });
				}
			}
		}
	} finally {
		await rm(profile, { recursive: true, force: true });
	}
}

/** A Chromium profile signed in as alice through the real flow. */
async function signInProfile(web: StaticServer, userDataDir: string): Promise<void> {
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		args: CHROMIUM_FLAGS,
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(web.url);
		await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
		await page.getByRole('button', { name: 'alice', exact: true }).click();
		await page
			.locator('section[aria-label="Play Token Rush"][aria-busy="false"]')
			.waitFor({ timeout: 60_000 });
	} finally {
		await context.close();
	}
}

async function audit(
	url: string,
	formFactor: 'mobile' | 'desktop',
	page: keyof typeof GOALS,
	userDataDir: string,
	keepStorage: boolean,
): Promise<void> {
	const port = await freePort();
	const chrome = await launchChromium(port, userDataDir);
	try {
		const flags: Flags = {
			port,
			logLevel: 'error',
			output: 'json',
			onlyCategories: ['performance', 'best-practices'],
			disableStorageReset: keepStorage,
		};
		const config: Config | undefined = formFactor === 'desktop' ? desktopConfig : undefined;
		let lhr = (await lighthouse(url, flags, config))?.lhr;
		// Lighthouse sometimes misses the trace's navigation start (NO_NAVSTART) on a busy machine: once more.
		if (lhr?.runtimeError) lhr = (await lighthouse(url, flags, config))?.lhr;
		if (!lhr) throw new Error('Lighthouse returned no result');
		const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
		const metric = (id: string) => lhr.audits[id]?.displayValue ?? '–';
		const goal = GOALS[page];
		const goals =
			formFactor === 'mobile' ? ` — goal ≥ ${goal.perf} / ${goal.bp}` : ' (no goal set)';
		const errors = lhr.runtimeError ? ` (error: ${lhr.runtimeError.message})` : '';
		// What costs best-practices points, by audit id.
		const missed = (lhr.categories['best-practices']?.auditRefs ?? [])
			.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
			.map((ref) => ref.id);
		const why = missed.flatMap((id) => whatItSaw(lhr.audits[id]?.details));
		console.log(
			`  ${formFactor}, ${page}: perf ${score('performance')} / best practices ${score('best-practices')}${goals}; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, TTI ${metric('interactive')}${missed.length > 0 ? `; best practices missed: ${missed.join(', ')}` : ''}${errors}`,
		);
		// Each missed audit's own items (the console error's text and source, the issue's kind…).
		for (const line of why) console.log(`    ${line}`);
	} finally {
		chrome.kill();
		await new Promise((done) => chrome.once('exit', done));
	}
}

/** The items of an audit's table, one line each (at most five), for the figures' reader to act on. */
function whatItSaw(details: unknown): string[] {
	const items = (details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
	return items.slice(0, 5).map((item) =>
		Object.entries(item)
			.map(
				([key, value]) =>
					`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
			)
			.join(' · ')
			.slice(0, 300),
	);
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const { port } = server.address() as { port: number };
	await new Promise((done) => server.close(done));
	return port;
}

/** Headless Chromium with its DevTools endpoint on loopback `port`; resolves once it answers. */
async function launchChromium(port: number, userDataDir: string): Promise<ChildProcess> {
	const chrome = spawn(
		CHROMIUM,
		[
			...CHROMIUM_FLAGS,
			'--headless=new',
			`--remote-debugging-port=${port}`,
			'--remote-debugging-address=127.0.0.1',
			`--user-data-dir=${userDataDir}`,
			'about:blank',
		],
		{ stdio: 'ignore' },
	);
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		try {
			const answer = await fetch(`http://127.0.0.1:${port}/json/version`);
			if (answer.ok) return chrome;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	chrome.kill();
	throw new Error(`Chromium did not open its DevTools port ${port} within 30 s`);
}
