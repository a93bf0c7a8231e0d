import { randomBytes } from 'node:crypto';
import type { Account, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { loadFirstPartyGrant } from './consent';
import { lifetimes } from './id-token';
import { pageErrorSource, pageLogoutSource, pagePostLogoutSource } from './provider-pages';
import { scopeClaims, type PlayerDirectory } from './players';
import type { SigningKey } from './signing-key';

export interface ConfigurationInput {
	clientId: string;
	displayName: string;
	appOrigins: readonly string[];
	directory: PlayerDirectory;
	key: SigningKey;
	/** Content-Security-Policy for the pages oidc-provider renders through our sources. */
	csp: string;
	/** Issue refresh tokens (true); false makes the app renew through the iframe (`prompt=none`). */
	refreshTokens: boolean;
}

/**
 * The oidc-provider configuration of one sandbox provider: one public SPA client (PKCE, no secret),
 * refresh tokens without `offline_access` (unless `refreshTokens` is false), profile and e-mail claims in the ID token (STS and the app
 * read the ID token, not userinfo), and our own pages instead of the built-in ones.
 */
export function buildConfiguration(input: ConfigurationInput): Configuration {
	const { clientId, displayName, appOrigins, directory, key, csp, refreshTokens } = input;
	// Registered for the record; `allowAnyPathOnAppOrigins` widens the check to any path on these origins.
	const appRoots = appOrigins.map((origin) => `${origin}/`);
	return {
		clients: [
			{
				client_id: clientId,
				client_name: 'Fedplay',
				application_type: 'web',
				token_endpoint_auth_method: 'none',
				grant_types: refreshTokens
					? ['authorization_code', 'refresh_token']
					: ['authorization_code'],
				response_types: ['code'],
				redirect_uris: appRoots,
				post_logout_redirect_uris: appRoots,
				id_token_signed_response_alg: key.alg,
				// Every ID token carries auth_time, so a directly signed one can match it claim for claim.
				require_auth_time: true,
			},
		],
		jwks: { keys: [key.privateJwk] },
		cookies: { keys: [randomBytes(32).toString('base64url')] },
		claims: { ...scopeClaims },
		scopes: ['openid', 'offline_access'],
		responseTypes: ['code'],
		// Put profile and e-mail claims in the ID token itself: STS and the app only ever see that token.
		conformIdTokenClaims: false,
		// oidc-provider v9 supports only S256, so requiring PKCE is all that is left to say.
		pkce: { required: () => true },
		clientBasedCORS: (_ctx: unknown, origin: string) => appOrigins.includes(origin),
		issueRefreshToken: async (_ctx: unknown, client: { clientId: string }) =>
			refreshTokens && client.clientId === clientId,
		loadExistingGrant: loadFirstPartyGrant,
		findAccount: (_ctx: unknown, sub: string) => findAccount(directory, sub),
		interactions: {
			url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
		},
		ttl: {
			IdToken: lifetimes.idToken,
			AccessToken: lifetimes.accessToken,
			AuthorizationCode: lifetimes.authorizationCode,
			RefreshToken: lifetimes.refreshToken,
			Session: lifetimes.session,
			Grant: lifetimes.session,
			Interaction: lifetimes.interaction,
		},
		features: {
			devInteractions: { enabled: false },
			revocation: { enabled: true },
			userinfo: { enabled: true },
			rpInitiatedLogout: {
				enabled: true,
				logoutSource: (ctx: KoaContextWithOIDC, form: string) =>
					pageLogoutSource(ctx, form, displayName, csp),
				postLogoutSuccessSource: (ctx: KoaContextWithOIDC) =>
					pagePostLogoutSource(ctx, displayName, csp),
			},
		},
		renderError: (ctx: KoaContextWithOIDC, out: Record<string, unknown>) =>
			pageErrorSource(ctx, out, displayName, csp),
	};
}

function findAccount(directory: PlayerDirectory, sub: string): Account | undefined {
	const player = directory.playerOf(sub);
	if (player === undefined) return undefined;
	const claims = directory.claimsOf(player);
	return { accountId: sub, claims: async () => ({ ...claims }) };
}
