import { describe, expect, it } from 'vitest';
import { describeRemaining, formatRemaining } from '../../../src/lib/session/format-remaining';

describe('formatRemaining', () => {
	it.each([
		[3599, '59:59'],
		[61, '01:01'],
		[0, '00:00'],
		[-5, '00:00'],
		[59.9, '00:59'],
		[3600, '1:00:00'],
		[43_200, '12:00:00'],
	])('shows %f seconds as %s', (seconds, shown) => {
		expect(formatRemaining(seconds)).toBe(shown);
	});
});

describe('describeRemaining', () => {
	it.each([
		[3599, 'About 60 minutes left'],
		[3540, 'About 59 minutes left'],
		[3541, 'About 60 minutes left'],
		[60, 'Less than a minute left'],
		[1, 'Less than a minute left'],
		[0, 'Credentials expired'],
	])('says %i seconds as %s', (seconds, said) => {
		expect(describeRemaining(seconds)).toBe(said);
	});

	it('changes at most once a minute', () => {
		const said = new Set(Array.from({ length: 60 }, (_, i) => describeRemaining(600 - i)));
		expect(said.size).toBe(1);
	});
});
