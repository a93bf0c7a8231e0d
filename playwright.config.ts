import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests in Debian's Chromium against the built app (`npm run build` first) served with the
 * production headers, and the sandbox on free ports. See tests/e2e/global-setup.ts.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 1,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'list' : [['list']],
	outputDir: 'test-results',
	use: {
		browserName: 'chromium',
		viewport: { width: 1024, height: 760 },
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		},
	},
});
