/**
 * The app in a real Chromium (Debian's /usr/bin/chromium), built for production and served by the bundled
 * static server with production's headers and compression, against an in-process sandbox:
 * (a) bytes per stage: gzip -9 of each JS and CSS file the page requests (sign-in screen; added after
 *     sign-in with the game ready and the inspector closed; every file in dist), and requests per host;
 * (b) sign-in click → playable and reload → playable under slow-4G emulation (CDP: 150 ms RTT, 1.6 Mbps
 *     down, 750 kbps up), the player's data shown beside it;
 * (c) long tasks on the signed-in page with the CPU slowed 4× (the mobile profile);
 * (d) Lighthouse 12 mobile and desktop scores for the sign-in screen and the signed-in home (bench/lighthouse.ts).
 * Each figure is printed beside its goal (issue 18) and its floor. Loopback only; every wait is bounded.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import type { StaticServer } from '../scripts/serve-static';
import type { E2eEnv } from '../tests/e2e/env';
import { serveApp } from '../tests/e2e/serve-app';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium';
import { runLighthouse } from './lighthouse';
import { mainThreadTrace, type TraceSteps } from './main-thread';

/** Slow 4G as issue 18 defines it: 150 ms round trip, 1.6 Mbps down (750 kbps up, Lighthouse's figure). */
const SLOW_4G = {
	offline: false,
	latency: 150,
	downloadThroughput: (1.6 * 1024 * 1024) / 8,
	uploadThroughput: (750 * 1024) / 8,
};
const TIMEOUT = 60_000;
const KB = 1024;

const GOALS = { signIn: 35 * KB, added: 90 * KB, all: 150 * KB, click: 2_500, reload: 1_000 };
/**
 * Round trips that cannot overlap. Click: the authorization redirect, the login page, its answer, the
 * callback document, the token call, STS, a CORS preflight and the data reads (≈ 8) plus the added bytes.
 * Reload: the document, the entry script, config.json, then the data reads with their preflights (≈ 4).
 */
const FLOOR_ROUND_TRIPS = { click: 8, reload: 4 };

export interface Stage {
	files: string[];
	hosts: Map<string, number>;
}

export async function benchBrowser(): Promise<void> {
	const outDir = await buildApp();
	const app = await serveApp(outDir, {}, { basePath: '/' });
	const { web } = app;
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	try {
		const stages = await bytesPerStage(browser, web);
		await printBytes(outDir, stages, hostNames(web, app.env));
		await timings(browser, web, stages, outDir);
		await longTasks(browser, web);
		await mainThreadTrace(browser, web, outDir, traceSteps(web));
	} finally {
		await browser.close();
	}
	try {
		// FEDPLAY_BENCH_LIGHTHOUSE=0 skips the four Lighthouse runs (a minute or two) while iterating.
		if (process.env.FEDPLAY_BENCH_LIGHTHOUSE !== '0') await runLighthouse(web);
	} finally {
		await app.close();
		await rm(outDir, { recursive: true, force: true });
	}
}

/**
 * A production build in a temporary directory (what `npm run build` makes, measured fresh). Its source maps
 * are hidden (written beside the chunks, named by no chunk), for the main-thread trace's per-source figures.
 */
export async function buildApp(): Promise<string> {
	const outDir = await mkdtemp(join(tmpdir(), 'fedplay-bench-'));
	const nodeEnv = process.env.NODE_ENV;
	process.env.NODE_ENV = 'production';
	try {
		await build({
			mode: 'production',
			logLevel: 'silent',
			build: { outDir, emptyOutDir: true, sourcemap: 'hidden' },
		});
	} finally {
		process.env.NODE_ENV = nodeEnv;
	}
	return outDir;
}

function hostNames(
	web: StaticServer,
	sandbox: Pick<E2eEnv, 'issuers' | 'awsEndpoint'>,
): Map<string, string> {
	const names = new Map<string, string>([[new URL(web.origin).host, 'app']]);
	sandbox.issuers.forEach((issuer, i) => names.set(new URL(issuer).host, `IdP ${i + 1}`));
	names.set(new URL(sandbox.awsEndpoint).host, 'AWS (STS, S3, DynamoDB)');
	return names;
}

/** Records every request of `context` from now on. */
export function recorder(context: BrowserContext, appOrigin: string) {
	const urls: string[] = [];
	context.on('request', (request) => urls.push(request.url()));
	return {
		/** Requests since the last cut. */
		cut(): Stage {
			const taken = urls.splice(0);
			const hosts = new Map<string, number>();
			for (const url of taken) {
				const host = new URL(url).host;
				hosts.set(host, (hosts.get(host) ?? 0) + 1);
			}
			const files = taken
				.filter((url) => url.startsWith(appOrigin) && /\.(js|css)$/.test(new URL(url).pathname))
				.map((url) => new URL(url).pathname.slice(1));
			return { files: [...new Set(files)], hosts };
		},
	};
}

const startButton = (page: Page) =>
	page.locator('[role="group"][aria-label="Token Rush"] .overlay button.primary:enabled');

export async function playable(page: Page): Promise<void> {
	await startButton(page).waitFor({ state: 'visible', timeout: TIMEOUT });
}

export async function dataShown(page: Page): Promise<void> {
	await page
		.locator('section[aria-label="Play Token Rush"][aria-busy="false"]')
		.waitFor({ timeout: TIMEOUT });
}

/** Click the provider's button, then answer the sandbox login page at once. */
export async function signInFrom(page: Page, player = 'alice'): Promise<void> {
	await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).click();
	await page.getByRole('button', { name: player, exact: true }).click({ timeout: TIMEOUT });
}

export async function bytesPerStage(
	browser: Browser,
	web: StaticServer,
): Promise<{ signIn: Stage; added: Stage }> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const requests = recorder(context, web.origin);
		await page.goto(web.url, { waitUntil: 'networkidle', timeout: TIMEOUT });
		await page.getByRole('button', { name: 'Sign in with Fedplay ID' }).waitFor();
		const signIn = requests.cut();
		await signInFrom(page);
		await playable(page);
		await dataShown(page);
		await page.waitForLoadState('networkidle');
		const after = requests.cut();
		const added = { ...after, files: after.files.filter((f) => !signIn.files.includes(f)) };
		return { signIn, added };
	} finally {
		await context.close();
	}
}

export async function gzipSize(outDir: string, files: string[]): Promise<number> {
	let total = 0;
	for (const file of files)
		total += gzipSync(await readFile(join(outDir, file)), { level: 9 }).length;
	return total;
}

/** `name size` of each file, largest first (hashes left out). */
async function fileList(outDir: string, files: string[]): Promise<string> {
	const sized = await Promise.all(
		files.map(async (file) => [file, await gzipSize(outDir, [file])] as const),
	);
	return sized
		.sort((a, b) => b[1] - a[1])
		.map(
			([file, bytes]) =>
				`${file.replace(/^assets\//, '').replace(/-[\w-]{8}\./, '.')} ${kb(bytes)}`,
		)
		.join(', ');
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function printBytes(
	outDir: string,
	stages: { signIn: Stage; added: Stage },
	names: Map<string, string>,
): Promise<void> {
	const assets = (await readdir(join(outDir, 'assets')))
		.filter((f) => /\.(js|css)$/.test(f))
		.map((f) => `assets/${f}`);
	const rows: [string, Stage | null, number, number][] = [
		['sign-in screen', stages.signIn, await gzipSize(outDir, stages.signIn.files), GOALS.signIn],
		[
			'added after sign-in, game ready, inspector closed',
			stages.added,
			await gzipSize(outDir, stages.added.files),
			GOALS.added,
		],
		['all JS + CSS in dist', null, await gzipSize(outDir, assets), GOALS.all],
	];
	console.log(
		'JS + CSS, gzip -9 (goal from issue 18; floor: 0, what is not requested costs nothing)',
	);
	for (const [what, stage, bytes, goal] of rows) {
		const files = stage ? stage.files.length : assets.length;
		const verdict = bytes <= goal ? 'within' : 'OVER';
		console.log(`  ${what}: ${kb(bytes)} in ${files} files — goal ≤ ${kb(goal)} (${verdict})`);
		if (stage) console.log(`    ${await fileList(outDir, stage.files)}`);
	}
	for (const [what, stage] of [
		['sign-in screen', stages.signIn],
		['sign-in click → game ready', stages.added],
	] as const) {
		const hosts = [...stage.hosts].map(([host, n]) => `${names.get(host) ?? host} ${n}`).join(', ');
		console.log(`  requests per host, ${what}: ${hosts}`);
	}
}

/** Bytes that arrive in `ms` on slow 4G (the floor's transfer part). */
function transferMs(bytes: number): number {
	return (bytes / SLOW_4G.downloadThroughput) * 1000;
}

export async function throttle(page: Page, cpuRate = 1): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
	if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
}

async function timings(
	browser: Browser,
	web: StaticServer,
	stages: { signIn: Stage; added: Stage },
	outDir: string,
): Promise<void> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(web.url, { waitUntil: 'networkidle', timeout: TIMEOUT });
		const requests = recorder(context, web.origin);
		await throttle(page);
		const clicked = performance.now();
		// FEDPLAY_BENCH_WATERFALL=1 prints when each request of the click → playable stage starts and ends.
		if (process.env.FEDPLAY_BENCH_WATERFALL === '1') {
			const at = () => Math.round(performance.now() - clicked);
			const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').slice(0, 70);
			context.on('request', (r) => console.log(`    ${at()} ms → ${r.method()} ${short(r.url())}`));
			context.on('requestfinished', (r) => console.log(`    ${at()} ms ← ${short(r.url())}`));
		}
		await signInFrom(page);
		await playable(page);
		const click = performance.now() - clicked;
		await dataShown(page);
		const clickData = performance.now() - clicked;
		await page.waitForLoadState('networkidle');

		requests.cut();
		const reloaded = performance.now();
		await page.reload({ waitUntil: 'commit' });
		await playable(page);
		const reload = performance.now() - reloaded;
		await dataShown(page);
		const reloadData = performance.now() - reloaded;
		await page.waitForLoadState('networkidle');
		const reloadFiles = requests.cut().files;
		let oidcOnReload = false;
		for (const file of reloadFiles) {
			if ((await readFile(join(outDir, file), 'utf8')).includes('OidcClient')) oidcOnReload = true;
		}

		// What the added files weigh on the wire (brotli, as the server sends them), for the floor.
		const wire = await wireBytes(web, stages.added.files);
		const clickFloor = FLOOR_ROUND_TRIPS.click * SLOW_4G.latency + transferMs(wire);
		const reloadFloor = FLOOR_ROUND_TRIPS.reload * SLOW_4G.latency;
		console.log('slow 4G (150 ms RTT, 1.6 Mbps), CPU unthrottled');
		console.log(
			`  sign-in click → playable: ${sec(click)}, data shown ${sec(clickData)} — goal ≤ ${sec(GOALS.click)}, floor ≈ ${sec(clickFloor)} (${FLOOR_ROUND_TRIPS.click} round trips + ${kb(wire)} on the wire)`,
		);
		console.log(
			`  reload while signed in → playable: ${sec(reload)}, data shown ${sec(reloadData)} — goal ≤ ${sec(GOALS.reload)}, floor ≈ ${sec(reloadFloor)} (${FLOOR_ROUND_TRIPS.reload} round trips; scripts from the cache)`,
		);
		console.log(
			`  the reload runs ${reloadFiles.length} JS/CSS files (from the cache); oidc-client-ts among them: ${oidcOnReload ? 'YES' : 'no'}`,
		);
		console.log(`    ${await fileList(outDir, reloadFiles)}`);
	} finally {
		await context.close();
	}
}

async function wireBytes(web: StaticServer, files: string[]): Promise<number> {
	let total = 0;
	for (const file of files) {
		const answer = await fetch(new URL(file, web.url), { headers: { 'accept-encoding': 'br' } });
		total += Number(answer.headers.get('content-length') ?? 0);
		await answer.arrayBuffer();
	}
	return total;
}

/** Long tasks (PerformanceObserver) on the signed-in reload, slow 4G and the CPU slowed 4×. */
async function longTasks(browser: Browser, web: StaticServer): Promise<void> {
	const context = await browser.newContext();
	try {
		await context.addInitScript(() => {
			const tasks: number[] = [];
			(window as unknown as { __longTasks: number[] }).__longTasks = tasks;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) tasks.push(Math.round(entry.duration));
			}).observe({ type: 'longtask', buffered: true });
		});
		const page = await context.newPage();
		await page.goto(web.url, { waitUntil: 'networkidle', timeout: TIMEOUT });
		await signInFrom(page);
		await playable(page);
		await dataShown(page);
		await page.waitForLoadState('networkidle');
		await throttle(page, 4);
		await page.reload({ waitUntil: 'commit' });
		await playable(page);
		await dataShown(page);
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1_000);
		const tasks = await page.evaluate(
			() => (window as unknown as { __longTasks: number[] }).__longTasks,
		);
		const longest = Math.max(0, ...tasks);
		console.log('signed-in reload, CPU 4× slower (mobile profile), slow 4G');
		console.log(
			`  long tasks: ${tasks.length} (${tasks.join(', ') || 'none'} ms), longest ${longest} ms — goal: none over 200 ms (${longest <= 200 ? 'within' : 'OVER'})`,
		);
	} finally {
		await context.close();
	}
}

/** The main-thread trace's steps: signed in through the real flow, then every reload slowed. */
function traceSteps(web: StaticServer): TraceSteps {
	return {
		async signIn(page) {
			await page.goto(web.url, { waitUntil: 'networkidle', timeout: TIMEOUT });
			await signInFrom(page);
			await playable(page);
			await dataShown(page);
			await page.waitForLoadState('networkidle');
		},
		throttle,
		async settled(page) {
			await playable(page);
			await dataShown(page);
			await page.waitForLoadState('networkidle');
		},
	};
}
