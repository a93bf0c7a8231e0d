import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OptionsError, parseDeployOptions } from '../../../scripts/deploy/options';
import { describeDeployError } from '../../../scripts/deploy/errors';
import { configFromOutputs, stackParameters } from '../../../scripts/deploy/stack';
import { RuntimeConfigSchema } from '../../../src/lib/config/schema';

const base = [
	'--issuer',
	'https://accounts.google.com',
	'--client-id',
	'abc.apps.googleusercontent.com',
];

describe('deploy options', () => {
	it('takes flags, then FEDPLAY_* variables, then defaults', () => {
		const options = parseDeployOptions([...base, '--dry-run'], { FEDPLAY_STACK: 'games' });
		expect(options).toMatchObject({
			stackName: 'games',
			region: 'us-east-1',
			issuer: 'https://accounts.google.com',
			dryRun: true,
			maxSessionDurationSeconds: 3600,
			siteDir: 'dist',
		});
	});

	it.each([
		[[], /--issuer is required/],
		[['--issuer', 'http://idp.example.com', '--client-id', 'x'], /must use https/],
		[['--issuer', 'not a url', '--client-id', 'x'], /is not a URL/],
		[[...base, '--region', 'mars'], /--region must be an AWS region/],
		[
			[...base, '--max-session-duration', '50000'],
			/maxSessionDurationSeconds must be an integer from 3600 to 43200/,
		],
		[[...base, '--duration', '7200'], /--duration cannot exceed --max-session-duration/],
		[[...base, '--domain', 'play.example.com'], /--domain needs --certificate-arn/],
		[[...base, '--second-issuer', 'https://x.example.com'], /go together/],
		[[...base, '--scopes', 'profile'], /must include openid/],
		[[...base, '--bogus'], /unknown option --bogus/],
		[
			[...base, '--extra-origins', 'https://x.example.com/path'],
			/--extra-origins takes https origins/,
		],
		[[...base, '--stack'], /--stack needs a value/],
		[[...base, '--amazon-app-id', 'amzn1.application.abc'], /go together/],
		[[...base, '--amazon-client-id', 'amzn1.application-oa2-client.abc'], /go together/],
		[
			[
				...base,
				'--amazon-app-id',
				'amzn1.application-oa2-client.abc',
				'--amazon-client-id',
				'amzn1.application-oa2-client.abc',
			],
			/--amazon-app-id must be a Login with Amazon app id/,
		],
		[
			[
				...base,
				'--amazon-app-id',
				'amzn1.application.abc',
				'--amazon-client-id',
				'amzn1.application.abc',
			],
			/--amazon-client-id must be a Login with Amazon client id/,
		],
	])('refuses %j with a message naming the problem', (argv, message) => {
		expect(() => parseDeployOptions(argv, {})).toThrow(message);
	});

	it('reports every problem at once', () => {
		const error = (() => {
			try {
				parseDeployOptions(['--region', 'x'], {});
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(OptionsError);
		expect((error as Error).message.split('\n').length).toBeGreaterThanOrEqual(3);
	});

	it('passes only the parameters that were given', () => {
		const keys = stackParameters(parseDeployOptions(base, {})).map((p) => p.ParameterKey);
		expect(keys).toEqual(['ProviderUrl', 'ProviderClientId', 'MaxSessionDurationSeconds']);
	});

	it('turns stack outputs into a runtime config with one provider per role', () => {
		const options = parseDeployOptions(
			[...base, '--second-issuer', 'https://login.example.com', '--second-client-id', 'c2'],
			{},
		);
		const config = configFromOutputs(
			{
				PlayerRoleArn: 'arn:aws:iam::111122223333:role/p1',
				PlayerRoleDataSegment: 'oidc1',
				SecondPlayerRoleArn: 'arn:aws:iam::111122223333:role/p2',
				SecondPlayerRoleDataSegment: 'oidc2',
				GameDataBucketName: 'data',
				ScoresTableName: 'GameScores',
			},
			options,
		);
		expect(config).toMatchObject({
			bucket: 'data',
			table: 'GameScores',
			providers: [
				{
					issuer: 'https://accounts.google.com',
					roleArn: 'arn:aws:iam::111122223333:role/p1',
					dataSegment: 'oidc1',
				},
				{
					issuer: 'https://login.example.com',
					roleArn: 'arn:aws:iam::111122223333:role/p2',
					dataSegment: 'oidc2',
				},
			],
		});
		expect(config).not.toHaveProperty('endpoint');
		expect(v.safeParse(RuntimeConfigSchema, config).issues).toBeUndefined();
	});

	it('passes the Login with Amazon app id, and lists the provider with its real endpoints', () => {
		const options = parseDeployOptions(base, {
			FEDPLAY_AMAZON_APP_ID: 'amzn1.application.0123abcd',
			FEDPLAY_AMAZON_CLIENT_ID: 'amzn1.application-oa2-client.4567ef',
		});
		expect(stackParameters(options)).toContainEqual({
			ParameterKey: 'AmazonAppId',
			ParameterValue: 'amzn1.application.0123abcd',
		});
		const outputs = {
			PlayerRoleArn: 'arn:aws:iam::111122223333:role/p1',
			PlayerRoleDataSegment: 'oidc1',
			AmazonPlayerRoleArn: 'arn:aws:iam::111122223333:role/fedplay-player-amazon',
			AmazonPlayerRoleDataSegment: 'amazon',
			GameDataBucketName: 'data',
			ScoresTableName: 'GameScores',
		};
		const config = configFromOutputs(outputs, options);
		expect(config).toMatchObject({
			oauth2Providers: [
				{
					type: 'oauth2',
					providerId: 'www.amazon.com',
					authorizationEndpoint: 'https://www.amazon.com/ap/oa',
					tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
					profileEndpoint: 'https://api.amazon.com/user/profile',
					clientId: 'amzn1.application-oa2-client.4567ef',
					appId: 'amzn1.application.0123abcd',
					scopes: 'profile',
					roleArn: 'arn:aws:iam::111122223333:role/fedplay-player-amazon',
					dataSegment: 'amazon',
				},
			],
		});
		// The app's schema reads `providers` only until it learns OAuth 2.0: the config still loads.
		expect(v.safeParse(RuntimeConfigSchema, config).issues).toBeUndefined();
		const { AmazonPlayerRoleArn: _arn, ...withoutRole } = outputs;
		expect(() => configFromOutputs(withoutRole, options)).toThrow(/no output AmazonPlayerRoleArn/);
		expect(configFromOutputs(outputs, parseDeployOptions(base, {}))).toMatchObject({
			oauth2Providers: [],
		});
	});

	it('passes the tournament role on to the app when the stack has one, and loads either way', () => {
		const options = parseDeployOptions(base, {});
		const outputs = {
			PlayerRoleArn: 'arn:aws:iam::111122223333:role/p1',
			PlayerRoleDataSegment: 'oidc1',
			GameDataBucketName: 'data',
			ScoresTableName: 'GameScores',
		};
		const tournamentRoleArn = 'arn:aws:iam::111122223333:role/fedplay-tournament';
		const withRole = configFromOutputs(
			{ ...outputs, TournamentRoleArn: tournamentRoleArn },
			options,
		);
		expect(withRole).toMatchObject({ tournamentRoleArn });
		expect(v.parse(RuntimeConfigSchema, withRole).tournamentRoleArn).toBe(tournamentRoleArn);
		expect(configFromOutputs(outputs, options)).not.toHaveProperty('tournamentRoleArn');
	});

	it('names a missing data segment output instead of writing a config without one', () => {
		const outputs = {
			PlayerRoleArn: 'arn:aws:iam::111122223333:role/p1',
			GameDataBucketName: 'data',
			ScoresTableName: 'GameScores',
		};
		expect(() => configFromOutputs(outputs, parseDeployOptions(base, {}))).toThrow(
			/no output PlayerRoleDataSegment/,
		);
	});

	it('names a missing output instead of writing a broken config', () => {
		expect(() => configFromOutputs({}, parseDeployOptions(base, {}))).toThrow(
			/no output PlayerRoleArn/,
		);
	});

	it.each([
		[
			Object.assign(new Error('Could not load credentials from any providers'), {
				name: 'CredentialsProviderError',
			}),
			/no AWS credentials found/,
		],
		[
			Object.assign(
				new Error(
					'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateStack on resource: y',
				),
				{ name: 'AccessDenied' },
			),
			/lacks a permission \(cloudformation:CreateStack\)/,
		],
		[
			Object.assign(new Error('The security token included in the request is expired'), {
				name: 'ExpiredToken',
			}),
			/session has expired/,
		],
	])('explains %s', (error, message) => {
		expect(describeDeployError(error)).toMatch(message);
	});
});
