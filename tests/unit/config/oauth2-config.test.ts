import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';
import { findSignInProvider, isOAuth2Provider } from '../../../src/lib/config/providers';

/* config.json's `oauth2Providers`: Login with Amazon, traded with STS through `ProviderId`. */

const oidc = {
	id: 'fedplay-id',
	displayName: 'Fedplay ID',
	issuer: 'http://localhost:4000',
	clientId: 'fedplay-web',
	scopes: 'openid profile email',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	dataSegment: 'oidc1',
};

const amazon = (over: Record<string, unknown> = {}) => ({
	id: 'amazon',
	displayName: 'Login with Amazon',
	type: 'oauth2',
	providerId: 'www.amazon.com',
	authorizationEndpoint: 'https://www.amazon.com/ap/oa',
	tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
	profileEndpoint: 'https://api.amazon.com/user/profile',
	tokenInfoEndpoint: 'https://api.amazon.com/auth/o2/tokeninfo',
	clientId: 'amzn1.application-oa2-client.0123',
	appId: 'amzn1.application.0123',
	scopes: 'profile',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player-amazon',
	dataSegment: 'amazon',
	...over,
});

const config = (oauth2Providers?: object[]) => ({
	region: 'us-east-1',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers: [oidc],
	...(oauth2Providers === undefined ? {} : { oauth2Providers }),
});

function issuesOf(input: unknown) {
	const result = parseConfig(input);
	if (result.ok) throw new Error('expected the config to be refused');
	return result.issues.map(({ path, expected }) => ({ path, expected }));
}

describe('oauth2Providers', () => {
	it('is read as its own list, apart from the OpenID providers', () => {
		const result = parseConfig(config([amazon()]));
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.config.providers).toEqual([oidc]);
		expect(result.config.oauth2Providers).toEqual([amazon()]);
		expect(isOAuth2Provider(result.config.oauth2Providers![0]!)).toBe(true);
		expect(isOAuth2Provider(result.config.providers[0]!)).toBe(false);
	});

	it('is an empty list when the config has none, and "type" may be left out', () => {
		const none = parseConfig(config());
		expect(none.ok && none.config.oauth2Providers).toEqual([]);
		const { type: _type, ...untyped } = amazon();
		const result = parseConfig(config([untyped]));
		expect(result.ok && result.config.oauth2Providers?.[0]?.type).toBe('oauth2');
	});

	it('reads the Login with Amazon entry of public/config.json', () => {
		const file: unknown = JSON.parse(readFileSync('public/config.json', 'utf8'));
		const result = parseConfig(file);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		const found = findSignInProvider(result.config, 'amazon');
		expect(found).toMatchObject({ providerId: 'www.amazon.com', dataSegment: 'amazon' });
		expect(findSignInProvider(result.config, 'fedplay-id')).toMatchObject({ dataSegment: 'oidc1' });
		expect(findSignInProvider(result.config, 'nobody')).toBeUndefined();
	});

	it.each([
		[
			'a ProviderId STS does not accept',
			{ providerId: 'accounts.google.com' },
			'providerId',
			'the ProviderId STS accepts with an access token: "www.amazon.com" or "graph.facebook.com"',
		],
		[
			'a ProviderId with a scheme',
			{ providerId: 'https://www.amazon.com' },
			'providerId',
			'the ProviderId STS accepts with an access token: "www.amazon.com" or "graph.facebook.com"',
		],
		[
			'the openid scope (no ID token comes on this path)',
			{ scopes: 'openid profile' },
			'scopes',
			'space-separated scopes without "openid", such as "profile"',
		],
		[
			'a plain-http endpoint off loopback',
			{ tokenEndpoint: 'http://api.amazon.com/auth/o2/token' },
			'tokenEndpoint',
			"the provider's token endpoint: an https:// URL (http:// only for localhost)",
		],
		[
			'a missing profile endpoint',
			{ profileEndpoint: undefined },
			'profileEndpoint',
			"the provider's profile endpoint as a string",
		],
		[
			'a data segment with a slash',
			{ dataSegment: 'amazon/x' },
			'dataSegment',
			'the segment in the role\'s policy, such as "amazon": 1–32 lowercase letters, digits and dashes',
		],
		[
			'a role ARN that is not one',
			{ roleArn: 'fedplay-player-amazon' },
			'roleArn',
			'a role ARN like arn:aws:iam::123456789012:role/fedplay-player-amazon',
		],
	])('refuses %s, naming the field', (_what, over, field, expected) => {
		expect(issuesOf(config([amazon(over)]))).toEqual([
			{ path: `oauth2Providers[0].${field}`, expected },
		]);
	});

	it('refuses an id or a data segment an OpenID provider already uses', () => {
		expect(issuesOf(config([amazon({ id: 'fedplay-id', dataSegment: 'oidc1' })]))).toEqual([
			{ path: 'oauth2Providers[0].id', expected: 'an id no other provider uses' },
			{ path: 'oauth2Providers[0].dataSegment', expected: 'a data segment no other provider uses' },
		]);
	});

	it('refuses two OAuth 2.0 providers with one data segment', () => {
		expect(issuesOf(config([amazon(), amazon({ id: 'amazon-2' })]))).toEqual([
			{ path: 'oauth2Providers[1].dataSegment', expected: 'a data segment no other provider uses' },
		]);
	});

	it('refuses a list that is not one', () => {
		expect(issuesOf(config('amazon' as unknown as object[]))).toEqual([
			{ path: 'oauth2Providers', expected: 'a list of OAuth 2.0 providers' },
		]);
	});
});
