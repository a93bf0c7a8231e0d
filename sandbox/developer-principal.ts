/**
 * SANDBOX ONLY — nothing here deploys. The sandbox's developer principal: an IAM user
 * (`arn:aws:iam::<account>:user/fedplay-sandbox-developer`) with long-term-style access keys, for the calls
 * Amazon Cognito reserves for "AWS developer credentials" (GetOpenIdTokenForDeveloperIdentity, the describe
 * and list calls). In AWS that is your back end's own principal, which the production stack has no business
 * creating, so its policy lives here and not in infra/fedplay.template.json. The keys are made at start-up,
 * kept in memory, printed by `npm run sandbox` and handed to tests by `createSandbox()`; never written to disk.
 */
import { parsePolicy } from '../src/lib/iam';
import type { PolicyDocument } from '../src/lib/iam/types';
import type { IamUser } from './iam-user';
import { newAccessKeyId, newSecretAccessKey, uniqueIdFor } from './sessions';

export const DEVELOPER_USER_NAME = 'fedplay-sandbox-developer';
const DEVELOPER_POLICY_NAME = 'FedplaySandboxDeveloper';

/** What the developer may do: developer identities and the read-only view of the given pools, nothing else. */
export function developerPolicyDocument(
	accountId: string,
	region: string,
	identityPoolIds: readonly string[],
): PolicyDocument {
	const statements: PolicyDocument['Statement'] = [
		{
			Sid: 'SeeWhichPoolsExist',
			Effect: 'Allow',
			Action: 'cognito-identity:ListIdentityPools',
			Resource: '*',
		},
	];
	if (identityPoolIds.length > 0) {
		statements.push({
			Sid: 'DeveloperIdentitiesAndStateOfTheSandboxPools',
			Effect: 'Allow',
			Action: [
				'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
				'cognito-identity:LookupDeveloperIdentity',
				'cognito-identity:DescribeIdentityPool',
				'cognito-identity:DescribeIdentity',
				'cognito-identity:ListIdentities',
				'cognito-identity:GetIdentityPoolRoles',
			],
			Resource: identityPoolIds.map((id) => identityPoolArn(accountId, region, id)),
		});
	}
	return { Version: '2012-10-17', Statement: statements };
}

/** `arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/POOL-ID`: the resource of the pool-level calls. */
export function identityPoolArn(accountId: string, region: string, identityPoolId: string): string {
	return `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${identityPoolId}`;
}

/** A fresh developer principal with new keys, allowed what {@link developerPolicyDocument} says. */
export function createDeveloperPrincipal(
	accountId: string,
	region: string,
	identityPoolIds: readonly string[],
): IamUser {
	const arn = `arn:aws:iam::${accountId}:user/${DEVELOPER_USER_NAME}`;
	const document = developerPolicyDocument(accountId, region, identityPoolIds);
	return {
		userName: DEVELOPER_USER_NAME,
		arn,
		userId: uniqueIdFor('AIDA', arn),
		accountId,
		accessKeyId: newAccessKeyId('AKIA'),
		secretAccessKey: newSecretAccessKey(),
		policies: [parsePolicy(document, DEVELOPER_POLICY_NAME, 'identity-based')],
	};
}
