/**
 * The operations the sandbox answers, unsigned ("This is a public API. You do not need any credentials to call
 * this API.", botocore: `"auth": ["smithy.api#noAuth"]`) or signed ("You must use AWS developer credentials"),
 * each signed one with the IAM resource it is authorized on.
 */
import { identityPoolArn } from '../developer-principal';
import type { CognitoContext, Operation } from './context';
import { getOpenIdTokenForDeveloperIdentity, lookupDeveloperIdentity } from './developer-identity';
import {
	describeIdentity,
	describeIdentityPool,
	getIdentityPoolRoles,
	listIdentities,
	listIdentityPools,
} from './describe';
import { getCredentialsForIdentity } from './get-credentials-for-identity';
import { getId } from './get-id';
import { getOpenIdToken } from './get-open-id-token';
import { unlinkIdentity } from './unlink-identity';

type Resource = (input: Record<string, unknown>, context: CognitoContext) => string;
export type OperationSpec =
	{ run: Operation; signed: false } | { run: Operation; signed: true; resource: Resource };

const poolResource: Resource = (input, { infra }) =>
	identityPoolArn(infra.accountId, infra.region, input['IdentityPoolId'] as string);

/** An identity's pool; for an unknown identity, a pool ARN no policy names, so it is denied before it is found. */
const identityResource: Resource = (input, context) => {
	const identity = context.identities.get(input['IdentityId'] as string);
	return identityPoolArn(context.infra.accountId, context.infra.region, identity?.poolId ?? '*');
};

export const OPERATIONS: Record<string, OperationSpec> = {
	GetId: { run: getId, signed: false },
	GetCredentialsForIdentity: { run: getCredentialsForIdentity, signed: false },
	GetOpenIdToken: { run: getOpenIdToken, signed: false },
	UnlinkIdentity: { run: unlinkIdentity, signed: false },
	GetOpenIdTokenForDeveloperIdentity: {
		run: getOpenIdTokenForDeveloperIdentity,
		signed: true,
		resource: poolResource,
	},
	LookupDeveloperIdentity: { run: lookupDeveloperIdentity, signed: true, resource: poolResource },
	DescribeIdentityPool: { run: describeIdentityPool, signed: true, resource: poolResource },
	GetIdentityPoolRoles: { run: getIdentityPoolRoles, signed: true, resource: poolResource },
	ListIdentities: { run: listIdentities, signed: true, resource: poolResource },
	DescribeIdentity: { run: describeIdentity, signed: true, resource: identityResource },
	ListIdentityPools: { run: listIdentityPools, signed: true, resource: () => '*' },
};

/** The rest of the model: real operations that change pools or identities, which the sandbox does not emulate. */
export const NOT_EMULATED = new Set([
	'CreateIdentityPool',
	'UpdateIdentityPool',
	'DeleteIdentityPool',
	'SetIdentityPoolRoles',
	'DeleteIdentities',
	'MergeDeveloperIdentities',
	'UnlinkDeveloperIdentity',
	'GetPrincipalTagAttributeMap',
	'SetPrincipalTagAttributeMap',
	'TagResource',
	'UntagResource',
	'ListTagsForResource',
]);
