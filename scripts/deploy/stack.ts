/**
 * The CloudFormation half of `npm run deploy`: create or update the stack, wait, and turn its outputs into the
 * app's runtime `config.json`.
 */
import {
	CreateStackCommand,
	DescribeStacksCommand,
	UpdateStackCommand,
	waitUntilStackCreateComplete,
	waitUntilStackUpdateComplete,
	type CloudFormationClient,
	type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { DeployOptions } from './options';

export type StackOutputs = Record<string, string>;

/** Template parameters from the options; optional ones are left out so the template's defaults apply. */
export function stackParameters(options: DeployOptions): Parameter[] {
	const values: Record<string, string | number | undefined> = {
		ProviderUrl: options.issuer,
		ProviderClientId: options.clientId,
		SecondProviderUrl: options.secondIssuer,
		SecondProviderClientId: options.secondClientId,
		AmazonAppId: options.amazonAppId,
		MaxSessionDurationSeconds: options.maxSessionDurationSeconds,
		DomainName: options.domainName,
		CertificateArn: options.certificateArn,
		ProviderExtraOrigins: options.extraOrigins?.split(/\s+/).filter(Boolean).join(' '),
		...(options.identityPool
			? {
					CreateIdentityPool: 'true',
					IdentityPoolAllowGuests: String(options.allowGuests),
					IdentityPoolAllowClassicFlow: String(options.allowClassicFlow),
					IdentityPoolDeveloperProviderName: options.developerProviderName,
				}
			: {}),
	};
	return Object.entries(values)
		.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
		.map(([ParameterKey, value]) => ({ ParameterKey, ParameterValue: String(value) }));
}

async function stackExists(cfn: CloudFormationClient, name: string): Promise<boolean> {
	try {
		const result = await cfn.send(new DescribeStacksCommand({ StackName: name }));
		const status = result.Stacks?.[0]?.StackStatus ?? '';
		return status !== 'DELETE_COMPLETE';
	} catch (error) {
		if (error instanceof Error && /does not exist/.test(error.message)) return false;
		throw error;
	}
}

/** Create the stack or update it in place; resolves with its outputs once CloudFormation is done. */
export async function deployStack(
	cfn: CloudFormationClient,
	options: DeployOptions,
	templateBody: string,
	log: (line: string) => void,
): Promise<StackOutputs> {
	const input = {
		StackName: options.stackName,
		TemplateBody: templateBody,
		Parameters: stackParameters(options),
		// The roles have names (PlayerRoleName), which CloudFormation accepts only with CAPABILITY_NAMED_IAM.
		Capabilities: ['CAPABILITY_NAMED_IAM' as const],
		Tags: [{ Key: 'app', Value: 'fedplay' }],
	};
	const wait = { client: cfn, maxWaitTime: 45 * 60, minDelay: 10, maxDelay: 30 };
	if (await stackExists(cfn, options.stackName)) {
		log(`updating stack ${options.stackName}…`);
		try {
			await cfn.send(new UpdateStackCommand(input));
			await waitUntilStackUpdateComplete(wait, { StackName: options.stackName });
		} catch (error) {
			if (!(error instanceof Error && /No updates are to be performed/.test(error.message)))
				throw error;
			log('stack unchanged');
		}
	} else {
		log(`creating stack ${options.stackName} (CloudFront takes a few minutes)…`);
		await cfn.send(new CreateStackCommand({ ...input, OnFailure: 'ROLLBACK' }));
		await waitUntilStackCreateComplete(wait, { StackName: options.stackName });
	}
	const described = await cfn.send(new DescribeStacksCommand({ StackName: options.stackName }));
	const outputs: StackOutputs = {};
	for (const o of described.Stacks?.[0]?.Outputs ?? []) {
		if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
	}
	return outputs;
}

function required(outputs: StackOutputs, key: string): string {
	const value = outputs[key];
	if (value === undefined || value === '') throw new Error(`the stack has no output ${key}`);
	return value;
}

/**
 * The runtime config the app fetches as `config.json` (no endpoint override: real AWS). Each provider's
 * `dataSegment` is its role's `…DataSegment` output: the literal the role's policy puts in every path.
 */
export function configFromOutputs(outputs: StackOutputs, options: DeployOptions): object {
	const providers = [
		{
			id: 'primary',
			displayName: options.providerName,
			issuer: options.issuer,
			clientId: options.clientId,
			scopes: options.scopes,
			roleArn: required(outputs, 'PlayerRoleArn'),
			dataSegment: required(outputs, 'PlayerRoleDataSegment'),
		},
	];
	if (options.secondIssuer !== undefined && options.secondClientId !== undefined) {
		providers.push({
			id: 'secondary',
			displayName: options.secondProviderName ?? 'Second provider',
			issuer: options.secondIssuer,
			clientId: options.secondClientId,
			scopes: options.scopes,
			roleArn: required(outputs, 'SecondPlayerRoleArn'),
			dataSegment: required(outputs, 'SecondPlayerRoleDataSegment'),
		});
	}
	return {
		region: options.region,
		durationSeconds: options.durationSeconds,
		refreshThresholdSeconds: 300,
		bucket: required(outputs, 'GameDataBucketName'),
		table: required(outputs, 'ScoresTableName'),
		...(outputs['TournamentRoleArn'] ? { tournamentRoleArn: outputs['TournamentRoleArn'] } : {}),
		providers: options.identityPool
			? [...providers, identityPoolEntry(outputs, options)]
			: providers,
		oauth2Providers: amazonProviderConfig(outputs, options),
	};
}

/**
 * The identity pool's provider entry (README, "Configuration"), from the stack's `IdentityPool…` and
 * `Cognito…RoleArn` outputs: the pool over the first provider, with the flow the app takes.
 */
function identityPoolEntry(outputs: StackOutputs, options: DeployOptions): object {
	const guestRoleArn = outputs['CognitoGuestRoleArn'];
	return {
		id: 'identity-pool',
		displayName: `${options.providerName} (Amazon Cognito)`,
		issuer: options.issuer,
		clientId: options.clientId,
		scopes: options.scopes,
		identityPoolId: required(outputs, 'IdentityPoolId'),
		flow: options.identityPoolFlow,
		loginsKey: required(outputs, 'IdentityPoolLoginsKey'),
		allowGuests: required(outputs, 'IdentityPoolAllowsGuests') === 'true',
		roleArn: required(outputs, 'CognitoPlayerRoleArn'),
		...(guestRoleArn ? { guestRoleArn } : {}),
		dataSegment: required(outputs, 'IdentityPoolDataSegment'),
	};
}

/**
 * Login with Amazon's entry of `oauth2Providers` (its real endpoints; the same shape the sandbox writes),
 * when the stack was given its app id; `dataSegment` is the role's `AmazonPlayerRoleDataSegment` output.
 */
function amazonProviderConfig(outputs: StackOutputs, options: DeployOptions): object[] {
	if (options.amazonAppId === undefined || options.amazonClientId === undefined) return [];
	return [
		{
			id: 'amazon',
			displayName: 'Login with Amazon',
			type: 'oauth2',
			providerId: 'www.amazon.com',
			authorizationEndpoint: 'https://www.amazon.com/ap/oa',
			tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
			profileEndpoint: 'https://api.amazon.com/user/profile',
			tokenInfoEndpoint: 'https://api.amazon.com/auth/o2/tokeninfo',
			clientId: options.amazonClientId,
			appId: options.amazonAppId,
			scopes: 'profile',
			roleArn: required(outputs, 'AmazonPlayerRoleArn'),
			dataSegment: required(outputs, 'AmazonPlayerRoleDataSegment'),
		},
	];
}
