/**
 * `*` and `?` wherever IAM reads them (Action, Resource, StringLike, ArnLike), through the evaluator, for the
 * edges a regex-free matcher could get wrong: empty patterns, `*` alone and doubled, `?` at either end, regex
 * metacharacters that must stay literal, and non-ASCII text. IAM User Guide: "IAM JSON policy elements: Resource"
 * (Using wildcards in resource ARNs) and "Condition operators" (String and ARN condition operators).
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyParseError } from '../../../src/lib/iam';
import { condition, decide, request, resourcePatternCovers } from './helpers';

const B = 'arn:aws:s3:::fedplay-data';

describe('wildcards in Resource (case-sensitive, ARN segments)', () => {
	it.each([
		['*', `${B}/x`, true],
		[`${B}/**`, `${B}/`, true],
		[`${B}/**`, `${B}/a/b:c`, true],
		[`${B}/*/*`, `${B}/a`, false],
		[`${B}/*/*`, `${B}/a/`, true],
		[`${B}/x?`, `${B}/x`, false],
		[`${B}/x?`, `${B}/xy`, true],
		[`${B}/?x`, `${B}/x`, false],
		[`${B}/a.c`, `${B}/abc`, false],
		[`${B}/a.c`, `${B}/a.c`, true],
		[`${B}/a+`, `${B}/aa`, false],
		[`${B}/a+`, `${B}/a+`, true],
		[`${B}/(a|b)`, `${B}/a`, false],
		[`${B}/(a|b)`, `${B}/(a|b)`, true],
		[`${B}/[ab]`, `${B}/a`, false],
		[`${B}/[ab]*`, `${B}/[ab]x`, true],
		[`${B}/a{2}`, `${B}/aa`, false],
		[`${B}/x$`, `${B}/x$`, true],
		[`${B}/^x`, `${B}/^x`, true],
		[`${B}/a\\d`, `${B}/a1`, false],
		[`${B}/a\\d`, `${B}/a\\d`, true],
		// `\` escapes nothing in IAM: `\*` is a backslash, then a wildcard.
		[`${B}/a\\*`, `${B}/a\\xyz`, true],
		[`${B}/a\\*`, `${B}/a*`, false],
		[`${B}/*`, `${B}/.*+?()[]{}|^$\\`, true],
		[`${B}/*`, `${B}/line\nbreak`, true],
		[`${B}/été/*`, `${B}/été/x`, true],
		[`${B}/?t?`, `${B}/été`, true],
		[`${B}/É*`, `${B}/été`, false],
		// `?` takes one UTF-16 code unit, as before: an emoji outside the BMP is two.
		[`${B}/??`, `${B}/😀`, true],
		[`${B}/?`, `${B}/😀`, false],
		// In the first five segments `?` and an inner `*` stay within the segment; a trailing `*` may cross `:`.
		['arn:aws:s?:::fedplay-data/x', `${B}/x`, true],
		['arn:aws:s3:::fedplay-data?x', 'arn:aws:s3:::fedplay-data:x', true],
	])('%s covers %j: %s', (pattern, resource, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', Action: '*', Resource: pattern }],
			request({ resource }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});
});

describe('wildcards in Resource patterns IAM refuses (the matcher reads them alike; no policy holds them)', () => {
	it.each([
		['**', `${B}/x`, true],
		['?rn:aws:s3:::fedplay-data/x', `${B}/x`, true],
		// Outside U+0020–U+00FF: IAM takes no such character in a policy document.
		[`${B}/日本*`, `${B}/日本語`, true],
		// Five segments: the `?` and inner `*` stay within the segment, a trailing `*` crosses `:`.
		['arn:aws?s3:::fedplay-data/x', `${B}/x`, false],
		['arn:a*s3:::fedplay-data/x', `${B}/x`, false],
		['arn:aws*:::fedplay-data/x', `${B}/x`, true],
		// No partition AWS has.
		['arn:*:s3:::fedplay-data/x', `${B}/x`, true],
	])('%s covers %j: %s', (pattern, resource, covered) => {
		expect(resourcePatternCovers(pattern, resource)).toBe(covered);
		const policy = {
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: '*', Resource: pattern }],
		};
		expect(() => parsePolicy(policy, 'P', 'identity-based')).toThrow(PolicyParseError);
	});
});

describe('wildcards in Action (case-insensitive)', () => {
	it.each([
		['s3:**', 's3:GetObject', true],
		['s3:?*', 's3:GetObject', true],
		['s3:*?', 's3:', false],
		['s3:?etObject', 's3:GetObject', true],
		['s3:GetObjec?', 's3:GetObject', true],
		['s3:GetObjec?', 's3:GetObjec', false],
		['S3:GETOBJ*', 's3:GetObject', true],
		['s3:Get.bject', 's3:GetObject', false],
		['s3:Get[O]bject', 's3:GetObject', false],
		['s3:*Object', 's3:GetObject', true],
		['s3:*object', 's3:GetObject', true],
		['s3:*Object*', 's3:PutObjectAcl', true],
		['s3:*Acl', 's3:GetObject', false],
		// Non-ASCII letters fold as they did before (a case-insensitive RegExp without the `u` flag).
		['svc:É*', 'svc:été', true],
		['svc:ß', 'svc:SS', false],
	])('%s covers %s: %s', (pattern, action, allowed) => {
		const decision = decide(
			[{ Effect: 'Allow', Action: pattern, Resource: '*' }],
			request({ action }),
		);
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});
});

const k = 'test:key';

describe('wildcards in StringLike and ArnLike', () => {
	it.each<[string, string, string, boolean]>([
		['StringLike', '', '', true],
		['StringLike', '', 'a', false],
		['StringLike', '*', '', true],
		['StringLike', '**', '', true],
		['StringLike', '?', '', false],
		['StringLike', '?*', 'a', true],
		['StringLike', '*?', '', false],
		['StringLike', 'a?', 'ab', true],
		['StringLike', '?b', 'ab', true],
		['StringLike', 'a*', 'A', false],
		['StringLike', 'a?c', 'a.c', true],
		['StringLike', 'a.c', 'abc', false],
		['StringLike', 'a+', 'aa', false],
		['StringLike', '(a)', '(a)', true],
		['StringLike', '[a]*', '[a]z', true],
		['StringLike', '$', '$', true],
		['StringLike', '^*$', '^x$', true],
		['StringLike', '\\*', '\\x', true],
		['StringLike', '\\*', '*', false],
		// StringLike knows nothing of ARN segments: `*` and `?` cross `:`.
		['StringLike', 'a*b', 'a:x:b', true],
		['StringLike', 'a?b', 'a:b', true],
		['StringLike', 'é*ü', 'éxü', true],
		['StringLike', 'É*', 'é', false],
		['StringNotLike', 'a*', 'a.c', false],
		['StringNotLike', 'a?', 'a', true],
		['ArnLike', '', '', true],
		['ArnLike', '', 'arn:aws:s3:::b', false],
		['ArnLike', '*', 'arn:aws:s3:::b/x:y', true],
		['ArnLike', 'arn:aws:s3:::b*', 'arn:aws:s3:::b/x:y', true],
		['ArnLike', 'arn:aws:iam::*:role/r', 'arn:aws:iam::123456789012:role/r', true],
		['ArnLike', 'arn:aws:i?m::*:role/r', 'arn:aws:i:m::123456789012:role/r', false],
		['ArnLike', 'arn:aws:iam::1*2:role/r', 'arn:aws:iam::1:2:role/r', false],
		['ArnLike', 'arn:aws:sqs:*:*:q?', 'arn:aws:sqs:us-east-1:123456789012:q:', true],
		['ArnLike', 'arn:aws:s3:::b/a.b', 'arn:aws:s3:::b/aab', false],
		['ArnNotLike', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/x', false],
		['ArnNotLike', 'arn:aws:s3:::b/?', 'arn:aws:s3:::b/xy', true],
	])('%s %j with %j → %s', (operator, pattern, value, matched) => {
		expect(condition(operator, k, pattern, { [k]: value }).matched).toBe(matched);
	});
});
