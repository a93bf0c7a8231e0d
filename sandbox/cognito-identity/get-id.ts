import { provenLogins } from './logins';
import type { CognitoContext } from './context';
import { linkAndMerge, UNAUTHENTICATED_NOT_SUPPORTED } from './resolve-identity';
import { AwsError } from '../errors';

/**
 * GetId (unsigned): "Generates (or retrieves) IdentityID. Supplying multiple logins will create an implicit
 * linked account." Without logins, a new guest identity each time, when the pool allows guests.
 */
export async function getId(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const pool = context.pools.get(input['IdentityPoolId'] as string);
	const logins = await provenLogins(
		pool,
		input['Logins'] as Record<string, string> | undefined,
		context,
	);
	if (logins.length === 0) {
		if (!pool.allowUnauthenticatedIdentities)
			throw new AwsError('NotAuthorizedException', 400, UNAUTHENTICATED_NOT_SUPPORTED);
		return { IdentityId: context.identities.create(pool.id, []).id };
	}
	return { IdentityId: linkAndMerge(context.identities, pool, null, logins).id };
}
