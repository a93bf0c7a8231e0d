import type { Grant, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { scopeClaims } from './players';

/** What the app asks for and, being first-party, always gets without a consent screen. */
export const grantedScope = Object.keys(scopeClaims).join(' ');
const grantedClaims = Object.values(scopeClaims).flat();

/**
 * Finds the grant of this account for this client (or starts one), adds the first-party scopes and
 * saves it. Used as oidc-provider's `loadExistingGrant`, which is its documented way to skip consent.
 */
export async function loadFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
	const { client, session, result, provider } = ctx.oidc;
	const accountId = session?.accountId;
	if (client === undefined || accountId === undefined) return undefined;
	const grantId = result?.consent?.grantId ?? session?.grantIdFor(client.clientId);
	return grantFirstParty(provider, accountId, client.clientId, grantId);
}

/** Grants `extraScope` (besides the first-party scopes) on the existing grant or a new one. */
export async function grantFirstParty(
	provider: Provider,
	accountId: string,
	clientId: string,
	grantId: string | undefined,
	extraScope: readonly string[] = [],
): Promise<Grant> {
	const existing = grantId === undefined ? undefined : await provider.Grant.find(grantId);
	const grant = existing ?? new provider.Grant({ accountId, clientId });
	grant.addOIDCScope([grantedScope, ...extraScope].join(' '));
	grant.addOIDCClaims([...grantedClaims]);
	await grant.save();
	return grant;
}
