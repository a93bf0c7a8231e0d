import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import type { SessionFacts } from './session-facts';

/**
 * What the inspector shows of an OAuth 2.0 session (Login with Amazon), from STS's own answer: `Provider`
 * (the ProviderId), `SubjectFromWebIdentityToken` (the user id) and `Audience` (the client id the token was
 * issued to); the application id is the one the role's trust policy names (config.json `appId`): STS gave
 * credentials, so the token's `www.amazon.com:app_id` matched it.
 */
export interface OAuth2Facts {
	providerId: string;
	userId: string | null;
	appId: string | null;
	clientId: string | null;
}

/** The provider's application id, for `<provider>:app_id` in the request context. */
export function appIdOf(provider: SignInProvider | null): string | undefined {
	return provider && isOAuth2Provider(provider) ? provider.appId : undefined;
}

/** The OAuth 2.0 facts of the session; null on the OpenID Connect path or before any credentials. */
export function oauth2Facts(
	facts: Pick<SessionFacts, 'provider' | 'subjectFromWebIdentityToken' | 'audience'> | null,
	provider: SignInProvider | null,
): OAuth2Facts | null {
	if (!facts || !provider || !isOAuth2Provider(provider)) return null;
	return {
		providerId: facts.provider ?? provider.providerId,
		userId: facts.subjectFromWebIdentityToken,
		appId: provider.appId ?? null,
		clientId: facts.audience ?? provider.clientId,
	};
}
