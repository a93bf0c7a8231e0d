import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseDeployOptions } from '../../../scripts/deploy/options';
import { configFromOutputs, stackParameters } from '../../../scripts/deploy/stack';
import { RuntimeConfigSchema } from '../../../src/lib/config/schema';

/* `npm run deploy` with the identity pool: its switches, the template parameters, and its config.json entry. */

const base = ['--issuer', 'https://accounts.google.com', '--client-id', 'web-client'];
const outputs = {
	PlayerRoleArn: 'arn:aws:iam::111122223333:role/fedplay-player',
	PlayerRoleDataSegment: 'oidc1',
	GameDataBucketName: 'data',
	ScoresTableName: 'GameScores',
	IdentityPoolId: 'eu-west-1:3f2a7b1c-0000-4000-8000-1234567890ab',
	IdentityPoolLoginsKey: 'accounts.google.com',
	IdentityPoolAllowsGuests: 'true',
	IdentityPoolAllowsClassicFlow: 'true',
	IdentityPoolDataSegment: 'cognito',
	CognitoPlayerRoleArn: 'arn:aws:iam::111122223333:role/fedplay-cognito-player',
	CognitoGuestRoleArn: 'arn:aws:iam::111122223333:role/fedplay-cognito-guest',
};

describe('deploying the identity pool', () => {
	it('is off unless asked for, and then sets the template’s switches', () => {
		const off = stackParameters(parseDeployOptions(base, {})).map((p) => p.ParameterKey);
		expect(off).not.toContain('CreateIdentityPool');
		const on = parseDeployOptions(
			[
				...base,
				'--identity-pool',
				'--allow-guests',
				'--developer-provider-name',
				'login.example.app',
			],
			{},
		);
		expect(stackParameters(on)).toEqual(
			expect.arrayContaining([
				{ ParameterKey: 'CreateIdentityPool', ParameterValue: 'true' },
				{ ParameterKey: 'IdentityPoolAllowGuests', ParameterValue: 'true' },
				{ ParameterKey: 'IdentityPoolAllowClassicFlow', ParameterValue: 'false' },
				{ ParameterKey: 'IdentityPoolDeveloperProviderName', ParameterValue: 'login.example.app' },
			]),
		);
	});

	it('takes its switches from FEDPLAY_* variables too', () => {
		const options = parseDeployOptions(base, {
			FEDPLAY_IDENTITY_POOL: '1',
			FEDPLAY_ALLOW_CLASSIC_FLOW: 'true',
			FEDPLAY_IDENTITY_POOL_FLOW: 'basic',
		});
		expect(options).toMatchObject({
			identityPool: true,
			allowClassicFlow: true,
			allowGuests: false,
			identityPoolFlow: 'basic',
		});
	});

	it.each([
		[['--allow-guests'], /--allow-guests need --identity-pool/],
		[['--identity-pool-flow', 'enhanced'], /--identity-pool-flow need --identity-pool/],
		[
			['--identity-pool', '--identity-pool-flow', 'classic'],
			/--identity-pool-flow is enhanced or basic/,
		],
		[['--identity-pool', '--identity-pool-flow', 'basic'], /needs --allow-classic-flow/],
		[
			['--identity-pool', '--developer-provider-name', 'has space'],
			/--developer-provider-name takes/,
		],
	])('refuses %j', (argv, message) => {
		expect(() => parseDeployOptions([...base, ...argv], {})).toThrow(message);
	});

	it('writes the pool’s entry into config.json from the stack outputs, which the app accepts', () => {
		const options = parseDeployOptions(
			[...base, '--identity-pool', '--allow-guests', '--provider-name', 'Google'],
			{},
		);
		const config = configFromOutputs(outputs, options) as { providers: object[] };
		expect(config.providers[1]).toEqual({
			id: 'identity-pool',
			displayName: 'Google (Amazon Cognito)',
			issuer: 'https://accounts.google.com',
			clientId: 'web-client',
			scopes: 'openid profile email',
			identityPoolId: outputs.IdentityPoolId,
			flow: 'enhanced',
			loginsKey: 'accounts.google.com',
			allowGuests: true,
			roleArn: outputs.CognitoPlayerRoleArn,
			guestRoleArn: outputs.CognitoGuestRoleArn,
			dataSegment: 'cognito',
		});
		const parsed = v.parse(RuntimeConfigSchema, config);
		expect(parsed.identityPools?.map((p) => p.identityPoolId)).toEqual([outputs.IdentityPoolId]);
		expect(parsed.providers).toHaveLength(1);
	});

	it('names a missing pool output instead of writing a broken entry', () => {
		const options = parseDeployOptions([...base, '--identity-pool'], {});
		const { IdentityPoolId: _, ...without } = outputs;
		expect(() => configFromOutputs(without, options)).toThrow(/no output IdentityPoolId/);
	});
});
