/**
 * The data layout (README, "Security model"; src/lib/config/data-layout.ts), end to end against the sandbox:
 * a `sub` with a `/` never gets credentials, and the same `sub` at two providers lands in two segments that
 * cannot reach each other. The tokens are signed with each sandbox provider's own key, with a chosen `sub`.
 */
import { readFileSync } from 'node:fs';
import {
	AssumeRoleWithWebIdentityCommand,
	STSClient,
	STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { loadProfile } from '../../src/lib/game/profile';
import { listSaves } from '../../src/lib/game/saves';
import { loadMyStats } from '../../src/lib/game/scores';
import { playerPartition, playerPrefix } from '../../src/lib/config/data-layout';
import { expectNoDynamoDbAccess, expectNoS3Access, writeOwnData } from './cross-access';
import { closePlayer, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let sts: STSClient;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	sts = new STSClient({ region: sandbox.config.region, endpoint: sandbox.awsEndpoint });
});

afterAll(async () => {
	sts?.destroy();
	await sandbox?.close();
});

describe('the trust policies refuse an identity containing a slash', () => {
	const assume = async (provider: number, sub: string) =>
		sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: sandbox.roleArns[provider],
				RoleSessionName: 'fedplay-slash',
				WebIdentityToken: await sandbox.idps[provider]!.issueIdToken('alice', {
					overrides: { sub },
				}),
			}),
		);

	it.each(
		[0, 1].flatMap((provider) =>
			['bob/saves', 'a/b', '/', 'x/', '/alice', 'alice/../bob'].map(
				(sub) => [provider, sub] as const,
			),
		),
	)('provider %i, sub %j: AccessDenied', async (provider, sub) => {
		const error = await assume(provider, sub).then(
			() => null,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(STSServiceException);
		const e = error as STSServiceException & { Code?: string };
		expect({ code: e.Code, status: e.$metadata.httpStatusCode, message: e.message }).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		});
	});

	it.each([0, 1])('provider %i still accepts the same subs without the slash', async (provider) => {
		for (const sub of ['bob-saves', 'a.b', 'x_']) {
			const answer = await assume(provider, sub);
			expect(answer.SubjectFromWebIdentityToken).toBe(sub);
		}
	});
});

describe('two providers issuing the same sub: disjoint prefixes and partitions', () => {
	let first: Player;
	let second: Player;

	beforeAll(async () => {
		// Both providers say `sub: alice`: unrelated people who happen to share a subject.
		first = await signIn(sandbox, 'alice', 0, { sub: 'alice' });
		second = await signIn(sandbox, 'alice', 1, { sub: 'alice' });
		await writeOwnData(first, 'Alice of Fedplay ID');
		await writeOwnData(second, 'Alice of Arcade ID');
	});

	afterAll(() => {
		closePlayer(first);
		closePlayer(second);
	});

	it('gives each its own segment, folder and partition key', () => {
		expect(first.sub).toBe(second.sub);
		expect([first.identity, second.identity]).toEqual([
			{ segment: 'oidc1', id: 'alice' },
			{ segment: 'oidc2', id: 'alice' },
		]);
		expect(playerPrefix(first.identity)).toBe('players/oidc1/alice/');
		expect(playerPrefix(second.identity)).toBe('players/oidc2/alice/');
		expect(playerPartition(first.identity)).toBe('oidc1/alice');
		expect(playerPartition(second.identity)).toBe('oidc2/alice');
	});

	it('lets each read back only their own profile, saves and scores', async () => {
		expect((await loadProfile(first.data, first.identity))?.profile.displayName).toBe(
			'Alice of Fedplay ID',
		);
		expect((await loadProfile(second.data, second.identity))?.profile.displayName).toBe(
			'Alice of Arcade ID',
		);
		expect(await listSaves(first.data, first.identity)).toHaveLength(1);
		expect((await loadMyStats(second.data, second.identity))?.displayName).toBe(
			'Alice of Arcade ID',
		);
	});

	// [who calls, whose data] in both directions.
	const pairs = () =>
		[
			[second, first],
			[first, second],
		] as const;

	it.each([0, 1])(
		'denies S3 GetObject, PutObject and ListObjectsV2 across segments (%i)',
		async (i) => {
			const [caller, owner] = pairs()[i]!;
			await expectNoS3Access(caller, owner);
		},
	);

	it.each([0, 1])(
		'denies DynamoDB GetItem, Query, PutItem, BatchGetItem and BatchWriteItem across partitions (%i)',
		async (i) => {
			const [caller, owner] = pairs()[i]!;
			await expectNoDynamoDbAccess(caller, owner);
		},
	);

	it('left each one’s data as its owner wrote it', async () => {
		expect((await loadProfile(first.data, first.identity))?.profile.displayName).toBe(
			'Alice of Fedplay ID',
		);
		expect(await loadMyStats(first.data, first.identity)).toMatchObject({
			topScore: 'Alice of Fedplay ID'.length,
			runs: 1,
			wins: 1,
		});
		expect(await loadMyStats(second.data, second.identity)).toMatchObject({
			topScore: 'Alice of Arcade ID'.length,
			runs: 1,
		});
	});
});

describe('each provider’s segment is one value everywhere', () => {
	type Published = { roleArn: string; dataSegment: string } & Record<string, unknown>;
	const publicConfig = JSON.parse(
		readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8'),
	) as { providers: Published[]; oauth2Providers: Published[] };
	const template = JSON.parse(
		readFileSync(new URL('../../infra/fedplay.template.json', import.meta.url), 'utf8'),
	) as { Outputs: Record<string, { Value: unknown }> };

	it('public/config.json, sandboxRuntimeConfig and the template agree, provider by provider', () => {
		const runtime = sandboxRuntimeConfig(sandbox);
		expect(runtime.providers).toHaveLength(publicConfig.providers.length);
		expect(runtime.oauth2Providers).toHaveLength(publicConfig.oauth2Providers.length);
		// The identity pool's entry is checked with both its roles in cognito-config.test.ts.
		const direct = runtime.providers.filter((provider) => !('identityPoolId' in provider));
		const published = publicConfig.providers.filter((provider) => !('identityPoolId' in provider));
		// Every provider, OpenID and OAuth 2.0 alike, with the policy variable its role keys data on.
		const providers = [
			...direct.map((provider, i) => ({
				provider,
				published: published[i]!,
				variable: `${new URL(sandbox.issuers[i]!).host}:sub`,
			})),
			...runtime.oauth2Providers.map((provider, i) => ({
				provider,
				published: publicConfig.oauth2Providers[i]!,
				variable: 'www.amazon.com:user_id',
			})),
		];
		// The roles that grant per-identity data, one per provider; the tournament role grants none.
		const playerRoles = sandbox.infra.roles.filter((role) => role.dataSegment !== undefined);
		expect(playerRoles.map((role) => role.logicalId)).toEqual([
			'PlayerRole',
			'SecondPlayerRole',
			'AmazonPlayerRole',
		]);
		playerRoles.forEach((role, i) => {
			const { provider, published, variable } = providers[i]!;
			const segment = published.dataSegment;
			expect(published.roleArn).toBe(role.arn);
			expect(provider.roleArn).toBe(role.arn);
			expect(provider.dataSegment).toBe(segment);
			expect(template.Outputs[`${role.logicalId}DataSegment`]?.Value).toBe(segment);
			// The literal in the role's own policy: every path and partition key it grants.
			const own = `${segment}/\${${variable}}`;
			const statements = Object.fromEntries(
				role.permissionPolicies[0]!.document.Statement.map((s) => [s.Sid, s]),
			);
			expect(statements['OwnObjects']!.Resource).toEqual([
				`arn:aws:s3:::${sandbox.infra.bucketName}/players/${own}/*`,
			]);
			expect(statements['ListOwnPrefix']!.Condition).toEqual({
				StringLike: { 's3:prefix': [`players/${own}/`, `players/${own}/*`] },
			});
			expect(statements['OwnScores']!.Condition?.['ForAllValues:StringEquals']).toEqual({
				'dynamodb:LeadingKeys': [own],
			});
		});
		expect(new Set(providers.map((p) => p.provider.dataSegment)).size).toBe(providers.length);
		// The app id the config names is the one the Login with Amazon role trusts.
		const [amazon] = runtime.oauth2Providers;
		const [trust] = playerRoles[2]!.trustPolicy.document.Statement;
		expect(trust!.Condition?.['StringEquals']).toEqual({
			'www.amazon.com:app_id': [amazon!.appId],
		});
		expect(amazon!.appId).toBe(publicConfig.oauth2Providers[0]!['appId']);
	});
});
