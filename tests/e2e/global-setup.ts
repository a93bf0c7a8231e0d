import { existsSync } from 'node:fs';
import { createSandbox, sandboxRuntimeConfig } from '../../sandbox/app';
import { serveStatic } from '../../scripts/serve-static';
import { E2E_ENV, type E2eEnv } from './env';

/** Base path the app is served under in the tests: proves the build works below a path prefix. */
const BASE_PATH = '/games/fedplay/';

/**
 * Serve `dist/` first (on a free port, to learn its origin), start the sandbox with that origin allowed,
 * then serve the sandbox's runtime config. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
	if (!existsSync('dist/index.html')) {
		throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests.');
	}
	const web = await serveStatic({ root: 'dist', port: 0, basePath: BASE_PATH });
	const sandbox = await createSandbox({
		idpPort: 0,
		idp2Port: 0,
		amazonPort: 0,
		awsPort: 0,
		appOrigins: [web.origin],
	});
	const runtime = sandboxRuntimeConfig(sandbox);
	web.setConfig(runtime);
	const env: E2eEnv = {
		appUrl: web.url,
		appOrigin: web.origin,
		cspReportsUrl: `${web.url}__csp-report`,
		awsEndpoint: sandbox.awsEndpoint,
		issuers: sandbox.issuers,
		roleArns: sandbox.roleArns,
		accountId: sandbox.config.accountId,
		config: runtime,
	};
	process.env[E2E_ENV] = JSON.stringify(env);
	return async () => {
		await sandbox.close();
		await web.close();
		if (web.cspReports.length > 0) {
			throw new Error(`CSP violations reported: ${JSON.stringify(web.cspReports)}`);
		}
	};
}
