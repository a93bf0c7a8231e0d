/**
 * Developer authenticated identities (Developer Guide, "Developer authenticated identities"): your back end,
 * signed with AWS developer credentials (in the sandbox, its developer principal), vouches for a user of its
 * own login system by the pool's developer provider name, which "replaces the token validation Amazon
 * Cognito performs with external providers". Where AWS documents no words for a refusal, the sandbox's own
 * are used and say so.
 */
import { AwsError } from '../errors';
import { amrOf } from './acting-identity';
import type { CognitoContext } from './context';
import type { Identity, Login } from './identities';
import { provenLogins } from './logins';
import { DEVELOPER_TOKEN_DEFAULT_SECONDS } from './openid-token';
import { page } from './pagination';
import type { IdentityPool } from './pools';
import { existingIdentity, linkAndMerge } from './resolve-identity';

const invalidParameter = (message: string) =>
	new AwsError('InvalidParameterException', 400, message);

/**
 * GetOpenIdTokenForDeveloperIdentity: registers or finds the identity of the developer user identifier in
 * `Logins[<developer provider name>]`, links the other logins and `IdentityId` (a guest's, say) to it, and
 * returns an OpenID token valid `TokenDuration` seconds (15 minutes by default, at most 24 hours) that may
 * carry `PrincipalTags` to STS as session tags.
 */
export async function getOpenIdTokenForDeveloperIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pool = context.pools.get(input['IdentityPoolId'] as string);
	const developer = developerProvider(pool);
	const { [developer]: userIdentifier, ...others } = input['Logins'] as Record<string, string>;
	if (userIdentifier === undefined)
		throw invalidParameter(
			`Logins must name the developer provider of this identity pool, ${developer}.`,
		);
	const logins: Login[] = [
		{ provider: developer, subject: userIdentifier },
		...(await provenLogins(pool, others, context)),
	];
	const start =
		input['IdentityId'] === undefined
			? null
			: identityIn(pool, input['IdentityId'] as string, context);
	const identity = linkAndMerge(context.identities, pool, start, logins);
	const tags = input['PrincipalTags'] as Record<string, string> | undefined;
	const token = await context.signer.sign(
		{
			poolId: pool.id,
			identityId: identity.id,
			amr: amrOf(identity, logins),
			...(tags ? { principalTags: tags } : {}),
		},
		(input['TokenDuration'] as number | undefined) ?? DEVELOPER_TOKEN_DEFAULT_SECONDS,
		context.clock.now(),
	);
	return { IdentityId: identity.id, Token: token };
}

/**
 * LookupDeveloperIdentity: the identity of a developer user identifier, or the identifiers of an identity;
 * with both, they must match ("Otherwise, a ResourceConflictException is thrown").
 */
export async function lookupDeveloperIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pool = context.pools.get(input['IdentityPoolId'] as string);
	const developer = developerProvider(pool);
	const id = input['IdentityId'] as string | undefined;
	const userIdentifier = input['DeveloperUserIdentifier'] as string | undefined;
	if (id === undefined && userIdentifier === undefined)
		throw invalidParameter('Either IdentityId or DeveloperUserIdentifier must be provided.');
	const byIdentifier =
		userIdentifier === undefined
			? undefined
			: context.identities.findByLogin(pool.id, { provider: developer, subject: userIdentifier });
	if (userIdentifier !== undefined && byIdentifier === undefined)
		throw new AwsError(
			'ResourceNotFoundException',
			400,
			`DeveloperUserIdentifier '${userIdentifier}' not found.`,
		);
	const identity = id === undefined ? byIdentifier! : identityIn(pool, id, context);
	if (byIdentifier !== undefined && byIdentifier !== identity)
		throw new AwsError(
			'ResourceConflictException',
			400,
			`DeveloperUserIdentifier '${userIdentifier}' does not belong to Identity '${identity.id}'.`,
		);
	const identifiers = identity.logins.filter((l) => l.provider === developer).map((l) => l.subject);
	const found = page(
		identifiers,
		(input['MaxResults'] as number | undefined) ?? 60,
		input['NextToken'] as string | undefined,
	);
	return {
		IdentityId: identity.id,
		DeveloperUserIdentifierList: found.items,
		...(found.nextToken ? { NextToken: found.nextToken } : {}),
	};
}

function developerProvider(pool: IdentityPool): string {
	if (pool.developerProviderName === undefined)
		throw invalidParameter('This identity pool has no developer provider name.');
	return pool.developerProviderName;
}

/** An existing, enabled identity of `pool`; one of another pool is refused in the sandbox's words. */
function identityIn(pool: IdentityPool, id: string, context: CognitoContext): Identity {
	const identity = existingIdentity(context.identities, id);
	if (identity.poolId !== pool.id)
		throw invalidParameter(`Identity '${id}' is not in identity pool '${pool.id}'.`);
	return identity;
}
