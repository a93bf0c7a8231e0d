import { describe, expect, it } from 'vitest';
import {
	playerPartition,
	playerPrefix,
	samePlayer,
	type PlayerIdentity,
} from '../../../src/lib/config/data-layout';

describe('the data layout: one helper builds every player path and partition key', () => {
	it.each([
		[{ segment: 'oidc1', id: 'alice' }, 'players/oidc1/alice/', 'oidc1/alice'],
		[{ segment: 'oidc2', id: 'alice' }, 'players/oidc2/alice/', 'oidc2/alice'],
		[
			{ segment: 'cognito', id: 'us-east-1:1234' },
			'players/cognito/us-east-1:1234/',
			'cognito/us-east-1:1234',
		],
	])('puts %j under its segment', (player, prefix, partition) => {
		expect(playerPrefix(player)).toBe(prefix);
		expect(playerPartition(player)).toBe(partition);
	});

	it.each([
		['an identity with a slash', { segment: 'oidc1', id: 'bob/saves' }],
		['an identity that is only a slash', { segment: 'oidc1', id: '/' }],
		['an identity ending in a slash', { segment: 'oidc1', id: 'x/' }],
		['an empty identity', { segment: 'oidc1', id: '' }],
		['a segment with a slash', { segment: 'oidc1/bob', id: 'x' }],
		['an empty segment', { segment: '', id: 'alice' }],
		['an uppercase segment', { segment: 'OIDC1', id: 'alice' }],
		['a segment over 32 characters', { segment: 'x'.repeat(33), id: 'alice' }],
	])('refuses %s rather than build a path into someone else’s data', (_name, player) => {
		expect(() => playerPrefix(player)).toThrow(expect.objectContaining({ code: 'data-invalid' }));
		expect(() => playerPartition(player)).toThrow(
			expect.objectContaining({ code: 'data-invalid' }),
		);
	});

	it('tells the same sub at two providers apart', () => {
		const a: PlayerIdentity = { segment: 'oidc1', id: 'alice' };
		expect(samePlayer(a, { segment: 'oidc1', id: 'alice' })).toBe(true);
		expect(samePlayer(a, { segment: 'oidc2', id: 'alice' })).toBe(false);
		expect(samePlayer(a, { segment: 'oidc1', id: 'bob' })).toBe(false);
	});
});
