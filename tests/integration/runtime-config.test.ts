import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { defaultSandboxConfig } from '../../sandbox/config';
import { startGameSandbox } from './game-fixture';

/*
 * public/config.json holds the sandbox's values (README, "Configuration"): it must be exactly what the
 * sandbox hands the app (sandboxRuntimeConfig, which `npm start` serves), at the sandbox's default ports.
 * The sandbox here runs on free ports, so its URLs are compared with the default ports put back.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startGameSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

/** Each loopback URL with the port the sandbox listens on by default. */
function atDefaultPorts(config: ReturnType<typeof sandboxRuntimeConfig>) {
	const defaults = new Map([
		[sandbox.config.idpPort, defaultSandboxConfig.idpPort],
		[sandbox.config.idp2Port, defaultSandboxConfig.idp2Port],
		[sandbox.config.amazonPort, defaultSandboxConfig.amazonPort],
		[sandbox.config.awsPort, defaultSandboxConfig.awsPort],
	]);
	const moved = (url: string) => {
		const parsed = new URL(url);
		parsed.port = String(defaults.get(Number(parsed.port)) ?? parsed.port);
		return parsed;
	};
	const port = (url: string) => moved(url).origin;
	return {
		...config,
		endpoint: port(config.endpoint),
		providers: config.providers.map((p) => ({
			...p,
			issuer: port(p.issuer),
			// An identity pool entry names its provider's issuer once more, as Cognito's Logins key.
			...('loginsKey' in p ? { loginsKey: moved(`http://${p.loginsKey}`).host } : {}),
		})),
		oauth2Providers: config.oauth2Providers.map((p) => ({
			...p,
			authorizationEndpoint: moved(p.authorizationEndpoint).href,
			tokenEndpoint: moved(p.tokenEndpoint).href,
			profileEndpoint: moved(p.profileEndpoint).href,
			tokenInfoEndpoint: moved(p.tokenInfoEndpoint).href,
		})),
	};
}

describe('public/config.json', () => {
	it('is the sandbox’s runtime config at its default ports, field for field', async () => {
		const file: unknown = JSON.parse(await readFile('public/config.json', 'utf8'));
		expect(file).toEqual(atDefaultPorts(sandboxRuntimeConfig(sandbox)));
	});
});
