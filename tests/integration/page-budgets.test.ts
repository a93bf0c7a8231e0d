/*
 * Issue 18's byte budgets, measured as the benchmark measures them (bench/browser.ts): a production build
 * served with production's headers, a real Chromium, the real sign-in against the sandbox. The bytes are
 * gzip -9 of each JS and CSS file the page requests: deterministic, unlike the timings and scores, which
 * are benchmark figures only.
 *
 * Two budgets are not met yet (README, Benchmarks): for those the test holds today's figure so the gap can
 * only shrink, and names the goal beside it.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildApp,
	bytesPerStage,
	dataShown,
	gzipSize,
	playable,
	recorder,
	signInFrom,
	type Stage,
} from '../../bench/browser';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../bench/chromium';
import type { StaticServer } from '../../scripts/serve-static';
import { serveApp, type ServedApp } from '../e2e/serve-app';

const KB = 1024;
/** The goals of issue 18. */
const GOAL = { signIn: 35 * KB, added: 90 * KB, all: 150 * KB };
/**
 * Today's figures where the goal is not met: a ceiling that may only come down. Re-measured with every
 * federation path and the game-first screen in (issues 14–17): 127.7 KB added, 224.6 KB in all; lowered
 * after each path's code loaded only when used, the inspector's template slice and the click path's
 * overlap: 123.2 KB added, 217.2 KB in all; then after OidcClient replaced UserManager, the SDK's partition
 * and rate-limiter shims and the error words' own chunk: 112.7 KB added, 213.1 KB in all.
 */
const HELD = { added: 113 * KB, all: 214 * KB };

let outDir: string;
let app: ServedApp | undefined;
let web: StaticServer;
let browser: Browser;
let stages: { signIn: Stage; added: Stage };

beforeAll(async () => {
	outDir = await buildApp();
	// As the benchmark serves it: at the root path, with a sandbox on free ports.
	app = await serveApp(outDir, {}, { basePath: '/' });
	web = app.web;
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	stages = await bytesPerStage(browser, web);
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await app?.close();
	if (outDir) await rm(outDir, { recursive: true, force: true });
});

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

describe('bytes the page loads (gzip -9 of its JS and CSS)', () => {
	it('draws the sign-in screen with at most 35 KB, the sign-in code left for the first move', async () => {
		const bytes = await gzipSize(outDir, stages.signIn.files);
		console.info(`sign-in screen: ${kb(bytes)} (${stages.signIn.files.join(', ')})`);
		expect(stages.signIn.files.length).toBeGreaterThan(0);
		expect(bytes).toBeLessThanOrEqual(GOAL.signIn);
	});

	it(`adds at most ${HELD.added / KB} KB from the click to the game ready (goal: ${GOAL.added / KB} KB)`, async () => {
		const bytes = await gzipSize(outDir, stages.added.files);
		console.info(`added after sign-in: ${kb(bytes)} (goal ${kb(GOAL.added)})`);
		expect(stages.added.files.length).toBeGreaterThan(0);
		expect(bytes).toBeLessThanOrEqual(HELD.added);
	});

	it(`ships at most ${HELD.all / KB} KB of JS and CSS in all (goal: ${GOAL.all / KB} KB)`, async () => {
		const assets = (await readdir(join(outDir, 'assets')))
			.filter((file) => /\.(js|css)$/.test(file))
			.map((file) => `assets/${file}`);
		const bytes = await gzipSize(outDir, assets);
		console.info(`all of dist: ${kb(bytes)} (goal ${kb(GOAL.all)})`);
		expect(bytes).toBeLessThanOrEqual(HELD.all);
	});

	it('loads neither the inspector nor the AWS SDK before sign-in, nor the inspector after it', async () => {
		const holding = async (files: string[], marker: string) => {
			const found: string[] = [];
			for (const file of files) {
				if ((await readFile(join(outDir, file), 'utf8')).includes(marker)) found.push(file);
			}
			return found;
		};
		// Markers: the STS API version the SDK sends; one of the inspector's own DynamoDB mapping messages.
		expect(await holding(stages.signIn.files, '2011-06-15')).toEqual([]);
		expect(await holding(stages.added.files, '2011-06-15')).not.toEqual([]);
		const inspector = 'Query condition missed key schema element';
		expect(await holding([...stages.signIn.files, ...stages.added.files], inspector)).toEqual([]);
	});

	it('loads no federation path but the one in use (the direct OpenID Connect path here)', async () => {
		const code = await Promise.all(
			stages.added.files.map((file) => readFile(join(outDir, file), 'utf8')),
		);
		// Markers: the enhanced flow's session name (Cognito), the OAuth 2.0 source's own words, the role
		// chain's vault key, the identity pool's panel.
		for (const marker of [
			'CognitoIdentityCredentials',
			'gives no refresh token, so its AWS credentials are not renewed',
			'chain|',
			'GetId → GetCredentialsForIdentity',
		]) {
			expect(code.filter((text) => text.includes(marker)).length, marker).toBe(0);
		}
	});
});

describe('a reload while signed in', () => {
	it('runs without oidc-client-ts: no token to renew, so no sign-in library', async () => {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto(web.url, { waitUntil: 'networkidle' });
			await signInFrom(page);
			await playable(page);
			await dataShown(page);
			await page.waitForLoadState('networkidle');
			const requests = recorder(context, web.origin);
			await page.reload();
			await playable(page);
			await dataShown(page);
			await page.waitForLoadState('networkidle');
			const { files } = requests.cut();
			const withOidc: string[] = [];
			for (const file of files) {
				// oidc-client-ts's main class name, as the sign-in screen's budget test finds it.
				if ((await readFile(join(outDir, file), 'utf8')).includes('OidcClient'))
					withOidc.push(file);
			}
			expect(files.length).toBeGreaterThan(0);
			expect(withOidc).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
