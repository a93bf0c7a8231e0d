import type { Plugin } from 'vite';
import { createServer } from 'vite';
import { createSandbox, sandboxRuntimeConfig } from '../sandbox/app';
import { sandboxConfigFromEnv } from '../sandbox/env';

/*
 * `npm start`: the sandbox, with the FEDPLAY_* settings the README lists (sandbox/env.ts, as `npm run
 * sandbox`), and Vite's dev server on 127.0.0.1:5173. The app's config.json is the running sandbox's own
 * (sandboxRuntimeConfig: its ports, its roles), served in place of public/config.json — which holds the
 * same values for the default ports; nothing is written into the repository.
 */

const APP_URL = 'http://localhost:5173';

const sandbox = await createSandbox(sandboxConfigFromEnv());
const runtime = sandboxRuntimeConfig(sandbox);

/** `GET /config.json` answers the running sandbox's runtime config. */
const sandboxConfigJson: Plugin = {
	name: 'fedplay-sandbox-config',
	configureServer(server) {
		server.middlewares.use('/config.json', (_req, res) => {
			res.setHeader('content-type', 'application/json');
			res.setHeader('cache-control', 'no-store');
			res.end(JSON.stringify(runtime, null, '\t'));
		});
	},
};

const vite = await createServer({
	configFile: 'vite.config.ts',
	plugins: [sandboxConfigJson],
	server: { host: '127.0.0.1', port: 5173, strictPort: true },
}).catch(async (error: unknown) => {
	await sandbox.close();
	throw error;
});
await vite.listen();

console.log(`\nFedplay is running: open ${APP_URL}\n`);
for (const provider of runtime.providers) {
	console.log(`  ${provider.displayName.padEnd(11)} ${provider.issuer}  → ${provider.roleArn}`);
}
for (const provider of runtime.oauth2Providers) {
	const origin = new URL(provider.authorizationEndpoint).origin;
	console.log(`  ${provider.displayName} ${origin}  → ${provider.roleArn}`);
}
console.log(`  AWS endpoint ${sandbox.awsEndpoint} (STS, S3, DynamoDB)`);
console.log(`  players: ${sandbox.config.players.join(', ')}  — pick one on the sign-in page`);
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	await Promise.allSettled([vite.close(), sandbox.close()]);
	process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
