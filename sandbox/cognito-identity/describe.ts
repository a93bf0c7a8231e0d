/**
 * The calls a developer uses to see state (all signed): the pools, a pool, its roles, its identities and one
 * identity, in the shapes of Cognito's model. Dates are epoch seconds, as AWS JSON sends timestamps.
 */
import { AwsError } from '../errors';
import type { CognitoContext } from './context';
import type { Identity } from './identities';
import { page } from './pagination';
import type { IdentityPool } from './pools';

export async function describeIdentityPool(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	return poolDescription(context.pools.get(input['IdentityPoolId'] as string));
}

export async function getIdentityPoolRoles(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pool = context.pools.get(input['IdentityPoolId'] as string);
	return { IdentityPoolId: pool.id, Roles: { ...pool.roles } };
}

export async function listIdentityPools(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pools = context.pools
		.all()
		.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name }));
	const found = page(
		pools,
		input['MaxResults'] as number,
		input['NextToken'] as string | undefined,
	);
	return { IdentityPools: found.items, ...(found.nextToken ? { NextToken: found.nextToken } : {}) };
}

export async function listIdentities(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pool = context.pools.get(input['IdentityPoolId'] as string);
	const hideDisabled = input['HideDisabled'] === true;
	const identities = context.identities
		.inPool(pool.id)
		.filter((identity) => !(hideDisabled && identity.disabled));
	const found = page(
		identities,
		input['MaxResults'] as number,
		input['NextToken'] as string | undefined,
	);
	return {
		IdentityPoolId: pool.id,
		Identities: found.items.map(identityDescription),
		...(found.nextToken ? { NextToken: found.nextToken } : {}),
	};
}

/** DescribeIdentity: a disabled identity is described too (the console shows merged ones as disabled). */
export async function describeIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const id = input['IdentityId'] as string;
	const identity = context.identities.get(id);
	if (!identity)
		throw new AwsError('ResourceNotFoundException', 400, `Identity '${id}' not found.`);
	return identityDescription(identity);
}

function poolDescription(pool: IdentityPool): object {
	return {
		IdentityPoolId: pool.id,
		IdentityPoolName: pool.name,
		AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
		AllowClassicFlow: pool.allowClassicFlow,
		SupportedLoginProviders: {},
		...(pool.developerProviderName === undefined
			? {}
			: { DeveloperProviderName: pool.developerProviderName }),
		OpenIdConnectProviderARNs: pool.openIdConnectProviderArns,
		CognitoIdentityProviders: [],
		SamlProviderARNs: [],
		IdentityPoolTags: {},
	};
}

/** `Logins` lists the providers an identity is linked to (not whom it names there). */
function identityDescription(identity: Identity): object {
	return {
		IdentityId: identity.id,
		Logins: [...new Set(identity.logins.map((login) => login.provider))],
		CreationDate: identity.creationDate / 1000,
		LastModifiedDate: identity.lastModifiedDate / 1000,
	};
}
