import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identityPoolIdFor } from '../../../src/lib/infra/identity-pool-id';
import { readTemplate } from '../../../src/lib/infra/template-reader';
import {
	TemplateResolver,
	type Template,
	type TemplateValues,
} from '../../../src/lib/infra/template-resolver';

/* The template's identity pool, read with src/lib/infra as the sandbox and the inspector read it. */

const template = JSON.parse(
	readFileSync(new URL('../../../infra/fedplay.template.json', import.meta.url), 'utf8'),
) as Template;

const values = (parameters: Record<string, string> = {}, more: Partial<TemplateValues> = {}) => ({
	accountId: '111122223333',
	region: 'eu-west-1',
	providers: [{ url: 'https://accounts.google.com', clientId: 'web-client' }],
	bucketName: 'data-bucket',
	tableName: 'GameScores',
	stackName: 'fedplay',
	parameters,
	...more,
});

const withPool = (extra: Record<string, string> = {}) =>
	readTemplate(template, values({ CreateIdentityPool: 'true', ...extra }));

describe('identityPoolIdFor', () => {
	const base = {
		accountId: '123456789012',
		region: 'us-east-1',
		stackName: 'fedplay',
		logicalId: 'IdentityPool',
	};

	it('gives a REGION:GUID that Cognito’s model accepts, a version 8 UUID', () => {
		const id = identityPoolIdFor(base);
		expect(id).toMatch(
			/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(id).toMatch(/^[\w-]+:[0-9a-f-]+$/);
		expect(id.length).toBeLessThanOrEqual(55);
	});

	it('is the same for the same names, every time', () => {
		expect(identityPoolIdFor({ ...base })).toBe(identityPoolIdFor(base));
	});

	it.each([
		['accountId', '210987654321'],
		['region', 'eu-west-1'],
		['stackName', 'fedplay-sandbox'],
		['logicalId', 'SecondIdentityPool'],
		['stackName', 'fedplaz'],
	])('changes with the %s (%s)', (field, value) => {
		const other = identityPoolIdFor({ ...base, [field]: value });
		expect(other).not.toBe(identityPoolIdFor(base));
		// The GUIDs differ in most digits, not only in one.
		const a = identityPoolIdFor(base).split(':')[1]!;
		const b = other.split(':')[1]!;
		const same = [...a].filter((c, i) => c === b[i]).length;
		expect(same).toBeLessThan(20);
	});
});

describe('the identity pool, as the template reader reads it', () => {
	it('is left out unless CreateIdentityPool is true (the deploy default)', () => {
		const read = readTemplate(template, values());
		expect(read.identityPools).toEqual([]);
		expect(read.roles.map((r) => r.logicalId)).not.toContain('CognitoPlayerRole');
	});

	it('has the deterministic id, a name, its switches, the first provider and both roles', () => {
		const [pool] = withPool({
			IdentityPoolAllowGuests: 'true',
			IdentityPoolAllowClassicFlow: 'true',
		}).identityPools;
		expect(pool).toEqual({
			logicalId: 'IdentityPool',
			id: identityPoolIdFor({
				accountId: '111122223333',
				region: 'eu-west-1',
				stackName: 'fedplay',
				logicalId: 'IdentityPool',
			}),
			name: 'fedplay-players',
			allowUnauthenticatedIdentities: true,
			allowClassicFlow: true,
			openIdConnectProviderArns: ['arn:aws:iam::111122223333:oidc-provider/accounts.google.com'],
			roles: {
				authenticated: 'arn:aws:iam::111122223333:role/fedplay-cognito-player',
				unauthenticated: 'arn:aws:iam::111122223333:role/fedplay-cognito-guest',
			},
			dataSegment: 'cognito',
		});
	});

	it('has no guest role when guests are not allowed, and a developer provider only when named', () => {
		const read = withPool({ IdentityPoolDeveloperProviderName: 'login.example.backend' });
		const [pool] = read.identityPools;
		expect(pool).toMatchObject({
			allowUnauthenticatedIdentities: false,
			allowClassicFlow: false,
			developerProviderName: 'login.example.backend',
			roles: { authenticated: 'arn:aws:iam::111122223333:role/fedplay-cognito-player' },
		});
		expect(pool!.roles).not.toHaveProperty('unauthenticated');
		expect(read.roles.map((r) => r.logicalId)).not.toContain('CognitoGuestRole');
		expect(withPool().identityPools[0]).not.toHaveProperty('developerProviderName');
	});

	it('takes a deployed pool’s real id, in the pool and in the trust policies that name it', () => {
		const real = 'eu-west-1:3f2a7b1c-0000-4000-8000-1234567890ab';
		const read = readTemplate(
			template,
			values({ CreateIdentityPool: 'true' }, { identityPoolIds: { IdentityPool: real } }),
		);
		expect(read.identityPools[0]!.id).toBe(real);
		const player = read.roles.find((r) => r.logicalId === 'CognitoPlayerRole')!;
		expect(JSON.stringify(player.trustPolicy)).toContain(
			`"cognito-identity.amazonaws.com:aud":"${real}"`,
		);
	});
});

type Statement = {
	Sid?: string;
	Action?: string | string[];
	Resource?: unknown;
	Condition?: Record<string, Record<string, unknown>>;
};

describe('the Cognito roles (least privilege, LAYOUT.md segment cognito)', () => {
	const read = withPool({ IdentityPoolAllowGuests: 'true' });
	const pool = read.identityPools[0]!;
	const role = (id: string) => read.roles.find((r) => r.logicalId === id)!;
	const statements = (id: string) =>
		(role(id).permissionPolicies[0]!.document as { Statement: Statement[] }).Statement;
	const own = 'cognito/${cognito-identity.amazonaws.com:sub}';

	it.each([
		['CognitoPlayerRole', 'authenticated'],
		['CognitoGuestRole', 'unauthenticated'],
	])('%s trusts only %s identities of this pool, never an identity with a /', (id, amr) => {
		expect(role(id).trustPolicy).toEqual({
			Version: '2012-10-17',
			Statement: [
				{
					Sid: expect.any(String),
					Effect: 'Allow',
					Principal: { Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRoleWithWebIdentity',
					Condition: {
						StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.id },
						'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
						StringNotLike: { 'cognito-identity.amazonaws.com:sub': '*/*' },
					},
				},
			],
		});
	});

	it.each(['CognitoPlayerRole', 'CognitoGuestRole'])(
		'%s scopes every S3 and DynamoDB statement to the identity’s own folder or partition',
		(id) => {
			for (const s of statements(id)) {
				const actions = [s.Action].flat().join(' ');
				const text = JSON.stringify(s);
				if (actions.includes('s3:ListBucket'))
					expect(s.Condition).toEqual({
						StringLike: { 's3:prefix': [`players/${own}/`, `players/${own}/*`] },
					});
				else if (actions.includes('s3:'))
					expect(s.Resource).toBe(`arn:aws:s3:::data-bucket/players/${own}/*`);
				else if (s.Sid === 'Leaderboard') expect(text).toContain('SPECIFIC_ATTRIBUTES');
				else if (actions.includes('dynamodb:')) {
					expect(s.Condition?.['ForAllValues:StringEquals']?.['dynamodb:LeadingKeys']).toEqual([
						own,
					]);
					expect(s.Condition?.['Null']?.['dynamodb:LeadingKeys']).toBe('false');
				} else expect(actions).toBe('sts:DecodeAuthorizationMessage');
				expect(actions).not.toContain('dynamodb:Scan');
			}
		},
	);

	it('lets a guest write only attributes that keep its items off GameTitleIndex', () => {
		const writes = statements('CognitoGuestRole').find(
			(s) => s.Sid === 'WriteOwnScoresOffTheLeaderboard',
		)!;
		const attributes = writes.Condition?.['ForAllValues:StringEquals']?.[
			'dynamodb:Attributes'
		] as string[];
		expect(attributes).toContain('GuestTopScore');
		expect(attributes).not.toContain('TopScore');
		expect(attributes).not.toContain('TopScoreDateTime');
		expect(writes.Condition?.['Null']).toEqual({
			'dynamodb:LeadingKeys': 'false',
			'dynamodb:Attributes': 'false',
		});
		// Every other guest statement that reaches the table only reads.
		const others = statements('CognitoGuestRole').filter((s) => s !== writes);
		const actions = others
			.flatMap((s) => [s.Action].flat())
			.filter((a) => String(a).startsWith('dynamodb:'));
		expect(actions.sort()).toEqual(
			[
				'dynamodb:BatchGetItem',
				'dynamodb:ConditionCheckItem',
				'dynamodb:GetItem',
				'dynamodb:Query',
				'dynamodb:Query',
			].sort(),
		);
	});
});

describe('the site’s CSP with an identity pool', () => {
	const directive = (name: string, parameters: Record<string, string>) => {
		const resolver = new TemplateResolver(template, values(parameters));
		const id = 'SecurityHeadersPolicy';
		const props = resolver.properties(id, template.Resources[id]!) as {
			ResponseHeadersPolicyConfig: {
				SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
			};
		};
		return props.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy.split(
			';',
		)
			.map((d) => d.trim().replace(/\s+/g, ' '))
			.find((d) => d.startsWith(`${name} `));
	};

	it('lets the app call the region’s Cognito Identity, and only when the stack has a pool', () => {
		expect(directive('connect-src', { CreateIdentityPool: 'true' })).toContain(
			' https://cognito-identity.eu-west-1.amazonaws.com',
		);
		expect(directive('connect-src', {})).not.toContain('cognito-identity');
		expect(directive('frame-src', { CreateIdentityPool: 'true' })).not.toContain('cognito');
	});
});
