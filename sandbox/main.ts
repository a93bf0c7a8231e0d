import { createSandbox, sandboxRuntimeConfig } from './app';
import { sandboxConfigFromEnv } from './env';

// Reads the environment, starts the sandbox and prints where everything is. Nothing else lives here.
const sandbox = await createSandbox({ ...sandboxConfigFromEnv(), verbose: true });

const runtime = sandboxRuntimeConfig(sandbox);
console.log('Fedplay sandbox is up (loopback only)');
for (const provider of runtime.providers) {
	if ('identityPoolId' in provider) continue;
	console.log(
		`  ${provider.displayName.padEnd(11)} ${provider.issuer}  → role ${provider.roleArn}`,
	);
}
for (const provider of runtime.oauth2Providers) {
	console.log(
		`  ${provider.displayName}  ${new URL(provider.authorizationEndpoint).origin}  (ProviderId ${provider.providerId}, client ${provider.clientId}) → role ${provider.roleArn}`,
	);
}
for (const pool of sandbox.identityPools) {
	const allows = [
		pool.allowUnauthenticatedIdentities ? 'guests' : 'no guests',
		pool.allowClassicFlow ? 'basic flow too' : 'enhanced flow only',
	];
	console.log(`  identity pool ${pool.id} (${pool.name}: ${allows.join(', ')})`);
	console.log(`    players → ${pool.roles.authenticated ?? 'no role'}`);
	console.log(`    guests  → ${pool.roles.unauthenticated ?? 'no role'}`);
}
// Printed, never written anywhere: the developer principal's keys sign Cognito Identity's developer calls.
console.log(`  developer principal ${sandbox.developer.arn} (Cognito Identity's signed calls):`);
console.log(`    AWS_ACCESS_KEY_ID=${sandbox.developer.accessKeyId}`);
console.log(`    AWS_SECRET_ACCESS_KEY=${sandbox.developer.secretAccessKey}`);
console.log(
	`  AWS (STS, Cognito Identity, S3, DynamoDB)  ${sandbox.awsEndpoint}  region ${runtime.region}, account ${runtime.accountId}`,
);
console.log(`  bucket ${runtime.bucket}, table ${runtime.table}`);
console.log(`  players: ${sandbox.config.players.join(', ')}`);
console.log(`  app origins: ${sandbox.config.appOrigins.join(', ')}`);
if (sandbox.config.encodedAuthorizationMessages)
	console.log('  denials carry encoded authorization messages');

let closing = false;
const shutdown = () => {
	if (closing) return;
	closing = true;
	void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
