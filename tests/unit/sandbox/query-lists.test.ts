import { describe, expect, it } from 'vitest';
import { readList, readStructureList } from '../../../sandbox/sts/query-lists';

const params = (query: string) => new Map(new URLSearchParams(query));

describe('Query-protocol list parameters', () => {
	it('reads members in index order, member.10 after member.2', () => {
		const query = Array.from(
			{ length: 11 },
			(_, i) => `TransitiveTagKeys.member.${11 - i}=k${11 - i}`,
		);
		expect(readList(params(query.join('&')), 'TransitiveTagKeys')).toEqual(
			Array.from({ length: 11 }, (_, i) => `k${i + 1}`),
		);
	});

	it('reads structure members field by field, a missing field absent', () => {
		const tags = readStructureList(
			params('Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1'),
			'Tags',
		);
		expect(tags.map((t) => [t.get('Key'), t.get('Value')])).toEqual([
			['a', '1'],
			['b', undefined],
		]);
	});

	it.each([
		['an empty list', 'Tags='],
		['no list at all', 'Action=AssumeRole'],
		['look-alike names', 'TagsX.member.1.Key=a&Tags.memberX=1&Tags.member.a.Key=b'],
	])('reads no member from %s', (_, query) => {
		expect(readStructureList(params(query), 'Tags')).toEqual([]);
	});
});
