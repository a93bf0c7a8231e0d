import { describe, expect, it } from 'vitest';
import { roleSessionName } from '../../../src/lib/federation/session-name';

const VALID = /^[\w+=,.@-]{2,64}$/;

describe('roleSessionName', () => {
	it.each([
		['a plain username', { preferred_username: 'alice', sub: 'x' }, 'fedplay-alice'],
		['sub when there is no username', { sub: 'a1b2-c3' }, 'fedplay-a1b2-c3'],
		['sub when the username is blank', { preferred_username: '   ', sub: 'bob' }, 'fedplay-bob'],
		[
			'an email, allowed as is',
			{ preferred_username: 'carol@example.com' },
			'fedplay-carol@example.com',
		],
		['accents folded', { preferred_username: 'José Ñúñez' }, 'fedplay-Jose_Nunez'],
		[
			'path tricks neutralised',
			{ preferred_username: '../../etc/passwd' },
			'fedplay-.._.._etc_passwd',
		],
		['emoji and CJK replaced', { preferred_username: '玩家🎮one' }, 'fedplay-one'],
		['nothing usable', { preferred_username: '🎮🎮', sub: '' }, 'fedplay-player'],
		['no claims at all', {}, 'fedplay-player'],
		['non-string claims ignored', { preferred_username: 42, sub: { a: 1 } }, 'fedplay-player'],
		['control characters and spaces', { sub: 'a\u0000b\nc d\t' }, 'fedplay-a_b_c_d'],
	])('derives a valid name from %s', (_what, claims, expected) => {
		const name = roleSessionName(claims);
		expect(name).toBe(expected);
		expect(name).toMatch(VALID);
	});

	it('cuts a 500-character username to 64 characters', () => {
		const name = roleSessionName({ preferred_username: 'a'.repeat(500) });
		expect(name).toHaveLength(64);
		expect(name).toMatch(VALID);
	});

	it.each(['<script>', "'; DROP TABLE--", '%2e%2e%2f', 'a'.repeat(70) + '🎮', '\u202Eevil'])(
		'always matches [\\w+=,.@-]{2,64} for %j',
		(raw) => {
			expect(roleSessionName({ preferred_username: raw })).toMatch(VALID);
		},
	);
});
