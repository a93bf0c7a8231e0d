import type { CognitoContext } from './context';
import type { Identity, Login } from './identities';
import { provenLogins } from './logins';
import { COGNITO_PRINCIPAL } from './openid-token';
import type { IdentityPool } from './pools';
import { existingIdentity, resolveIdentity } from './resolve-identity';

export interface ActingIdentity {
	identity: Identity;
	pool: IdentityPool;
	/** The token's `amr`: `unauthenticated`, or `authenticated` and the providers of the logins presented. */
	amr: string[];
}

/**
 * The identity GetOpenIdToken or GetCredentialsForIdentity acts for: `IdentityId`, known and enabled, with its
 * `Logins` checked and linked or merged (resolve-identity.ts). `checkPool` refuses a call its pool forbids
 * before any token is read or any login linked.
 */
export async function actingIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
	checkPool: (pool: IdentityPool) => void = () => undefined,
): Promise<ActingIdentity> {
	const given = existingIdentity(context.identities, input['IdentityId'] as string);
	const pool = context.pools.get(given.poolId);
	checkPool(pool);
	const logins = await provenLogins(
		pool,
		input['Logins'] as Record<string, string> | undefined,
		context,
		true,
	);
	const identity = resolveIdentity(context.identities, pool, given, logins);
	return { identity, pool, amr: amrOf(identity, logins) };
}

/**
 * `amr` as Cognito sets it: "either unauthenticated or authenticated. If amr is authenticated, the token
 * includes any providers used during authentication" — the providers of the logins presented, or, when only a
 * Cognito token proved the identity, the providers it is linked to.
 */
export function amrOf(identity: Identity, logins: readonly Login[]): string[] {
	if (identity.logins.length === 0) return ['unauthenticated'];
	const presented = logins.filter((login) => login.provider !== COGNITO_PRINCIPAL);
	const used = presented.length > 0 ? presented : identity.logins;
	return ['authenticated', ...new Set(used.map((login) => login.provider))];
}
