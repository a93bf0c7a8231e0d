import type { IdentityPoolConfig, OAuth2ProviderConfig, ProviderConfig } from '../config/schema';

/*
 * The vault key (and cross-tab lock name) of each source's credentials, apart from the sources: the session
 * names the key of any path (a reload looks into the vault) while only the path in use loads its source.
 */

/** An OpenID Connect provider's credentials for its role. */
export function oidcSourceKey(provider: Pick<ProviderConfig, 'id' | 'roleArn'>): string {
	return `${provider.id}|${provider.roleArn}`;
}

/** An OAuth 2.0 provider's credentials for its role. */
export function oauth2SourceKey(provider: Pick<OAuth2ProviderConfig, 'id' | 'roleArn'>): string {
	return `${provider.id}|${provider.roleArn}`;
}

/** An identity pool's credentials, a guest's apart from a player's. */
export function cognitoSourceKey(
	pool: Pick<IdentityPoolConfig, 'id'>,
	mode: 'player' | 'guest',
): string {
	return `${pool.id}|cognito-${mode}`;
}
