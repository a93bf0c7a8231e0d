import { describe, expect, it } from 'vitest';
import { loadInfra } from '../../../sandbox/infra';
import { parsePolicy } from '../../../src/lib/iam';
import { knownPolicySet, roleFromTemplate } from '../../../src/lib/inspector/role-policies';

const providers = [
	{ url: 'http://localhost:4000', clientId: 'fedplay-web' },
	{ url: 'http://localhost:4001', clientId: 'fedplay-web' },
];
const config = {
	accountId: '123456789012',
	region: 'us-east-1',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers: providers.map((p, i) => ({
		id: `p${i}`,
		displayName: `P${i}`,
		issuer: p.url,
		clientId: p.clientId,
		scopes: 'openid',
		roleArn: `arn:aws:iam::123456789012:role/${i === 0 ? 'fedplay-player' : 'fedplay-player-arcade'}`,
		dataSegment: `oidc${i + 1}`,
	})),
};
// The sandbox's Node resolver is the reference: the browser must resolve the very same documents.
const sandbox = loadInfra({
	accountId: config.accountId,
	region: config.region,
	providers,
	bucketName: config.bucket,
	tableName: config.table,
});

describe('roleFromTemplate (the browser port of the template resolver)', () => {
	it.each(sandbox.roles.map((role) => [role.arn, role] as const))(
		'resolves %s exactly as the sandbox does',
		(arn, reference) => {
			const role = roleFromTemplate(config, arn);
			expect(role?.name).toBe(reference.name);
			expect(parsePolicy(role?.trustPolicy, 'trust', 'trust').document).toEqual(
				reference.trustPolicy.document,
			);
			expect(role?.permissionPolicies.map((p) => p.name)).toEqual(
				reference.permissionPolicies.map((p) => p.name),
			);
			const parsed = knownPolicySet(role, null).identity.map((p) => p.document);
			expect(parsed).toEqual(reference.permissionPolicies.map((p) => p.document));
		},
	);

	it("fills each provider's own host into its role's policy variables", () => {
		const arcade = JSON.stringify(roleFromTemplate(config, config.providers[1]!.roleArn));
		expect(arcade).toContain('players/oidc2/${localhost:4001:sub}/*');
		expect(arcade).not.toContain('localhost:4000');
	});

	it('leaves out the second role when only one provider is configured', () => {
		const one = { ...config, providers: config.providers.slice(0, 1) };
		expect(roleFromTemplate(one, config.providers[1]!.roleArn)).toBeNull();
		expect(roleFromTemplate(one, config.providers[0]!.roleArn)?.name).toBe('fedplay-player');
	});

	it('takes the account from the role ARN when the config has none', () => {
		const { accountId: _, ...noAccount } = config;
		void _;
		const role = roleFromTemplate(noAccount, config.providers[0]!.roleArn);
		expect(JSON.stringify(role?.trustPolicy)).toContain(
			'arn:aws:iam::123456789012:oidc-provider/localhost:4000',
		);
	});

	it('adds a session policy that parses, and skips one that does not', () => {
		const role = roleFromTemplate(config, config.providers[0]!.roleArn);
		const good =
			'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
		expect(knownPolicySet(role, good).session?.[0]?.type).toBe('session');
		expect(knownPolicySet(role, '{not json').session).toBeUndefined();
	});
});
