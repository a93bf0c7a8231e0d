import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInfra, type InfraOptions } from '../../../sandbox/infra';
import { TemplateResolver, type Template } from '../../../src/lib/infra/template-resolver';

/* The template's Login with Amazon role (issue 15), read as the sandbox reads it, for a deployed-like account:
 * present only with an AmazonAppId, trusting www.amazon.com for that app alone, and granting the player's own
 * data by ${www.amazon.com:user_id} under the `amazon` segment — and no team board, which needs a session tag
 * an access token cannot carry. Plus the CSP: the browser fetches Login with Amazon's API, never frames it. */

const APP_ID = 'amzn1.application.0123456789abcdef0123456789abcdef';
const options: InfraOptions = {
	accountId: '111122223333',
	region: 'eu-west-1',
	providers: [{ url: 'https://accounts.google.com', clientId: 'web-client' }],
	bucketName: 'data-bucket',
	tableName: 'GameScores',
};
const template = JSON.parse(
	readFileSync(new URL('../../../infra/fedplay.template.json', import.meta.url), 'utf8'),
) as Template;

const amazonRole = (amazonAppId?: string) =>
	loadInfra({ ...options, ...(amazonAppId === undefined ? {} : { amazonAppId }) }).roles.find(
		(role) => role.logicalId === 'AmazonPlayerRole',
	);

describe('the Login with Amazon role', () => {
	it('exists only when AmazonAppId is set', () => {
		expect(amazonRole()).toBeUndefined();
		expect(amazonRole('')).toBeUndefined();
		expect(amazonRole(APP_ID)).toMatchObject({
			name: 'fedplay-player-amazon',
			arn: 'arn:aws:iam::111122223333:role/fedplay-player-amazon',
			dataSegment: 'amazon',
		});
	});

	it('trusts www.amazon.com for this app only, refusing a user id with a slash, and no tags', () => {
		const statements = amazonRole(APP_ID)!.trustPolicy.document.Statement;
		expect(statements).toHaveLength(1);
		expect(statements[0]).toMatchObject({
			Effect: 'Allow',
			Principal: { Federated: ['www.amazon.com'] },
			// An access token carries no session tags and no source identity: nothing else to allow.
			Action: ['sts:AssumeRoleWithWebIdentity'],
			Condition: {
				StringEquals: { 'www.amazon.com:app_id': [APP_ID] },
				StringNotLike: { 'www.amazon.com:user_id': ['*/*'] },
			},
		});
	});

	it('grants the player’s own data, the leaderboard and the results; no team board, no tournament role', () => {
		const own = 'amazon/${www.amazon.com:user_id}';
		const grants = amazonRole(APP_ID)!.permissionPolicies.flatMap((p) => p.document.Statement);
		const bySid = Object.fromEntries(grants.map((s) => [s.Sid, s]));
		expect(Object.keys(bySid)).toEqual([
			'OwnObjects',
			'ListOwnPrefix',
			'OwnScores',
			'Leaderboard',
			'DecodeWhyDenied',
			'ReadTournamentResults',
			'ListSharedObjects',
		]);
		expect(bySid['ListSharedObjects']!.Condition).toEqual({
			StringEquals: { 's3:prefix': ['tournament/results.json'] },
		});
		expect(bySid['OwnObjects']!.Resource).toEqual([`arn:aws:s3:::data-bucket/players/${own}/*`]);
		expect(bySid['ListOwnPrefix']!.Condition).toEqual({
			StringLike: { 's3:prefix': [`players/${own}/`, `players/${own}/*`] },
		});
		expect(bySid['OwnScores']!.Condition).toEqual({
			'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [own] },
			Null: { 'dynamodb:LeadingKeys': ['false'] },
		});
		expect(bySid['OwnScores']!.Action).not.toContain('dynamodb:Scan');
		expect(bySid['Leaderboard']!.Condition?.['Null']).toEqual({ 'dynamodb:Attributes': ['false'] });
		expect(JSON.stringify(grants)).not.toContain('PrincipalTag');
	});

	it('is named in the outputs the deploy reads, only with the app id', () => {
		const resolver = (amazonAppId: string) =>
			new TemplateResolver(template, { ...options, amazonAppId });
		expect(resolver(APP_ID).output('AmazonPlayerRoleDataSegment')).toBe('amazon');
		expect(resolver(APP_ID).output('AmazonPlayerRoleArn')).toBe(
			'arn:aws:iam::111122223333:role/fedplay-player-amazon',
		);
		expect(resolver('').output('AmazonPlayerRoleArn')).toBeUndefined();
	});

	it('refuses an app id that is not Login with Amazon’s shape', () => {
		const pattern = new RegExp(
			(template.Parameters!['AmazonAppId'] as { AllowedPattern: string }).AllowedPattern,
		);
		expect(pattern.test(APP_ID)).toBe(true);
		expect(pattern.test('')).toBe(true);
		for (const bad of ['amzn1.application-oa2-client.abc', 'amzn1.application.', 'x', `${APP_ID} `])
			expect(pattern.test(bad)).toBe(false);
	});
});

describe('the site’s CSP with Login with Amazon', () => {
	const csp = (amazonAppId: string) => {
		const resolver = new TemplateResolver(template, { ...options, amazonAppId });
		const resource = template.Resources['SecurityHeadersPolicy']!;
		const props = resolver.properties('SecurityHeadersPolicy', resource) as {
			ResponseHeadersPolicyConfig: {
				SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
			};
		};
		const text =
			props.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
				.ContentSecurityPolicy;
		return (name: string) =>
			text
				.split(';')
				.map((d) => d.trim().replace(/\s+/g, ' '))
				.find((d) => d.startsWith(`${name} `));
	};

	it('lets the app fetch the token and profile endpoints (api.amazon.com), never frame them', () => {
		const directive = csp(APP_ID);
		expect(directive('connect-src')).toBe(
			"connect-src 'self' https://accounts.google.com https://api.amazon.com https://sts.eu-west-1.amazonaws.com https://dynamodb.eu-west-1.amazonaws.com https://s3.eu-west-1.amazonaws.com https://*.s3.eu-west-1.amazonaws.com",
		);
		expect(directive('frame-src')).toBe("frame-src 'self' https://accounts.google.com");
	});

	it('names no Amazon origin without the app id', () => {
		expect(csp('')('connect-src')).not.toContain('amazon.com ');
		expect(csp('')('connect-src')).not.toContain('api.amazon.com');
	});
});
