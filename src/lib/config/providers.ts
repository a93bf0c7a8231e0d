import type { OAuth2ProviderConfig, ProviderConfig, RuntimeConfig } from './schema';

/** Any provider a player signs in with: an OpenID provider (ID token) or an OAuth 2.0 one (access token). */
export type SignInProvider = ProviderConfig | OAuth2ProviderConfig;

/** True for an OAuth 2.0 provider (`oauth2Providers`): it has a `ProviderId` and no issuer. */
export function isOAuth2Provider(provider: SignInProvider): provider is OAuth2ProviderConfig {
	return 'providerId' in provider;
}

/** The provider with this id in any list of the config: direct, identity pools, OAuth 2.0. */
export function findSignInProvider(
	config: Pick<RuntimeConfig, 'providers' | 'identityPools' | 'oauth2Providers'>,
	id: unknown,
): SignInProvider | undefined {
	return (
		config.providers.find((p) => p.id === id) ??
		config.identityPools?.find((p) => p.id === id) ??
		config.oauth2Providers?.find((p) => p.id === id)
	);
}
