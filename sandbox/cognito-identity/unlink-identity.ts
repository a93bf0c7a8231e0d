import { AwsError } from '../errors';
import type { CognitoContext } from './context';
import { provenLogins } from './logins';
import { existingIdentity, LOGINS_DONT_MATCH } from './resolve-identity';
import { sameLogin, type Login } from './identities';
import { COGNITO_PRINCIPAL } from './openid-token';

/**
 * UnlinkIdentity (unsigned): "Unlinks a federated identity from an existing account. Unlinked logins will be
 * considered new identities next time they are seen. Removing the last linked login will make this identity
 * inaccessible." The caller proves the identity with a valid token for one of its logins.
 */
export async function unlinkIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const identity = existingIdentity(context.identities, input['IdentityId'] as string);
	const pool = context.pools.get(identity.poolId);
	const logins = await provenLogins(pool, input['Logins'] as Record<string, string>, context, true);
	const proof = (login: Login) =>
		(login.provider === COGNITO_PRINCIPAL && login.subject === identity.id) ||
		identity.logins.some((own) => sameLogin(own, login));
	if (!logins.some(proof)) throw new AwsError('NotAuthorizedException', 400, LOGINS_DONT_MATCH);
	context.identities.unlink(identity, input['LoginsToRemove'] as string[]);
	return {};
}
