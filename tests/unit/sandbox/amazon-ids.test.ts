import { describe, expect, it } from 'vitest';
import { amazonApp, amazonUserId } from '../../../sandbox/amazon/ids';

describe('the sandbox Login with Amazon identifiers', () => {
	const seed = '123456789012/fedplay-web';

	it('are shaped like Login with Amazon’s', () => {
		const app = amazonApp('Fedplay', seed);
		expect(app.appId).toMatch(/^amzn1\.application\.[0-9a-f]{32}$/);
		expect(app.clientId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
		expect(amazonUserId('alice', seed)).toMatch(/^amzn1\.account\.[A-Z2-7]{28}$/);
	});

	it('are the same for the same config, and the default config’s are public/config.json’s', () => {
		expect(amazonApp('Fedplay', seed)).toEqual(amazonApp('Fedplay', seed));
		expect(amazonApp('Fedplay', seed).clientId).toBe(
			'amzn1.application-oa2-client.d2655e3641d499c7120e799cd8eaaca5',
		);
		expect(amazonUserId('alice', seed)).toBe(amazonUserId('alice', seed));
	});

	it('differ from app to app, from config to config, and from player to player', () => {
		const ids = [
			amazonApp('Fedplay', seed),
			amazonApp('Fedplay', `${seed}/another-app`),
			amazonApp('Fedplay', '210987654321/fedplay-web'),
		].flatMap((app) => [app.appId, app.clientId]);
		expect(new Set(ids).size).toBe(ids.length);
		const users = ['alice', 'bob', 'carol'].flatMap((p) => [
			amazonUserId(p, seed),
			amazonUserId(p, 'another'),
		]);
		expect(new Set(users).size).toBe(users.length);
	});
});
