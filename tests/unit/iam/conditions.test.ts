import { describe, expect, it } from 'vitest';
import { condition } from './helpers';

type Case = [
	operator: string,
	key: string,
	values: unknown,
	context: Record<string, string | string[]>,
	matched: boolean,
];

const k = 'test:key';

describe('string operators', () => {
	it.each<Case>([
		['StringEquals', k, 'alice', { [k]: 'alice' }, true],
		['StringEquals', k, 'alice', { [k]: 'Alice' }, false],
		['StringEquals', k, ['bob', 'alice'], { [k]: 'alice' }, true],
		['StringEquals', k, 'alice', {}, false],
		['StringNotEquals', k, 'alice', { [k]: 'bob' }, true],
		['StringNotEquals', k, 'alice', { [k]: 'alice' }, false],
		['StringNotEquals', k, ['bob', 'alice'], { [k]: 'alice' }, false],
		['StringNotEquals', k, 'alice', {}, true],
		['StringEqualsIgnoreCase', k, 'ALICE', { [k]: 'alice' }, true],
		['StringEqualsIgnoreCase', k, 'alice', { [k]: 'bob' }, false],
		['StringEqualsIgnoreCase', k, 'alice', {}, false],
		['StringNotEqualsIgnoreCase', k, 'ALICE', { [k]: 'alice' }, false],
		['StringNotEqualsIgnoreCase', k, 'alice', { [k]: 'bob' }, true],
		['StringNotEqualsIgnoreCase', k, 'alice', {}, true],
		['StringLike', k, 'players/*', { [k]: 'players/alice/x' }, true],
		['StringLike', k, 'players/?', { [k]: 'players/a' }, true],
		['StringLike', k, 'players/?', { [k]: 'players/ab' }, false],
		['StringLike', k, 'Players/*', { [k]: 'players/a' }, false],
		['StringLike', k, 'a.c', { [k]: 'abc' }, false],
		['StringLike', k, 'players/*', {}, false],
		['StringNotLike', k, 'players/*', { [k]: 'saves/x' }, true],
		['StringNotLike', k, 'players/*', { [k]: 'players/x' }, false],
		['StringNotLike', k, 'players/*', {}, true],
	])('%s %s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('numeric operators', () => {
	it.each<Case>([
		['NumericEquals', k, '10', { [k]: '10' }, true],
		['NumericEquals', k, 10, { [k]: '10.0' }, true],
		['NumericEquals', k, '10', { [k]: '11' }, false],
		['NumericEquals', k, '10', { [k]: 'ten' }, false],
		['NumericEquals', k, '10', {}, false],
		['NumericNotEquals', k, '10', { [k]: '11' }, true],
		['NumericNotEquals', k, '10', { [k]: '10' }, false],
		['NumericNotEquals', k, '10', {}, true],
		['NumericLessThan', k, '10', { [k]: '9' }, true],
		['NumericLessThan', k, '10', { [k]: '10' }, false],
		['NumericLessThanEquals', k, '10', { [k]: '10' }, true],
		['NumericLessThanEquals', k, '10', { [k]: '11' }, false],
		['NumericGreaterThan', k, '10', { [k]: '11' }, true],
		['NumericGreaterThan', k, '10', { [k]: '10' }, false],
		['NumericGreaterThanEquals', k, '10', { [k]: '10' }, true],
		['NumericGreaterThanEquals', k, '10', { [k]: '9.5' }, false],
		['NumericGreaterThanEquals', k, '10', {}, false],
	])('%s %s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('date operators (ISO 8601 or epoch seconds)', () => {
	const t = 'aws:CurrentTime';
	it.each<Case>([
		['DateEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:00.000Z' }, true],
		['DateEquals', t, '1767225600', { [t]: '2026-01-01T00:00:00Z' }, true],
		['DateEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:01Z' }, false],
		['DateEquals', t, '2026-01-01T00:00:00Z', { [t]: 'not a date' }, false],
		['DateNotEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-02T00:00:00Z' }, true],
		['DateNotEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:00Z' }, false],
		['DateNotEquals', t, '2026-01-01T00:00:00Z', {}, true],
		['DateLessThan', t, '2026-01-01T00:00:00Z', { [t]: '2025-12-31T23:59:59Z' }, true],
		['DateLessThan', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:00Z' }, false],
		['DateLessThanEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:00Z' }, true],
		['DateLessThanEquals', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-02T00:00:00Z' }, false],
		['DateGreaterThan', t, '2026-01-01', { [t]: '2026-06-01T12:00:00Z' }, true],
		['DateGreaterThan', t, '2026-01-01T00:00:00Z', { [t]: '2026-01-01T00:00:00Z' }, false],
		['DateGreaterThanEquals', t, '1767225600', { [t]: '1767225600' }, true],
		['DateGreaterThanEquals', t, '1767225600', { [t]: '1767225599' }, false],
		['DateGreaterThanEquals', t, '1767225600', {}, false],
	])('%s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('Bool, BinaryEquals, IpAddress and Arn operators', () => {
	const ip = 'aws:SourceIp';
	const arn = 'aws:SourceArn';
	it.each<Case>([
		['Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }, true],
		['Bool', 'aws:SecureTransport', true, { 'aws:SecureTransport': 'TRUE' }, true],
		['Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'false' }, false],
		['Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'yes' }, false],
		['Bool', 'aws:SecureTransport', 'false', {}, false],
		['BinaryEquals', k, 'QmluYXJ5', { [k]: 'QmluYXJ5' }, true],
		['BinaryEquals', k, 'QmluYXJ5', { [k]: 'QmluYXJz' }, false],
		['IpAddress', ip, '203.0.113.0/24', { [ip]: '203.0.113.7' }, true],
		['IpAddress', ip, '203.0.113.0/24', { [ip]: '203.0.114.7' }, false],
		['IpAddress', ip, '127.0.0.1', { [ip]: '127.0.0.1' }, true],
		['IpAddress', ip, '0.0.0.0/0', { [ip]: '8.8.8.8' }, true],
		['IpAddress', ip, '2001:db8::/32', { [ip]: '2001:db8:1234::1' }, true],
		['IpAddress', ip, '2001:db8::/32', { [ip]: '2001:db9::1' }, false],
		['IpAddress', ip, '::1/128', { [ip]: '::1' }, true],
		['IpAddress', ip, '127.0.0.0/8', { [ip]: '::ffff:127.0.0.1' }, true],
		['IpAddress', ip, '203.0.113.0/24', { [ip]: '2001:db8::1' }, false],
		['IpAddress', ip, '203.0.113.0/33', { [ip]: '203.0.113.1' }, false],
		['IpAddress', ip, '203.0.113.0/24', { [ip]: 'localhost' }, false],
		['IpAddress', ip, '203.0.113.0/24', {}, false],
		['NotIpAddress', ip, '203.0.113.0/24', { [ip]: '198.51.100.1' }, true],
		['NotIpAddress', ip, '203.0.113.0/24', { [ip]: '203.0.113.1' }, false],
		['NotIpAddress', ip, '203.0.113.0/24', {}, true],
		['ArnEquals', arn, 'arn:aws:s3:::bucket', { [arn]: 'arn:aws:s3:::bucket' }, true],
		['ArnEquals', arn, 'arn:aws:s3:::bucket', { [arn]: 'arn:aws:s3:::Bucket' }, false],
		['ArnLike', arn, 'arn:aws:s3:::bucket/*', { [arn]: 'arn:aws:s3:::bucket/a/b' }, true],
		[
			'ArnLike',
			arn,
			'arn:aws:dynamodb:*:*:table/GameScores',
			{ [arn]: 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores' },
			true,
		],
		['ArnLike', arn, 'arn:aws:s3:::bucket/*', { [arn]: 'not-an-arn' }, false],
		['ArnLike', arn, 'arn:aws:s3:::bucket/*', {}, false],
		['ArnNotEquals', arn, 'arn:aws:s3:::bucket', { [arn]: 'arn:aws:s3:::other' }, true],
		['ArnNotEquals', arn, 'arn:aws:s3:::bucket', {}, true],
		['ArnNotLike', arn, 'arn:aws:s3:::bucket/*', { [arn]: 'arn:aws:s3:::bucket/x' }, false],
		['ArnNotLike', arn, 'arn:aws:s3:::bucket/*', { [arn]: 'arn:aws:s3:::other/x' }, true],
	])('%s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('Null and IfExists', () => {
	it.each<Case>([
		['Null', 'aws:TokenIssueTime', 'true', {}, true],
		['Null', 'aws:TokenIssueTime', 'true', { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, false],
		['Null', 'aws:TokenIssueTime', 'false', { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, true],
		['Null', 'aws:TokenIssueTime', false, {}, false],
		['Null', 'aws:TagKeys', 'true', { 'aws:TagKeys': [] }, true],
		['StringEqualsIfExists', 'dynamodb:Select', 'SPECIFIC_ATTRIBUTES', {}, true],
		[
			'StringEqualsIfExists',
			'dynamodb:Select',
			'SPECIFIC_ATTRIBUTES',
			{ 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
			true,
		],
		[
			'StringEqualsIfExists',
			'dynamodb:Select',
			'SPECIFIC_ATTRIBUTES',
			{ 'dynamodb:Select': 'ALL_ATTRIBUTES' },
			false,
		],
		['StringNotEqualsIfExists', k, 'x', { [k]: 'x' }, false],
		['StringNotEqualsIfExists', k, 'x', {}, true],
		['StringLikeIfExists', k, 'a*', { [k]: 'b' }, false],
		['NumericLessThanIfExists', k, '5', {}, true],
		['NumericLessThanIfExists', k, '5', { [k]: '7' }, false],
		['DateLessThanIfExists', k, '2026-01-01', {}, true],
		['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', {}, true],
		[
			'BoolIfExists',
			'aws:MultiFactorAuthPresent',
			'false',
			{ 'aws:MultiFactorAuthPresent': 'true' },
			false,
		],
		['IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8', {}, true],
		[
			'ArnLikeIfExists',
			'aws:SourceArn',
			'arn:aws:s3:::b',
			{ 'aws:SourceArn': 'arn:aws:s3:::c' },
			false,
		],
		['BinaryEqualsIfExists', k, 'QQ==', {}, true],
	])('%s %s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('set operators ForAllValues / ForAnyValue', () => {
	const tags = 'aws:TagKeys';
	it.each<Case>([
		['ForAllValues:StringEquals', tags, ['a', 'b'], { [tags]: ['a'] }, true],
		['ForAllValues:StringEquals', tags, ['a', 'b'], { [tags]: ['a', 'b'] }, true],
		['ForAllValues:StringEquals', tags, ['a', 'b'], { [tags]: ['a', 'c'] }, false],
		// IAM User Guide, "Set operators for multivalued context keys": ForAllValues "also returns true if there are
		// no context keys in the request", ForAnyValue returns false then.
		['ForAllValues:StringEquals', tags, ['a'], {}, true],
		['ForAllValues:StringEquals', tags, ['a'], { [tags]: [] }, true],
		['ForAnyValue:StringEquals', tags, ['a'], { [tags]: ['x', 'a'] }, true],
		['ForAnyValue:StringEquals', tags, ['a'], { [tags]: ['x', 'y'] }, false],
		['ForAnyValue:StringEquals', tags, ['a'], {}, false],
		['ForAnyValue:StringEquals', tags, ['a'], { [tags]: [] }, false],
		['ForAllValues:StringLike', tags, 'Created*', { [tags]: ['CreatedBy', 'CreatedAt'] }, true],
		['ForAllValues:StringLike', tags, 'Created*', { [tags]: ['CreatedBy', 'Owner'] }, false],
		// The documented deny example: ForAllValues:StringNotLike "key1*".
		['ForAllValues:StringNotLike', tags, 'key1*', { [tags]: ['key1:legal'] }, false],
		['ForAllValues:StringNotLike', tags, 'key1*', { [tags]: ['key1:hr', 'key1:personnel'] }, false],
		['ForAllValues:StringNotLike', tags, 'key1*', { [tags]: ['key2:audit'] }, true],
		['ForAllValues:StringNotLike', tags, 'key1*', {}, true],
		['ForAnyValue:StringNotEquals', tags, ['a'], { [tags]: ['a', 'b'] }, true],
		['ForAnyValue:StringNotEquals', tags, ['a'], { [tags]: ['a'] }, false],
		['ForAnyValue:StringEqualsIfExists', tags, ['a'], {}, true],
		['ForAllValues:NumericLessThan', k, '10', { [k]: ['1', '9'] }, true],
		['ForAnyValue:IpAddress', k, '10.0.0.0/8', { [k]: ['192.168.0.1', '10.1.1.1'] }, true],
		['ForAllValues:StringEquals', tags, ['a'], { [tags]: 'a' }, true],
		// Without a qualifier, a multivalued key matches when any value matches (NOR for negated operators).
		['StringEquals', tags, ['a'], { [tags]: ['x', 'a'] }, true],
		['StringNotEquals', tags, ['a'], { [tags]: ['x', 'a'] }, false],
	])('%s %j with %j → %s', (op, key, values, context, matched) => {
		expect(condition(op, key, values, context).matched).toBe(matched);
	});
});

describe('condition results', () => {
	it('records operator, key, resolved expected values and actual values', () => {
		const result = condition('StringLike', 's3:prefix', ['players/${localhost:4000:sub}/*'], {
			'localhost:4000:sub': 'alice',
			's3:prefix': 'players/alice/',
		});
		expect(result).toEqual({
			operator: 'StringLike',
			key: 's3:prefix',
			expected: ['players/alice/*'],
			actual: ['players/alice/'],
			matched: true,
		});
	});

	it('reports an absent key as null and names unresolved variables', () => {
		const result = condition('StringEquals', 'test:key', '${aws:username}', {});
		expect(result.actual).toBeNull();
		expect(result.unresolved).toEqual(['aws:username']);
	});

	it('looks condition keys up case-insensitively', () => {
		expect(
			condition('StringEquals', 'AWS:SourceVPC', 'vpc-1', { 'aws:sourcevpc': 'vpc-1' }).matched,
		).toBe(true);
	});

	it('ANDs operators and keys within a Condition block', async () => {
		const { decide, request } = await import('./helpers');
		const statement = {
			Effect: 'Allow',
			Action: '*',
			Resource: '*',
			Condition: {
				StringEquals: { 'a:one': '1', 'a:two': '2' },
				Bool: { 'aws:SecureTransport': 'true' },
			},
		};
		const all = { 'a:one': '1', 'a:two': '2', 'aws:SecureTransport': 'true' };
		expect(decide([statement], request({ context: all })).decision).toBe('allow');
		const missingOne = decide([statement], request({ context: { ...all, 'a:two': '3' } }));
		expect(missingOne.decision).toBe('deny');
		expect(missingOne.evaluated[0]?.conditions.map((c) => c.matched)).toEqual([true, false, true]);
	});
});
