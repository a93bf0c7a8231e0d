import { existsSync } from 'node:fs';
import { E2E_ENV } from './env';
import { serveApp } from './serve-app';

/** Serve `dist/` with its sandbox (serve-app.ts) for every suite. Returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
	if (!existsSync('dist/index.html')) {
		throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests.');
	}
	const { env, web, close } = await serveApp('dist');
	process.env[E2E_ENV] = JSON.stringify(env);
	return async () => {
		await close();
		if (web.cspReports.length > 0) {
			throw new Error(`CSP violations reported: ${JSON.stringify(web.cspReports)}`);
		}
	};
}
