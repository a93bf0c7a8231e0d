/**
 * Which identity a call acts for, linking and merging as Cognito documents (Developer Guide, "Identity pools
 * authentication flow"):
 * - "If you pass in a token for a login that is not already associated with any identity, the login is
 *   considered to be linked to the associated identity" — a guest who signs in keeps its identity id;
 * - "If you pass in a token for a login that is not currently linked to the given identity, but is linked to
 *   another identity, the two identities are merged … the other is disabled. In this case, the identity ID of
 *   the parent/owner is returned" — a guest is never the parent: the identity that owns the login is;
 * - "You may only link one login per public provider … ResourceConflictException";
 * - "If you have an authenticated identity, you must pass at least one valid token for a login already
 *   associated with that identity", and "it is not possible to get an unauthenticated token for
 *   authenticated or disabled identities".
 */
import { AwsError } from '../errors';
import { sameLogin, type Identity, type IdentityStore, type Login } from './identities';
import { COGNITO_PRINCIPAL } from './openid-token';
import type { IdentityPool } from './pools';

export const LOGINS_DONT_MATCH =
	"Logins don't match. Please include at least one valid login for this identity or identity pool.";
export const UNAUTHENTICATED_NOT_SUPPORTED =
	'Unauthenticated access is not supported for this identity pool.';

const notAuthorized = (message: string) => new AwsError('NotAuthorizedException', 400, message);

/** The identity `id` names, refused when unknown or disabled (a merged-away guest: amplify-js#6616). */
export function existingIdentity(store: IdentityStore, id: string): Identity {
	const identity = store.get(id);
	if (!identity)
		throw new AwsError('ResourceNotFoundException', 400, `Identity '${id}' not found.`);
	if (identity.disabled) throw notAuthorized(`Access to Identity '${id}' is forbidden.`);
	return identity;
}

/**
 * The identity a public call (GetOpenIdToken, GetCredentialsForIdentity) acts for: `identity` itself, or the
 * identity it was merged into, once the logins presented are checked against it.
 */
export function resolveIdentity(
	store: IdentityStore,
	pool: IdentityPool,
	identity: Identity,
	logins: readonly Login[],
): Identity {
	// A Cognito token of this pool proves the identity it names and nothing else; it is no login to link.
	const proofs = logins.filter((login) => login.provider === COGNITO_PRINCIPAL);
	const others = logins.filter((login) => login.provider !== COGNITO_PRINCIPAL);
	if (proofs.some((proof) => proof.subject !== identity.id)) throw notAuthorized(LOGINS_DONT_MATCH);
	if (others.length === 0) {
		if (identity.logins.length > 0) {
			if (proofs.length === 0) throw notAuthorized(LOGINS_DONT_MATCH);
			return identity;
		}
		if (!pool.allowUnauthenticatedIdentities) throw notAuthorized(UNAUTHENTICATED_NOT_SUPPORTED);
		return identity;
	}
	const ownLogin =
		proofs.length > 0 ||
		others.some((login) => identity.logins.some((own) => sameLogin(own, login)));
	if (identity.logins.length > 0 && !ownLogin) throw notAuthorized(LOGINS_DONT_MATCH);
	return linkAndMerge(store, pool, identity, others);
}

/**
 * Links `logins` to `start` (or, with no start, to the identity that owns one of them, or to a new one) and
 * merges every other identity that owns one of them into it. Checked whole before anything changes.
 */
export function linkAndMerge(
	store: IdentityStore,
	pool: IdentityPool,
	start: Identity | null,
	logins: readonly Login[],
): Identity {
	const owners = distinct(logins.map((login) => store.findByLogin(pool.id, login)));
	const guest = start !== null && start.logins.length === 0;
	const survivor = start === null || (guest && owners.length > 0) ? (owners[0] ?? null) : start;
	const merged = distinct([start, ...owners]).filter((identity) => identity !== survivor);
	const held = [survivor, ...merged].flatMap((identity) => identity?.logins ?? []);
	checkOneLoginPerProvider(survivor?.id ?? start?.id, [...held, ...logins], pool);
	if (survivor === null) return store.create(pool.id, logins);
	for (const other of merged) store.merge(survivor, other);
	store.link(survivor, logins);
	return survivor;
}

/**
 * "You may only link one login per public provider": two subjects of one OIDC provider on one identity is
 * `ResourceConflictException` (the words are the sandbox's). A developer provider may link many user
 * identifiers (LookupDeveloperIdentity lists them).
 */
function checkOneLoginPerProvider(
	identityId: string | undefined,
	logins: readonly Login[],
	pool: IdentityPool,
): void {
	const subjects = new Map<string, string>();
	for (const login of logins) {
		if (login.provider === pool.developerProviderName) continue;
		const held = subjects.get(login.provider);
		if (held !== undefined && held !== login.subject) {
			throw new AwsError(
				'ResourceConflictException',
				400,
				`Identity '${identityId ?? 'new'}' already has a login from ${login.provider}; a public provider can be linked only once.`,
			);
		}
		subjects.set(login.provider, login.subject);
	}
}

function distinct(identities: (Identity | null | undefined)[]): Identity[] {
	return [...new Set(identities.filter((identity): identity is Identity => identity != null))];
}
