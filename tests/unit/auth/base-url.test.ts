import { describe, expect, it } from 'vitest';
import { appBaseFromModuleUrl, callbackUrl, isCallbackUrl } from '../../../src/lib/auth/base-url';

describe('appBaseFromModuleUrl', () => {
	it.each([
		[
			'a build at the root',
			'https://play.example.com/assets/index-abc123.js',
			'https://play.example.com/',
		],
		[
			'a build under a prefix',
			'https://example.com/games/fedplay/assets/index-abc.js',
			'https://example.com/games/fedplay/',
		],
		['the dev server entry', 'http://localhost:5173/src/main.ts', 'http://localhost:5173/'],
		[
			'a module URL with a query',
			'http://localhost:5173/src/main.ts?t=123#x',
			'http://localhost:5173/',
		],
	])('finds the base of %s', (_what, moduleUrl, base) => {
		expect(appBaseFromModuleUrl(moduleUrl)).toBe(base);
	});
});

describe('callback route', () => {
	const base = 'https://example.com/games/fedplay/';

	it('puts the callback under the base', () => {
		expect(callbackUrl(base)).toBe('https://example.com/games/fedplay/callback');
	});

	it.each([
		[
			'the callback with code and state',
			'https://example.com/games/fedplay/callback?code=x&state=y',
			true,
		],
		[
			'the callback with an error',
			'https://example.com/games/fedplay/callback?error=access_denied',
			true,
		],
		['the base itself', 'https://example.com/games/fedplay/', false],
		['a callback at another prefix', 'https://example.com/callback?code=x', false],
		['a callback on another origin', 'https://evil.example/games/fedplay/callback?code=x', false],
		['a longer path', 'https://example.com/games/fedplay/callback/extra', false],
	])('recognises %s: %s', (_what, href, expected) => {
		expect(isCallbackUrl(href, base)).toBe(expected);
	});
});
