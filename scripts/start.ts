import { createServer } from 'vite';
import { createSandbox, sandboxRuntimeConfig } from '../sandbox/app';

/*
 * `npm start`: the sandbox on its default ports and Vite's dev server on 127.0.0.1:5173. The app reads
 * public/config.json, which holds the sandbox defaults; nothing is written into the repository.
 */

const APP_URL = 'http://localhost:5173';

const sandbox = await createSandbox();
const vite = await createServer({
	configFile: 'vite.config.ts',
	server: { host: '127.0.0.1', port: 5173, strictPort: true },
}).catch(async (error: unknown) => {
	await sandbox.close();
	throw error;
});
await vite.listen();

const runtime = sandboxRuntimeConfig(sandbox);
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
