import { FREE_PORTS, createSandbox, sandboxRuntimeConfig } from '../../sandbox/app';
import type { SandboxConfig } from '../../sandbox/config';
import { serveStatic, type StaticServer } from '../../scripts/serve-static';
import type { E2eEnv } from './env';

/** Base path the app is served under in the tests: proves the build works below a path prefix. */
export const BASE_PATH = '/games/fedplay/';

export interface ServedApp {
	env: E2eEnv;
	web: StaticServer;
	/** Stops the sandbox, then the static server. */
	close(): Promise<void>;
}

/**
 * Serve the build in `root` first (on a free port, to learn its origin), start a sandbox on free ports with
 * that origin allowed, then serve the sandbox's runtime config. Global setup does it once for `dist/`; a
 * suite that needs another build or sandbox settings does it for itself, and so do the benchmark and the
 * byte budgets (at the root path, `basePath: '/'`).
 */
export async function serveApp(
	root: string,
	sandboxSettings: Partial<SandboxConfig> = {},
	{ basePath = BASE_PATH }: { basePath?: string } = {},
): Promise<ServedApp> {
	const web = await serveStatic({ root, port: 0, basePath });
	const sandbox = await createSandbox({
		...FREE_PORTS,
		appOrigins: [web.origin],
		...sandboxSettings,
	});
	const config = sandboxRuntimeConfig(sandbox);
	web.setConfig(config);
	return {
		env: {
			appUrl: web.url,
			appOrigin: web.origin,
			cspReportsUrl: `${web.url}__csp-report`,
			awsEndpoint: sandbox.awsEndpoint,
			issuers: sandbox.issuers,
			roleArns: sandbox.roleArns,
			accountId: sandbox.config.accountId,
			config,
		},
		web,
		async close() {
			await sandbox.close();
			await web.close();
		},
	};
}
