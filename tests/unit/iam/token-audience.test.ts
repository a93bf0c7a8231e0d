import { describe, expect, it } from 'vitest';
import { acceptedAudience, tokenAudience } from '../../../src/lib/iam/token-audience';

const CLIENTS = ['fedplay-web', 'second-client'];

describe('tokenAudience: :aud and :oaud as STS reads them (Google rule, applied to every provider)', () => {
	it.each([
		['aud a client id', { aud: 'fedplay-web' }, { aud: 'fedplay-web', oaud: 'fedplay-web' }],
		[
			'aud an array with a client id',
			{ aud: ['x', 'second-client'] },
			{ aud: 'second-client', oaud: 'second-client' },
		],
		[
			'azp a client id, aud another',
			{ azp: 'fedplay-web', aud: ['second-client', 'x'] },
			{ aud: 'fedplay-web', oaud: 'second-client' },
		],
		[
			'azp and aud the same',
			{ azp: 'fedplay-web', aud: 'fedplay-web' },
			{ aud: 'fedplay-web', oaud: 'fedplay-web' },
		],
	])('reads %s', (_name, claims, expected) => {
		expect(tokenAudience(claims, CLIENTS)).toEqual(expected);
	});

	it.each([
		['no aud', {}],
		['aud not registered', { aud: 'other' }],
		['aud an empty array', { aud: [] }],
		['aud a number', { aud: 5 }],
		['aud an array of non-strings', { aud: [5, null] }],
		['azp not registered, aud the app', { azp: 'other', aud: ['fedplay-web'] }],
		['azp empty', { azp: '', aud: 'fedplay-web' }],
		['azp null', { azp: null, aud: 'fedplay-web' }],
		['azp a number', { azp: 1, aud: 'fedplay-web' }],
		['azp an array', { azp: ['fedplay-web'], aud: 'fedplay-web' }],
		['azp the app, no registered aud', { azp: 'fedplay-web', aud: ['other'] }],
	])('refuses %s', (_name, claims) => {
		expect(tokenAudience(claims, CLIENTS)).toBeNull();
	});
});

describe('acceptedAudience: what :aud saw, for a token STS accepted', () => {
	it.each([
		[{ azp: 'fedplay-web', aud: ['x', 'y'] }, 'fedplay-web'],
		[{ aud: 'fedplay-web' }, 'fedplay-web'],
		[{ aud: ['fedplay-web', 'x'] }, undefined],
		[{ azp: 3, aud: 'fedplay-web' }, 'fedplay-web'],
	])('%j → %s', (claims, expected) => {
		expect(acceptedAudience(claims)).toBe(expected);
	});
});
