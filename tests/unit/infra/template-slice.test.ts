import { readFileSync } from 'node:fs';
import inspectorTemplate from 'virtual:inspector-template';
import { describe, expect, it } from 'vitest';
import { readTemplate, type TemplateResources } from '../../../src/lib/infra/template-reader';
import type { Template, TemplateValues } from '../../../src/lib/infra/template-resolver';
import { templateSlice } from '../../../src/lib/infra/template-slice';

/*
 * The inspector ships a slice of the template (vite.config.ts): read with the same reader, the slice must
 * answer exactly as the whole template does, for every set of values the template can be deployed with.
 */

const text = readFileSync(new URL('../../../infra/fedplay.template.json', import.meta.url), 'utf8');
const template = JSON.parse(text) as Template;

const base: TemplateValues = {
	accountId: '123456789012',
	region: 'us-east-1',
	providers: [{ url: 'http://localhost:4000', clientId: 'fedplay-web' }],
	bucketName: 'fedplay-game-data',
	tableName: 'GameScores',
};
const second = { url: 'https://accounts.example.com/tenant', clientId: 'arcade' };
const VALUES: [string, TemplateValues][] = [
	['one provider', base],
	['two providers', { ...base, providers: [...base.providers, second] }],
	['Login with Amazon', { ...base, amazonAppId: 'amzn1.application.0123456789abcdef' }],
	[
		'an identity pool with guests, classic flow and developer identities',
		{
			...base,
			accountId: '111122223333',
			region: 'eu-west-1',
			stackName: 'prod',
			parameters: {
				CreateIdentityPool: 'true',
				IdentityPoolAllowGuests: 'true',
				IdentityPoolAllowClassicFlow: 'true',
				IdentityPoolDeveloperProviderName: 'login.fedplay.dev',
			},
		},
	],
	[
		'a deployed pool and renamed roles',
		{
			...base,
			providers: [...base.providers, second],
			identityPoolIds: { IdentityPool: 'us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201' },
			parameters: {
				CreateIdentityPool: 'true',
				PlayerRoleName: 'team-player',
				MaxSessionDurationSeconds: '7200',
			},
		},
	],
];
const ALL: (keyof TemplateResources)[] = [
	'oidcProviders',
	'identityPools',
	'roles',
	'managedPolicies',
	'tables',
];

describe('templateSlice', () => {
	it.each(VALUES)('answers every part as the whole template does (%s)', (_name, values) => {
		const whole = readTemplate(template, values);
		expect(readTemplate(templateSlice(template, ALL), values)).toEqual(whole);
		// The data the values switch on is really there: not two empty answers that agree.
		expect(whole.roles.length).toBeGreaterThan(1);
		expect(whole.tables).toHaveLength(1);
	});

	it.each(VALUES)(
		"answers the inspector's roles and table as the whole does (%s)",
		(_name, values) => {
			const whole = readTemplate(template, values);
			const slice = readTemplate(templateSlice(template, ['roles', 'tables']), values);
			expect(slice.roles).toEqual(whole.roles);
			expect(slice.tables).toEqual(whole.tables);
			expect(slice.roles.some((role) => role.dataSegment)).toBe(true);
		},
	);

	it('is what the inspector bundles (virtual:inspector-template)', () => {
		expect(inspectorTemplate).toEqual(templateSlice(template, ['roles', 'tables']));
	});

	it('leaves out what the inspector never reads: CloudFront, outputs, descriptions', () => {
		const slice = JSON.stringify(inspectorTemplate);
		for (const absent of [
			'DistributionConfig',
			'ResponseHeadersPolicyConfig',
			'SiteUrl',
			'Description',
		])
			expect(slice).not.toContain(absent);
		expect(slice).toContain('PlayerRoleDataSegment');
		expect(slice.length).toBeLessThan(text.length / 2);
	});

	it('still fails where the whole template fails: a parameter without a value', () => {
		const { Default: _, ...noDefault } = template.Parameters!['ScoresTableName']!;
		void _;
		const broken = {
			...template,
			Parameters: { ...template.Parameters, Extra: noDefault },
		};
		expect(() => readTemplate(broken, base)).toThrow('template parameter Extra has no value');
		expect(() => readTemplate(templateSlice(broken, ['roles']), base)).toThrow(
			'template parameter Extra has no value',
		);
	});
});
