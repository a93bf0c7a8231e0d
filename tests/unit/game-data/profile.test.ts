import { describe, expect, it } from 'vitest';
import { parseStoredProfile } from '../../../src/lib/game/profile';

const valid = { version: 1, displayName: 'Alice', avatarColor: '#3a7bd5', preferences: {} };

describe('parseStoredProfile', () => {
	it('accepts a valid profile and keeps the write id apart', () => {
		expect(parseStoredProfile({ ...valid, writeId: 'w1' }, 'k')).toEqual({
			profile: valid,
			writeId: 'w1',
		});
	});

	it.each([
		['a wrong version', { ...valid, version: 2 }, 'version'],
		['an empty name', { ...valid, displayName: '  ' }, 'displayName'],
		['a colour that is not #rrggbb', { ...valid, avatarColor: 'blue' }, 'avatarColor'],
		[
			'a preference that is not a boolean',
			{ ...valid, preferences: { sound: 'yes' } },
			'preferences.sound',
		],
		['not an object at all', 'hello', 'the document'],
	])('refuses %s with a data-invalid error naming %s', (_name, body, where) => {
		expect(() => parseStoredProfile(body, 'players/alice/profile.json')).toThrowError(
			expect.objectContaining({ code: 'data-invalid', message: expect.stringContaining(where) }),
		);
	});
});
