/**
 * Issue 16, sections 1 and 2, as STS sees them: the sandbox providers' ID tokens carry AWS's tag and source
 * identity claims; AssumeRoleWithWebIdentity applies every rule AWS has for them (IAM User Guide, "Passing session
 * tags in AWS STS", "Monitor and control actions taken with assumed roles"), each bad input answered with STS's
 * code and message; the trust policy must allow sts:TagSession and sts:SetSourceIdentity, and refuses a team
 * that would name another folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { startTestSandbox } from './gateway-clients';
import {
	randomText,
	SOURCE_IDENTITY_CLAIM,
	stsFailure,
	tagClaim,
	TAGS_CLAIM,
	webIdentity,
} from './sts-clients';
import { editPlayerTrust, testTemplate } from './test-template';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox?.close();
});

const sessionOf = (accessKeyId: string | undefined) =>
	sandbox.sessions.findByAccessKeyId(accessKeyId ?? '');
const NOT_AUTHORIZED = {
	code: 'AccessDenied',
	status: 403,
	message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
};

describe('the providers’ tokens carry session tags and a source identity', () => {
	it.each([
		['alice', 0, { team: 'red' }, ['team'], 'alice@fedplay-id.example'],
		['bob', 0, { team: 'red' }, ['team'], 'bob@fedplay-id.example'],
		['carol', 0, { team: 'blue', role: 'organizer' }, ['team'], 'carol@fedplay-id.example'],
		['carol', 1, { team: 'blue', role: 'organizer' }, ['team'], 'carol@arcade-id.example'],
	])(
		'%s (provider %i) gets tags %j, transitive %j, source identity %s',
		async (player, provider, tags, transitive, sourceIdentity) => {
			const answer = await webIdentity(sandbox, player, { provider });
			expect(answer.SourceIdentity).toBe(sourceIdentity);
			expect(answer.PackedPolicySize).toBeGreaterThan(0);
			const session = sessionOf(answer.Credentials?.AccessKeyId);
			expect(Object.fromEntries(session!.tags.map((t) => [t.key, t.value]))).toEqual(tags);
			expect(session!.transitiveTagKeys).toEqual(transitive);
			expect(session!.sourceIdentity).toBe(sourceIdentity);
		},
	);

	it('accepts a token without tags or source identity (no TagSession or SetSourceIdentity needed)', async () => {
		const answer = await webIdentity(sandbox, 'alice', {
			overrides: { [TAGS_CLAIM]: undefined, [SOURCE_IDENTITY_CLAIM]: undefined },
		});
		expect(answer.SourceIdentity).toBeUndefined();
		expect(answer.PackedPolicySize).toBeUndefined();
		expect(sessionOf(answer.Credentials?.AccessKeyId)?.tags).toEqual([]);
	});

	it('reads transitive keys regardless of case, keeping the tag’s own spelling', async () => {
		const answer = await webIdentity(sandbox, 'alice', {
			overrides: tagClaim({ Team: ['red'] }, ['TEAM']),
		});
		expect(sessionOf(answer.Credentials?.AccessKeyId)?.transitiveTagKeys).toEqual(['Team']);
	});
});

describe('tags a token may not carry', () => {
	const UNUSABLE = { code: 'ValidationError', status: 400, message: 'Unable to validate tags' };
	const many = (count: number) =>
		Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, ['x']]));

	it('accepts 50 tags', async () => {
		const answer = await webIdentity(sandbox, 'alice', { overrides: tagClaim(many(50)) });
		expect(sessionOf(answer.Credentials?.AccessKeyId)?.tags).toHaveLength(50);
	});

	it.each([
		['51 tags', tagClaim(many(51))],
		['60 tags', tagClaim(many(60))],
		['a key of 129 characters', tagClaim({ ['k'.repeat(129)]: ['x'] })],
		['an empty key', tagClaim({ '': ['x'] })],
		['a value of 257 characters', tagClaim({ team: ['r'.repeat(257)] })],
		['a key with *', tagClaim({ 'team*': ['red'] })],
		['a key with #', tagClaim({ 'te#am': ['red'] })],
		['a value with !', tagClaim({ team: ['red!'] })],
		['a value with "', tagClaim({ team: ['re"d'] })],
		['two values for one tag', tagClaim({ team: ['red', 'blue'] })],
		['no value for a tag', tagClaim({ team: [] })],
		['a bare string value', tagClaim({ team: 'red' })],
		['a number value', tagClaim({ team: [7] })],
		[
			'principal_tags that is a list',
			tagClaim([['team', 'red']] as unknown as Record<string, unknown>),
		],
		['transitive keys that are not a list', tagClaim({ team: ['red'] }, 'team')],
		[
			'51 transitive keys',
			tagClaim(
				{ team: ['red'] },
				Array.from({ length: 51 }, () => 'team'),
			),
		],
		['a claim that is a string', { [TAGS_CLAIM]: 'team=red' }],
	])('refuses %s: ValidationError', async (_, overrides) => {
		expect(await stsFailure(webIdentity(sandbox, 'alice', { overrides }))).toEqual(UNUSABLE);
	});

	it.each([
		['team and Team', { team: ['red'], Team: ['blue'] }],
		['role and ROLE', { role: ['a'], ROLE: ['b'], team: ['red'] }],
	])('refuses keys that collide regardless of case (%s)', async (_, tags) => {
		expect(await stsFailure(webIdentity(sandbox, 'alice', { overrides: tagClaim(tags) }))).toEqual({
			code: 'InvalidParameterValue',
			status: 400,
			message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
		});
	});

	it.each([[['level']], [['team', 'level']]])(
		'refuses transitive keys %j that name no tag',
		async (transitive) => {
			const overrides = tagClaim({ team: ['red'] }, transitive);
			expect(await stsFailure(webIdentity(sandbox, 'alice', { overrides }))).toEqual({
				code: 'InvalidParameterValue',
				status: 400,
				message: 'The specified transitive tag key must be included in the requested tags.',
			});
		},
	);

	it.each([
		['3 tags of 128 + 256 random characters', 3],
		['30 tags of 128 + 256 random characters', 30],
	])('counts tags in the packed size: %s is PackedPolicyTooLarge', async (_, count) => {
		const tags = Object.fromEntries(
			Array.from({ length: count }, () => [randomText(128), [randomText(256)]]),
		);
		const refused = await stsFailure(webIdentity(sandbox, 'alice', { overrides: tagClaim(tags) }));
		expect(refused).toMatchObject({ code: 'PackedPolicyTooLarge', status: 400 });
		const [, percent] = /^Packed size of session tags consumes (\d+)% of allotted space\.$/.exec(
			refused.message,
		) ?? [undefined, '0'];
		expect(Number(percent)).toBeGreaterThan(100);
	});

	it('names the policy when the policy alone is too large', async () => {
		const Policy = JSON.stringify({
			Version: '2012-10-17',
			Statement: [
				{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${randomText(1900)}` },
			],
		});
		const refused = await stsFailure(webIdentity(sandbox, 'alice', { Policy }));
		expect(refused).toMatchObject({ code: 'PackedPolicyTooLarge', status: 400 });
		expect(refused.message).toMatch(
			/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/,
		);
	});

	it.each([
		['a team with a slash', 'red/../blue'],
		['a team that is a path', 'players/oidc1/bob'],
		['an empty team', ''],
	])('denies %s in the trust policy (it would name another folder)', async (_, team) => {
		const overrides = tagClaim({ team: [team] }, ['team']);
		expect(await stsFailure(webIdentity(sandbox, 'alice', { overrides }))).toEqual(NOT_AUTHORIZED);
	});
});

describe('source identities a token may not carry', () => {
	it.each([
		[
			'one character',
			'a',
			"Value 'a' at 'sourceIdentity' failed to satisfy constraint: Member must have length greater than or equal to 2",
		],
		['65 characters', 's'.repeat(65), 'Member must have length less than or equal to 64'],
		[
			'the reserved aws: prefix',
			'aws:admin',
			'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
		],
		['a space', 'alice smith', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'],
		['a number', 42, "Value at 'sourceIdentity' failed to satisfy constraint"],
	])('refuses %s: ValidationError', async (_, value, message) => {
		const refused = await stsFailure(
			webIdentity(sandbox, 'alice', { overrides: { [SOURCE_IDENTITY_CLAIM]: value } }),
		);
		expect(refused).toMatchObject({ code: 'ValidationError', status: 400 });
		expect(refused.message).toMatch(/^1 validation error detected: /);
		expect(refused.message).toContain(message);
	});

	it.each(['ab', 's'.repeat(64), 'a+b=c,d.e@f-g_h'])('accepts %s', async (value) => {
		const answer = await webIdentity(sandbox, 'alice', {
			overrides: { [SOURCE_IDENTITY_CLAIM]: value },
		});
		expect(answer.SourceIdentity).toBe(value);
	});
});

describe('a trust policy that does not allow what the token carries', () => {
	const ALL = '"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession","sts:SetSourceIdentity"]';
	const variants: [string, string, Record<string, unknown>][] = [
		[
			'without sts:TagSession',
			'"Action":["sts:AssumeRoleWithWebIdentity","sts:SetSourceIdentity"]',
			{ [TAGS_CLAIM]: undefined },
		],
		[
			'without sts:SetSourceIdentity',
			'"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]',
			{ [SOURCE_IDENTITY_CLAIM]: undefined },
		],
	];

	describe.each(variants)('%s', (_, actions, without) => {
		let strict: Sandbox;

		beforeAll(async () => {
			const templatePath = testTemplate((template) =>
				editPlayerTrust(template, (trust) => trust.replace(ALL, actions)),
			);
			strict = await startTestSandbox({ templatePath });
		});

		afterAll(async () => {
			await strict?.close();
		});

		it.each(['alice', 'carol'])('refuses %s’s real token: AccessDenied', async (player) => {
			expect(await stsFailure(webIdentity(strict, player))).toEqual(NOT_AUTHORIZED);
		});

		it('accepts the same player’s token without that claim', async () => {
			const answer = await webIdentity(strict, 'alice', { overrides: without });
			expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
		});
	});
});
