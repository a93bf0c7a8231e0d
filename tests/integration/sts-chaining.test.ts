/**
 * Issue 16, section 3, as STS sees it: an organizer takes the tournament role from her player session with a
 * signed AssumeRole (role chaining). AWS's rules (IAM User Guide, "Role chaining", "Chaining roles with session
 * tags", "Monitor and control actions taken with assumed roles"): at most an hour; the caller's transitive tags
 * and source identity pass on and cannot be changed; the target's trust policy is evaluated with the caller's
 * context, and — as it names the account — the caller's own policies must allow too. Every parameter is checked
 * against the STS model; each bad input gets STS's code and message.
 */
import { GetCallerIdentityCommand, type Credentials } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { startTestSandbox } from './gateway-clients';
import {
	ACCOUNT,
	chain,
	randomText,
	signedSts,
	stsFailure,
	TOURNAMENT_ROLE,
	webIdentity,
} from './sts-clients';
import { roleStatement, testTemplate, type TemplateJson } from './test-template';

let sandbox: Sandbox;
let carol: Credentials;
let arcadeCarol: Credentials;
let bob: Credentials;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	[carol, arcadeCarol, bob] = await Promise.all([
		webIdentity(sandbox, 'carol').then((a) => a.Credentials!),
		webIdentity(sandbox, 'carol', { provider: 1 }).then((a) => a.Credentials!),
		webIdentity(sandbox, 'bob').then((a) => a.Credentials!),
	]);
});

afterAll(async () => {
	await sandbox?.close();
});

afterEach(() => sandbox.clock.reset());

const sessionOf = (c: Credentials | undefined) =>
	sandbox.sessions.findByAccessKeyId(c?.AccessKeyId ?? '')!;
const player = (name: string, role = 'fedplay-player') =>
	`arn:aws:sts::${ACCOUNT}:assumed-role/${role}/fedplay-${name}`;
const validation = (message: string) => ({ code: 'ValidationError', status: 400, message });
const invalidParameter = (message: string) => ({
	code: 'InvalidParameterValue',
	status: 400,
	message,
});

describe('an organizer takes the tournament role', () => {
	it.each([
		['Fedplay ID', () => carol, 'carol@fedplay-id.example'],
		['Arcade ID', () => arcadeCarol, 'carol@arcade-id.example'],
	])(
		'from her %s session, for at most an hour, her source identity and team carried',
		async (_, from, identity) => {
			const before = Date.now();
			const answer = await chain(sandbox, from(), { DurationSeconds: 3600 });
			expect(answer.AssumedRoleUser?.Arn).toBe(
				`arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-tournament/tournament-carol`,
			);
			expect(answer.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:tournament-carol$/);
			expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
			expect(answer.Credentials!.Expiration!.getTime()).toBeLessThanOrEqual(
				before + 3600_000 + 1000,
			);
			expect(answer.SourceIdentity).toBe(identity);
			expect(answer.PackedPolicySize).toBeGreaterThan(0);
			const session = sessionOf(answer.Credentials);
			// team is transitive and passes on; role is not (it decided the chain, and stays with the player).
			expect(session.tags).toEqual([{ key: 'team', value: 'blue' }]);
			expect(session.transitiveTagKeys).toEqual(['team']);
			expect(session.webIdentityContext).toEqual({});
		},
	);

	it('defaults to an hour, and GetCallerIdentity names the chained session', async () => {
		const answer = await chain(sandbox, carol);
		const lifetime = answer.Credentials!.Expiration!.getTime() - Date.now();
		expect(lifetime).toBeGreaterThan(3590_000);
		expect(lifetime).toBeLessThanOrEqual(3600_000);
		const sts = signedSts(sandbox, answer.Credentials!);
		try {
			const who = await sts.send(new GetCallerIdentityCommand({}));
			expect(who.Arn).toBe(answer.AssumedRoleUser?.Arn);
		} finally {
			sts.destroy();
		}
	});

	it('may add tags of its own beside the inherited ones, and set them transitive', async () => {
		const answer = await chain(sandbox, carol, {
			Tags: [{ Key: 'match', Value: 'final' }],
			TransitiveTagKeys: ['match'],
		});
		const session = sessionOf(answer.Credentials);
		expect(session.tags).toEqual([
			{ key: 'team', value: 'blue' },
			{ key: 'match', value: 'final' },
		]);
		expect(session.transitiveTagKeys).toEqual(['team', 'match']);
	});

	it('may repeat its own source identity, and passes an ExternalId to the trust policy', async () => {
		const answer = await chain(sandbox, carol, {
			SourceIdentity: 'carol@fedplay-id.example',
			ExternalId: 'tournament-2026',
		});
		expect(answer.SourceIdentity).toBe('carol@fedplay-id.example');
	});
});

describe('role chaining refused as AWS refuses it', () => {
	it.each([
		['2 hours', 7200],
		['an hour and a second', 3601],
		['12 hours', 43200],
	])('refuses %s: the 1-hour cap on chained sessions', async (_, DurationSeconds) => {
		expect(await stsFailure(chain(sandbox, carol, { DurationSeconds }))).toEqual(
			validation(
				'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
			),
		);
	});

	it.each([
		['bob (team red, no role tag)', () => bob, player('bob')],
		[
			'a tournament session (not a player role)',
			async () => (await chain(sandbox, carol)).Credentials!,
			`arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-tournament/tournament-carol`,
		],
	])(
		'denies %s: the trust policy wants a player session tagged role=organizer',
		async (_, from, arn) => {
			expect(await stsFailure(chain(sandbox, await from()))).toEqual({
				code: 'AccessDenied',
				status: 403,
				message: `User: ${arn} is not authorized to perform: sts:AssumeRole on resource: ${TOURNAMENT_ROLE} because no role trust policy allows the sts:AssumeRole action`,
			});
		},
	);

	it('denies alice at the second provider too: the tag decides, not the provider', async () => {
		const alice = await webIdentity(sandbox, 'alice', { provider: 1 });
		expect((await stsFailure(chain(sandbox, alice.Credentials!))).code).toBe('AccessDenied');
	});

	it('denies bob who tags the request role=organizer: the trust reads the caller’s tags, not the request’s', async () => {
		const refused = await stsFailure(
			chain(sandbox, bob, { Tags: [{ Key: 'role', Value: 'organizer' }] }),
		);
		expect(refused).toMatchObject({ code: 'AccessDenied', status: 403 });
		expect(refused.message).toContain(
			'because no role trust policy allows the sts:AssumeRole action',
		);
	});

	it('denies a role that does not exist exactly like one that does not trust the caller', async () => {
		const missing = `arn:aws:iam::${ACCOUNT}:role/no-such-role`;
		expect(await stsFailure(chain(sandbox, carol, { RoleArn: missing }))).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: `User: ${player('carol')} is not authorized to perform: sts:AssumeRole on resource: ${missing} because no role trust policy allows the sts:AssumeRole action`,
		});
	});

	it.each([
		['the same key', [{ Key: 'team', Value: 'red' }], undefined],
		['the key in another case', [{ Key: 'TEAM', Value: 'red' }], undefined],
		['the key, set transitive again', [{ Key: 'Team', Value: 'blue' }], ['Team']],
	])('refuses to override a transitive tag with %s', async (_, Tags, TransitiveTagKeys) => {
		const input = TransitiveTagKeys ? { Tags, TransitiveTagKeys } : { Tags };
		expect(await stsFailure(chain(sandbox, carol, input))).toEqual(
			invalidParameter(
				"One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
			),
		);
	});

	it.each(['mallory', 'carol@arcade-id.example', 'CAROL@FEDPLAY-ID.EXAMPLE'])(
		'refuses to change the source identity to %s',
		async (SourceIdentity) => {
			expect(await stsFailure(chain(sandbox, carol, { SourceIdentity }))).toEqual({
				code: 'AccessDenied',
				status: 403,
				message: `User: ${player('carol')} is not authorized to perform: sts:SetSourceIdentity on resource: ${TOURNAMENT_ROLE} because the source identity of a role chain cannot be changed`,
			});
		},
	);

	it('denies a caller whose session policy does not allow sts:AssumeRole', async () => {
		const scoped = await webIdentity(sandbox, 'carol', {
			Policy: JSON.stringify({
				Version: '2012-10-17',
				Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
			}),
		});
		expect(await stsFailure(chain(sandbox, scoped.Credentials!))).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: `User: ${player('carol')} is not authorized to perform: sts:AssumeRole on resource: ${TOURNAMENT_ROLE} because no session policy allows the sts:AssumeRole action`,
		});
	});

	it('refuses a one-time MFA code: the sandbox has no MFA device', async () => {
		expect(
			await stsFailure(
				chain(sandbox, carol, {
					SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/carol`,
					TokenCode: '123456',
				}),
			),
		).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
		});
	});
});

describe('AssumeRole parameters, checked against the STS model', () => {
	const tags = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

	it.each([
		[
			'a RoleSessionName with a colon',
			{ RoleSessionName: 'Session1:2' },
			"1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
		],
		[
			'DurationSeconds below 900',
			{ DurationSeconds: 899 },
			"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
		],
		[
			'DurationSeconds above 43200',
			{ DurationSeconds: 43201 },
			"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
		],
		[
			'51 tags',
			{ Tags: tags(51) },
			"1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
		],
		[
			'a tag key of 129 characters',
			{ Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
			"1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
		],
		[
			'a tag value of 257 characters',
			{ Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] },
			"1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
		],
		[
			'a tag key with *',
			{
				Tags: [
					{ Key: 'ok', Value: 'v' },
					{ Key: 'k*', Value: 'v' },
				],
			},
			"1 validation error detected: Value at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
		],
		[
			'a tag value with !',
			{ Tags: [{ Key: 'k', Value: 'v!' }] },
			"1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
		],
		[
			'51 transitive tag keys',
			{
				Tags: [{ Key: 'k', Value: 'v' }],
				TransitiveTagKeys: Array.from({ length: 51 }, () => 'k'),
			},
			"1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50",
		],
		[
			'a source identity of one character',
			{ SourceIdentity: 'c' },
			"1 validation error detected: Value 'c' at 'sourceIdentity' failed to satisfy constraint: Member must have length greater than or equal to 2",
		],
		[
			'a source identity with the aws: prefix',
			{ SourceIdentity: 'aws:carol' },
			"1 validation error detected: Value 'aws:carol' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
		],
		[
			'an ExternalId with a space',
			{ ExternalId: 'tour nament' },
			"1 validation error detected: Value 'tour nament' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
		],
		[
			'a TokenCode of five digits',
			{ SerialNumber: 'arn:aws:iam::1:mfa/c', TokenCode: '12345' },
			"1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
		],
		[
			'a Policy over 2048 characters',
			{ Policy: ' '.repeat(2049) },
			"1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048",
		],
	])('refuses %s with ValidationError', async (_, input, message) => {
		expect(await stsFailure(chain(sandbox, carol, input))).toEqual(validation(message));
	});

	it('lists every violation in one ValidationError, in the model’s order', async () => {
		const refused = await stsFailure(
			chain(sandbox, carol, { RoleSessionName: 'x', Tags: tags(51), SourceIdentity: 'c' }),
		);
		expect(refused.message).toMatch(
			/^3 validation errors detected: .*'roleSessionName'.*; .*'tags'.*; .*'sourceIdentity'/,
		);
	});

	it.each(['nothing-valid-in-here', 'arn:a:::something/test-role', 'arn:a:a::aaaaaaaaaa:'])(
		'refuses the RoleArn %s, which is not an ARN',
		async (RoleArn) => {
			expect(await stsFailure(chain(sandbox, carol, { RoleArn }))).toEqual(
				validation(`${RoleArn} is invalid`),
			);
		},
	);

	it.each([
		[
			'keys that collide regardless of case',
			[
				{ Key: 'match', Value: 'a' },
				{ Key: 'Match', Value: 'b' },
			],
			undefined,
			'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
		],
		[
			'a transitive key that names no tag',
			[{ Key: 'match', Value: 'a' }],
			['round'],
			'The specified transitive tag key must be included in the requested tags.',
		],
	])('refuses %s with InvalidParameterValue', async (_, Tags, TransitiveTagKeys, message) => {
		const input = TransitiveTagKeys ? { Tags, TransitiveTagKeys } : { Tags };
		expect(await stsFailure(chain(sandbox, carol, input))).toEqual(invalidParameter(message));
	});

	it('counts the tags in the packed size, inherited ones included', async () => {
		const big = Array.from({ length: 3 }, () => ({ Key: randomText(128), Value: randomText(256) }));
		const refused = await stsFailure(chain(sandbox, carol, { Tags: big }));
		expect(refused).toMatchObject({ code: 'PackedPolicyTooLarge', status: 400 });
		expect(refused.message).toMatch(
			/^Packed size of session tags consumes \d+% of allotted space\.$/,
		);
	});
});

describe('a tournament role whose policies do not allow what the chain carries', () => {
	const withoutAction = (action: string) => (template: TemplateJson) => {
		const [statement] =
			template.Resources['TournamentRole']!.Properties.AssumeRolePolicyDocument.Statement;
		statement.Action = statement.Action.filter((a: string) => a !== action);
	};

	describe.each(['sts:TagSession', 'sts:SetSourceIdentity'])(
		'a trust policy without %s',
		(action) => {
			let strict: Sandbox;

			beforeAll(async () => {
				strict = await startTestSandbox({ templatePath: testTemplate(withoutAction(action)) });
			});

			afterAll(async () => {
				await strict?.close();
			});

			it('denies carol, whose session carries a transitive tag and a source identity', async () => {
				const from = (await webIdentity(strict, 'carol')).Credentials!;
				expect(await stsFailure(chain(strict, from))).toEqual({
					code: 'AccessDenied',
					status: 403,
					message: `User: ${player('carol')} is not authorized to perform: ${action} on resource: ${TOURNAMENT_ROLE} because no role trust policy allows the ${action} action`,
				});
			});
		},
	);

	describe('player roles whose own policy does not allow sts:AssumeRole on it (the trust names the account)', () => {
		let strict: Sandbox;

		beforeAll(async () => {
			const templatePath = testTemplate((template) => {
				for (const role of ['PlayerRole', 'SecondPlayerRole']) {
					const statement = roleStatement(template, role, 'AskForTheTournamentRole');
					statement.Action = ['sts:TagSession', 'sts:SetSourceIdentity'];
				}
			});
			strict = await startTestSandbox({ templatePath });
		});

		afterAll(async () => {
			await strict?.close();
		});

		it('denies carol: the trust policy delegates to her role’s identity policy, which is silent', async () => {
			const from = (await webIdentity(strict, 'carol')).Credentials!;
			expect(await stsFailure(chain(strict, from))).toEqual({
				code: 'AccessDenied',
				status: 403,
				message: `User: ${player('carol')} is not authorized to perform: sts:AssumeRole on resource: ${TOURNAMENT_ROLE} because no identity-based policy allows the sts:AssumeRole action`,
			});
		});
	});
});
