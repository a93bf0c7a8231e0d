import { describe, expect, it } from 'vitest';
import {
	SOURCE_IDENTITY_CLAIM,
	sessionTagsOf,
	sourceIdentityOf,
	TAGS_CLAIM,
	tagValue,
} from '../../../src/lib/federation/session-tags';

const claim = (principal_tags: unknown, transitive_tag_keys: unknown = []) => ({
	[TAGS_CLAIM]: { principal_tags, transitive_tag_keys },
});

describe('sessionTagsOf: the ID token’s tag claim', () => {
	it('reads carol’s tags and transitive keys', () => {
		expect(sessionTagsOf(claim({ team: ['blue'], role: ['organizer'] }, ['team']))).toEqual({
			tags: { team: 'blue', role: 'organizer' },
			transitiveTagKeys: ['team'],
		});
	});

	it('is null for a token without the claim (OAuth access tokens, Cognito, a plain ID token)', () => {
		expect(sessionTagsOf({ sub: 'alice' })).toBeNull();
	});

	it('spells a transitive key as its tag is (keys are case-insensitive)', () => {
		expect(sessionTagsOf(claim({ Team: ['red'] }, ['team']))?.transitiveTagKeys).toEqual(['Team']);
	});

	it.each([
		['a claim that is not an object', { [TAGS_CLAIM]: 'team=red' }, /not an object/],
		['principal_tags that is a list', claim([['team', 'red']]), /principal_tags/],
		['a bare string value', claim({ team: 'red' }), /exactly one value/],
		['two values', claim({ team: ['red', 'blue'] }), /exactly one value/],
		[
			'51 tags',
			claim(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ['v']]))),
			/at most 50/,
		],
		['a 129-character key', claim({ ['k'.repeat(129)]: ['v'] }), /1–128 characters/],
		['a 257-character value', claim({ team: ['v'.repeat(257)] }), /0–256 characters/],
		[
			'a key with a forbidden character',
			claim({ 'team!': ['red'] }),
			/characters tags may not hold/,
		],
		['keys equal but for case', claim({ team: ['red'], TEAM: ['blue'] }), /differ only in case/],
		['a transitive key naming no tag', claim({ team: ['red'] }, ['role']), /names no tag/],
		['transitive keys that are not a list', claim({ team: ['red'] }, 'team'), /not a list/],
	])('refuses %s with a clear message', (_, claims, message) => {
		expect(() => sessionTagsOf(claims as Record<string, unknown>)).toThrow(message);
	});

	it('reads the source identity, and nothing else as one', () => {
		expect(sourceIdentityOf({ [SOURCE_IDENTITY_CLAIM]: 'carol@fedplay-id.example' })).toBe(
			'carol@fedplay-id.example',
		);
		expect(sourceIdentityOf({ [SOURCE_IDENTITY_CLAIM]: 42 })).toBeNull();
		expect(sourceIdentityOf({})).toBeNull();
	});

	it('finds a tag whatever the case of its key', () => {
		expect(tagValue({ Role: 'organizer' }, 'role')).toBe('organizer');
		expect(tagValue({ team: 'red' }, 'role')).toBeNull();
		expect(tagValue(undefined, 'role')).toBeNull();
	});
});
