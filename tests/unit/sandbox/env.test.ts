import { describe, expect, it } from 'vitest';
import { defaultSandboxConfig } from '../../../sandbox/config';
import { sandboxConfigFromEnv } from '../../../sandbox/env';

describe('the sandbox settings from the environment (npm start and npm run sandbox alike)', () => {
	it('keeps the defaults when nothing is set', () => {
		expect(sandboxConfigFromEnv({})).toEqual({
			idpPort: defaultSandboxConfig.idpPort,
			idp2Port: defaultSandboxConfig.idp2Port,
			amazonPort: 4002,
			awsPort: defaultSandboxConfig.awsPort,
			appOrigins: defaultSandboxConfig.appOrigins,
			encodedAuthorizationMessages: false,
		});
	});

	it('reads every variable the README lists', () => {
		expect(
			sandboxConfigFromEnv({
				FEDPLAY_IDP_PORT: '5000',
				FEDPLAY_IDP2_PORT: '5001',
				FEDPLAY_AMAZON_PORT: '5002',
				FEDPLAY_AWS_PORT: '0',
				FEDPLAY_APP_ORIGINS: ' http://localhost:8080 ,http://127.0.0.1:8080,',
				FEDPLAY_ENCODED_AUTHZ: '1',
			}),
		).toEqual({
			idpPort: 5000,
			idp2Port: 5001,
			amazonPort: 5002,
			awsPort: 0,
			appOrigins: ['http://localhost:8080', 'http://127.0.0.1:8080'],
			encodedAuthorizationMessages: true,
		});
	});

	it.each(['http', '-1', '65536', '4000.5', ' 4000x'])('refuses the port %j', (value) => {
		expect(() => sandboxConfigFromEnv({ FEDPLAY_AWS_PORT: value })).toThrow(
			`FEDPLAY_AWS_PORT must be a port number, got "${value}"`,
		);
	});

	it('treats empty values as unset', () => {
		expect(
			sandboxConfigFromEnv({ FEDPLAY_IDP_PORT: '', FEDPLAY_APP_ORIGINS: ' , ' }),
		).toMatchObject({
			idpPort: defaultSandboxConfig.idpPort,
			appOrigins: defaultSandboxConfig.appOrigins,
		});
	});
});
