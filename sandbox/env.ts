import { defaultSandboxConfig, type SandboxConfig } from './config';

/**
 * The sandbox's settings from the environment (README, "The sandbox"): FEDPLAY_IDP_PORT, FEDPLAY_IDP2_PORT,
 * FEDPLAY_AMAZON_PORT, FEDPLAY_AWS_PORT, FEDPLAY_APP_ORIGINS (comma-separated) and FEDPLAY_ENCODED_AUTHZ=1. The one reader of
 * them: `npm run sandbox` (main.ts) and `npm start` (scripts/start.ts) both start from it.
 */
export function sandboxConfigFromEnv(
	env: Record<string, string | undefined> = process.env,
): Partial<SandboxConfig> {
	const port = (name: string, fallback: number) => {
		const value = env[name];
		if (value === undefined || value === '') return fallback;
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0 || n > 65535)
			throw new Error(`${name} must be a port number, got "${value}"`);
		return n;
	};
	const origins = env['FEDPLAY_APP_ORIGINS']
		?.split(',')
		.map((origin) => origin.trim())
		.filter(Boolean);
	return {
		idpPort: port('FEDPLAY_IDP_PORT', defaultSandboxConfig.idpPort),
		idp2Port: port('FEDPLAY_IDP2_PORT', defaultSandboxConfig.idp2Port),
		amazonPort: port('FEDPLAY_AMAZON_PORT', defaultSandboxConfig.amazonPort),
		awsPort: port('FEDPLAY_AWS_PORT', defaultSandboxConfig.awsPort),
		appOrigins: origins?.length ? origins : defaultSandboxConfig.appOrigins,
		encodedAuthorizationMessages: env['FEDPLAY_ENCODED_AUTHZ'] === '1',
	};
}
