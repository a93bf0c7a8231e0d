import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../infra/security-headers';
import { loadInfra } from '../../../sandbox/infra';

/* The production template, read as data: what matters for security is checked here, and the sandbox keeps
 * enforcing the very same policy documents (loadInfra below reads this file). */

type Json = Record<string, unknown>;
const template = JSON.parse(
	readFileSync(new URL('../../../infra/fedplay.template.json', import.meta.url), 'utf8'),
) as { Resources: Record<string, { Type: string; Properties: Json }>; Outputs: Json };
const resources = Object.entries(template.Resources);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
const props = (id: string) => template.Resources[id]!.Properties;

describe('the production template', () => {
	it.each(ofType('AWS::S3::Bucket').map(([id]) => [id]))(
		'blocks every kind of public access on bucket %s and encrypts it',
		(id) => {
			expect(props(id)['PublicAccessBlockConfiguration']).toEqual({
				BlockPublicAcls: true,
				BlockPublicPolicy: true,
				IgnorePublicAcls: true,
				RestrictPublicBuckets: true,
			});
			expect(JSON.stringify(props(id)['BucketEncryption'])).toContain('SSEAlgorithm');
		},
	);

	it('lets only this CloudFront distribution read the site bucket, and denies plain HTTP', () => {
		const statements = (props('SiteBucketPolicy')['PolicyDocument'] as { Statement: Json[] })
			.Statement;
		for (const s of statements.filter((s) => s['Effect'] === 'Allow')) {
			expect(s['Principal']).toEqual({ Service: 'cloudfront.amazonaws.com' });
			expect(JSON.stringify(s['Condition'])).toContain('AWS:SourceArn');
			expect(JSON.stringify(s['Condition'])).toContain('distribution/${Distribution}');
		}
		const deny = statements.find((s) => s['Effect'] === 'Deny');
		expect(deny?.['Condition']).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
	});

	it('serves over HTTPS only, with HTTP/2 and 3, compression and origin access control', () => {
		const config = props('Distribution')['DistributionConfig'] as Json;
		const behavior = config['DefaultCacheBehavior'] as Json;
		expect(config['HttpVersion']).toBe('http2and3');
		expect(behavior['ViewerProtocolPolicy']).toBe('redirect-to-https');
		expect(behavior['Compress']).toBe(true);
		expect(JSON.stringify(config['Origins'])).toContain('SiteOriginAccessControl');
		expect(JSON.stringify(behavior['ResponseHeadersPolicyId'])).toContain('SecurityHeadersPolicy');
	});

	it.each([
		['/', '/index.html'],
		['/callback', '/index.html'],
		['/games/fedplay/callback', '/index.html'],
		['/index.html', '/index.html'],
		['/config.json', '/config.json'],
		['/assets/index-3f9a1c2b.js', '/assets/index-3f9a1c2b.js'],
		['/assets/missing-00000000.js', '/assets/missing-00000000.js'],
	])('routes %s to %s (app routes get index.html; files stay files for real 404s)', (uri, to) => {
		const code = props('SpaRoutingFunction')['FunctionCode'] as string;
		const handler = runInNewContext(`${code}; handler`) as (event: Json) => { uri: string };
		expect(handler({ request: { uri } }).uri).toBe(to);
	});

	it('sends a strict CSP, HSTS, no framing and no referrer', () => {
		const headers = securityHeaders({
			providers: ['https://accounts.google.com'],
			aws: ['https://sts.eu-west-1.amazonaws.com'],
		});
		const csp = headers['content-security-policy']!;
		const directive = (name: string) =>
			csp
				.split(';')
				.map((d) => d.trim())
				.find((d) => d.startsWith(`${name} `));
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*;|data: https:/);
		expect(directive('default-src')).toBe("default-src 'none'");
		expect(directive('script-src')).toBe("script-src 'self'");
		expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
		expect(directive('connect-src')).toBe(
			"connect-src 'self' https://accounts.google.com https://sts.eu-west-1.amazonaws.com",
		);
		expect(headers['strict-transport-security']).toMatch(/^max-age=63072000; includeSubDomains/);
		expect(headers['referrer-policy']).toBe('no-referrer');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
	});

	it('lets the app frame the silent renew page, and no other page', () => {
		const config = props('Distribution')['DistributionConfig'] as Json;
		const behaviors = config['CacheBehaviors'] as Json[];
		expect(behaviors).toHaveLength(1);
		const silent = behaviors[0]!;
		const fallback = config['DefaultCacheBehavior'] as Json;
		expect(silent['PathPattern']).toBe('/silent-callback.html');
		expect(silent['ResponseHeadersPolicyId']).toEqual({ Ref: 'SilentCallbackHeadersPolicy' });
		for (const key of ['CachePolicyId', 'ViewerProtocolPolicy', 'TargetOriginId', 'AllowedMethods'])
			expect(silent[key]).toEqual(fallback[key]);

		const sources = {
			providers: ['https://accounts.google.com'],
			aws: ['https://sts.amazonaws.com'],
		};
		const site = securityHeaders(sources);
		const page = securityHeaders(sources, 'silent-callback');
		expect(page['content-security-policy']).toBe(
			site['content-security-policy']!.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
		);
		expect(page['content-security-policy']).toContain("frame-ancestors 'self';");
		expect(page['x-frame-options']).toBe('SAMEORIGIN');
		expect({ ...page, 'content-security-policy': '', 'x-frame-options': '' }).toEqual({
			...site,
			'content-security-policy': '',
			'x-frame-options': '',
		});
		// The app may frame the providers (the silent renew) and the page their answer lands on.
		expect(site['content-security-policy']).toContain(
			"frame-src 'self' https://accounts.google.com;",
		);
	});

	it('limits connect-src in production to the providers and this region’s AWS endpoints', () => {
		const raw = JSON.stringify(props('SecurityHeadersPolicy'));
		expect(raw).toContain('https://sts.${AWS::Region}.amazonaws.com');
		expect(raw).toContain('https://dynamodb.${AWS::Region}.amazonaws.com');
		expect(raw).toContain('https://*.s3.${AWS::Region}.amazonaws.com');
		expect(raw).not.toMatch(/https:\/\/\*\.amazonaws\.com|https:\/\/\*[ ";]/);
	});

	it('allows CORS on the data bucket for exactly the site origin', () => {
		const [rule] = (props('GameDataBucket')['CorsConfiguration'] as { CorsRules: Json[] })
			.CorsRules;
		const origins = JSON.stringify(rule!['AllowedOrigins']);
		expect(origins).not.toContain('"*"');
		expect(origins).toContain('https://${DomainName}');
		expect(origins).toContain('https://${Distribution.DomainName}');
		expect(rule!['AllowedMethods']).toEqual(['GET', 'PUT', 'DELETE', 'HEAD']);
		expect(rule!['AllowedHeaders']).not.toContain('*');
	});

	it('keeps scores on demand with point-in-time recovery', () => {
		expect(props('ScoresTable')['BillingMode']).toBe('PAY_PER_REQUEST');
		expect(props('ScoresTable')['PointInTimeRecoverySpecification']).toEqual({
			PointInTimeRecoveryEnabled: true,
		});
	});

	it('outputs everything the deploy turns into config.json', () => {
		for (const key of [
			'PlayerRoleArn',
			'PlayerRoleDataSegment',
			'SecondPlayerRoleDataSegment',
			'GameDataBucketName',
			'ScoresTableName',
			'SiteBucketName',
			'DistributionId',
			'SiteUrl',
			'RedirectUri',
		]) {
			expect(template.Outputs).toHaveProperty(key);
		}
	});
});

/** The roles and managed policies as the sandbox resolves them, for a deployed-like account and two providers. */
const infra = loadInfra({
	accountId: '111122223333',
	region: 'eu-west-1',
	providers: [
		{ url: 'https://accounts.google.com', clientId: 'web-client' },
		{ url: 'https://login.example.com/tenant', clientId: 'second-client' },
	],
	bucketName: 'data-bucket',
	tableName: 'GameScores',
});

describe('the player roles, as the sandbox loads them from the template', () => {
	const hostOf = (role: (typeof infra.roles)[number]) =>
		role.logicalId === 'PlayerRole' ? 'accounts.google.com' : 'login.example.com/tenant';
	const players = infra.roles.filter((role) => role.logicalId !== 'TournamentRole');

	it.each(players.map((r) => [r.name, r] as const))(
		'role %s trusts only its provider, with a condition on aud, and refuses a sub or a team with a /',
		(_, role) => {
			const statements = role.trustPolicy.document.Statement;
			const host = hostOf(role);
			expect(statements).toHaveLength(1);
			const [statement] = statements;
			// Tokens carry session tags and a source identity: without these two, sign-in fails.
			expect(statement!.Action).toEqual([
				'sts:AssumeRoleWithWebIdentity',
				'sts:TagSession',
				'sts:SetSourceIdentity',
			]);
			expect(JSON.stringify(statement!.Principal)).toContain(`oidc-provider/${host}`);
			expect(statement!.Condition?.['StringEquals']).toHaveProperty(`${host}:aud`);
			// A team names a folder (teams/<team>/): one with a / (or none at all) would share another's.
			expect(statement!.Condition?.['StringNotLike']).toEqual({
				[`${host}:sub`]: ['*/*'],
				'aws:RequestTag/team': ['*/*', ''],
			});
		},
	);

	it('gives each player role its own literal data segment, oidc1 and oidc2 (README, Security model)', () => {
		expect(infra.roles.map((r) => [r.logicalId, r.dataSegment])).toEqual([
			['PlayerRole', 'oidc1'],
			['SecondPlayerRole', 'oidc2'],
			['TournamentRole', undefined],
		]);
	});

	it.each(players.map((r) => [r.name, r] as const))(
		'role %s scopes every data statement to the player’s own prefix or partition',
		(_, role) => {
			const sub = `\${${hostOf(role)}:sub}`;
			const own = `${role.dataSegment}/${sub}`;
			for (const policy of role.permissionPolicies) {
				for (const s of policy.document.Statement) {
					expect(s.Effect).toBe('Allow');
					const actions = [s.Action ?? []].flat();
					const resources = [s.Resource ?? []].flat();
					const condition = JSON.stringify(s.Condition ?? {});
					if (s.Sid === 'TeamBoard') {
						// The team board is keyed by the session tag alone (issue 16), never by sub.
						expect(actions).toEqual(['s3:GetObject', 's3:PutObject']);
						expect(resources).toEqual([
							'arn:aws:s3:::data-bucket/teams/${aws:PrincipalTag/team}/board.json',
						]);
					} else if (s.Sid === 'ReadTournamentResults') {
						expect(actions).toEqual(['s3:GetObject']);
						expect(resources).toEqual(['arn:aws:s3:::data-bucket/tournament/results.json']);
					} else if (s.Sid === 'ListSharedObjects') {
						// Whether the team board or the results exist, without a read that fails: a listing of
						// exactly those keys and nothing else (issue 17).
						expect(actions).toEqual(['s3:ListBucket']);
						expect(resources).toEqual(['arn:aws:s3:::data-bucket']);
						expect(s.Condition).toEqual({
							StringEquals: {
								's3:prefix': [
									'teams/${aws:PrincipalTag/team}/board.json',
									'tournament/results.json',
								],
							},
						});
					} else if (s.Sid === 'AskForTheTournamentRole') {
						expect(actions).toEqual(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
						expect(resources).toEqual(['arn:aws:iam::111122223333:role/fedplay-tournament']);
					} else if (actions.some((a) => a.startsWith('sts:'))) {
						// sts:GetCallerIdentity needs no permission (AWS), so no statement grants it.
						expect(actions).toEqual(['sts:DecodeAuthorizationMessage']);
					} else if (actions.includes('s3:ListBucket')) {
						expect(resources).toEqual(['arn:aws:s3:::data-bucket']);
						expect(s.Condition).toEqual({
							StringLike: { 's3:prefix': [`players/${own}/`, `players/${own}/*`] },
						});
					} else if (actions.some((a) => a.startsWith('s3:'))) {
						expect(resources).toEqual([`arn:aws:s3:::data-bucket/players/${own}/*`]);
					} else if (resources.every((r) => r.endsWith('/index/GameTitleIndex'))) {
						expect(actions).toEqual(['dynamodb:Query']);
						expect(condition).toContain('SPECIFIC_ATTRIBUTES');
						expect(condition).not.toContain('UserId');
					} else {
						expect(resources).toEqual(['arn:aws:dynamodb:eu-west-1:111122223333:table/GameScores']);
						expect(condition).toContain(
							`"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${own}"]}`,
						);
						// ForAllValues is true on an absent key: a request without a partition key must not pass.
						expect(condition).toContain('"Null":{"dynamodb:LeadingKeys":["false"]}');
						expect(actions).not.toContain('dynamodb:Scan');
					}
				}
			}
		},
	);

	const statements = infra.roles.flatMap((role) =>
		[role.trustPolicy, ...role.permissionPolicies].flatMap((policy) =>
			policy.document.Statement.map((s) => [`${role.logicalId} ${s.Sid ?? ''}`, s] as const),
		),
	);

	// IAM User Guide, "Set operators for multivalued context keys": ForAllValues also returns true when the
	// request has no such key, so each one needs `"Null": {key: "false"}` beside it (ForAnyValue is false
	// then, and needs none).
	const guarded = statements.flatMap(([name, s]) =>
		Object.entries(s.Condition ?? {})
			.filter(([operator]) => operator.startsWith('ForAllValues:'))
			.flatMap(([, block]) => Object.keys(block))
			.map((key) => [name, key, s.Condition?.['Null']?.[key]] as const),
	);

	it.each(guarded)('%s guards its ForAllValues key %s against absence', (_, __, nullGuard) => {
		expect(nullGuard).toEqual(['false']);
	});

	it('guards the leaderboard’s attribute list in both player roles', () => {
		const leaderboards = statements.filter(([, s]) => s.Sid === 'Leaderboard');
		expect(leaderboards.map(([name]) => name)).toEqual([
			'PlayerRole Leaderboard',
			'SecondPlayerRole Leaderboard',
		]);
		for (const [, s] of leaderboards)
			expect(s.Condition?.['Null']).toEqual({ 'dynamodb:Attributes': ['false'] });
	});
});

describe('the tournament role and the managed session policies, as the sandbox loads them', () => {
	const tournament = infra.roles.find((role) => role.logicalId === 'TournamentRole')!;

	it('trusts only the player roles’ sessions tagged role=organizer, delegating to their own policies', () => {
		const [statement, ...more] = tournament.trustPolicy.document.Statement;
		expect(more).toEqual([]);
		// Naming the account (not the roles) makes the player roles' own policies decide too (delegation).
		expect(statement!.Principal).toEqual({ AWS: ['arn:aws:iam::111122223333:root'] });
		expect(statement!.Action).toEqual([
			'sts:AssumeRole',
			'sts:TagSession',
			'sts:SetSourceIdentity',
		]);
		expect(statement!.Condition).toEqual({
			ArnEquals: {
				'aws:PrincipalArn': [
					'arn:aws:iam::111122223333:role/fedplay-player',
					'arn:aws:iam::111122223333:role/fedplay-player-arcade',
				],
			},
			StringEquals: { 'aws:PrincipalTag/role': ['organizer'] },
		});
	});

	it('lasts at most an hour and may only publish the results object', () => {
		expect(tournament.maxSessionDuration).toBe(3600);
		const grants = tournament.permissionPolicies.flatMap((p) => p.document.Statement);
		expect(grants.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
			[
				'PublishResults',
				['s3:GetObject', 's3:PutObject'],
				['arn:aws:s3:::data-bucket/tournament/results.json'],
			],
			['ListSharedObjects', ['s3:ListBucket'], ['arn:aws:s3:::data-bucket']],
			['DecodeWhyDenied', ['sts:DecodeAuthorizationMessage'], ['*']],
		]);
		expect(grants[1]!.Condition).toEqual({
			StringEquals: { 's3:prefix': ['tournament/results.json'] },
		});
	});

	it('defines two named customer managed policies, for PolicyArns, that grant no delete', () => {
		expect(infra.managedPolicies.map((p) => p.arn)).toEqual([
			'arn:aws:iam::111122223333:policy/fedplay-sandbox-read-only-game-data',
			'arn:aws:iam::111122223333:policy/fedplay-sandbox-game-data-no-deletes',
		]);
		for (const { policy } of infra.managedPolicies) {
			expect(policy.type).toBe('session');
			const actions = policy.document.Statement.flatMap((s) => [s.Action ?? []].flat());
			expect(actions.filter((a) => /Delete|\*/.test(a))).toEqual([]);
		}
		const readOnly = infra.managedPolicies[0]!.policy.document.Statement;
		const writes = readOnly
			.flatMap((s) => [s.Action ?? []].flat())
			.filter((a) => /Put|Update/.test(a));
		expect(writes).toEqual([]);
	});

	it('outputs the tournament role and the policies for config.json', () => {
		for (const key of [
			'TournamentRoleArn',
			'ReadOnlyGameDataPolicyArn',
			'NoDeletesGameDataPolicyArn',
		])
			expect(template.Outputs).toHaveProperty(key);
	});
});
