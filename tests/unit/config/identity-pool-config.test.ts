import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';

/* An identity pool entry among config.json's providers (README, "Configuration"). */

const oidc = {
	id: 'fedplay-id',
	displayName: 'Fedplay ID',
	issuer: 'http://localhost:4000',
	clientId: 'fedplay-web',
	scopes: 'openid profile email',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	dataSegment: 'oidc1',
};

const pool = (over: Record<string, unknown> = {}) => ({
	...oidc,
	id: 'fedplay-id-pool',
	displayName: 'Fedplay ID via Amazon Cognito',
	identityPoolId: 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9',
	flow: 'enhanced',
	loginsKey: 'localhost:4000',
	allowGuests: true,
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-player',
	guestRoleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-guest',
	dataSegment: 'cognito',
	...over,
});

const config = (...providers: object[]) => ({
	region: 'us-east-1',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers,
});

function issuesOf(input: unknown) {
	const result = parseConfig(input);
	if (result.ok) throw new Error('expected the config to be refused');
	return result.issues.map(({ path, expected }) => ({ path, expected }));
}

describe('an identity pool entry', () => {
	it('is read apart from the direct providers', () => {
		const result = parseConfig(config(oidc, pool()));
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.config.providers).toEqual([oidc]);
		expect(result.config.identityPools).toEqual([pool()]);
	});

	it('without a guest role, for a pool that allows no guests', () => {
		const entry = pool({ allowGuests: false });
		delete (entry as Record<string, unknown>)['guestRoleArn'];
		const result = parseConfig(config(oidc, entry));
		expect(result.ok && result.config.identityPools).toEqual([entry]);
	});

	it('leaves identityPools empty when there is none', () => {
		const result = parseConfig(config(oidc));
		expect(result.ok && result.config.identityPools).toEqual([]);
	});

	it.each([
		[
			{ identityPoolId: 'us-east-1_AbCdEf' },
			'providers[1].identityPoolId',
			'an identity pool id like "us-east-1:0b6d…" (REGION:GUID)',
		],
		[{ flow: 'classic' }, 'providers[1].flow', 'the identity pool flow: "enhanced" or "basic"'],
		[{ flow: undefined }, 'providers[1].flow', 'the identity pool flow: "enhanced" or "basic"'],
		[{ allowGuests: 'yes' }, 'providers[1].allowGuests', 'true or false: whether guests may play'],
		[
			{ allowGuests: undefined },
			'providers[1].allowGuests',
			'true or false: whether guests may play',
		],
		[
			{ loginsKey: 'localhost:4001' },
			'providers[1].loginsKey',
			'the issuer without its scheme: "localhost:4000"',
		],
		[
			{ loginsKey: 'http://localhost:4000' },
			'providers[1].loginsKey',
			'the issuer without its scheme: "localhost:4000"',
		],
		[
			{ flow: 'basic', guestRoleArn: undefined },
			'providers[1].guestRoleArn',
			'the guest role the basic flow assumes for guests',
		],
		[{ dataSegment: 'oidc1' }, 'providers[1].dataSegment', 'a data segment no other provider uses'],
	])('refuses %j', (over, path, expected) => {
		expect(issuesOf(config(oidc, pool(over)))).toContainEqual({ path, expected });
	});

	it.each(['flow', 'loginsKey', 'allowGuests', 'guestRoleArn'])(
		'refuses %s on a direct provider, which would read as a pool it is not',
		(field) => {
			expect(
				issuesOf(config({ ...oidc, [field]: pool()[field as keyof ReturnType<typeof pool>] })),
			).toContainEqual({
				path: `providers[0].${field}`,
				expected: 'nothing: it belongs to an identity pool entry (with identityPoolId)',
			});
		},
	);
});
