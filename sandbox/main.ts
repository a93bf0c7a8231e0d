import { createSandbox, sandboxRuntimeConfig } from './app';
import { defaultSandboxConfig } from './config';

// Reads the environment, starts the sandbox and prints where everything is. Nothing else lives here.
const env = process.env;
const port = (name: string, fallback: number) => {
	const value = env[name];
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535)
		throw new Error(`${name} must be a port number, got "${value}"`);
	return n;
};

const sandbox = await createSandbox({
	idpPort: port('FEDPLAY_IDP_PORT', defaultSandboxConfig.idpPort),
	idp2Port: port('FEDPLAY_IDP2_PORT', defaultSandboxConfig.idp2Port),
	amazonPort: port('FEDPLAY_AMAZON_PORT', defaultSandboxConfig.amazonPort),
	awsPort: port('FEDPLAY_AWS_PORT', defaultSandboxConfig.awsPort),
	appOrigins: env['FEDPLAY_APP_ORIGINS']
		? env['FEDPLAY_APP_ORIGINS']
				.split(',')
				.map((o) => o.trim())
				.filter(Boolean)
		: defaultSandboxConfig.appOrigins,
	encodedAuthorizationMessages: env['FEDPLAY_ENCODED_AUTHZ'] === '1',
	verbose: true,
});

const runtime = sandboxRuntimeConfig(sandbox);
console.log('Fedplay sandbox is up (loopback only)');
for (const provider of runtime.providers) {
	console.log(
		`  ${provider.displayName.padEnd(11)} ${provider.issuer}  → role ${provider.roleArn}`,
	);
}
for (const provider of runtime.oauth2Providers) {
	console.log(
		`  ${provider.displayName}  ${new URL(provider.authorizationEndpoint).origin}  (ProviderId ${provider.providerId}, client ${provider.clientId}) → role ${provider.roleArn}`,
	);
}
console.log(
	`  AWS (STS, S3, DynamoDB)  ${sandbox.awsEndpoint}  region ${runtime.region}, account ${runtime.accountId}`,
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
