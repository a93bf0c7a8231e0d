/**
 * Who a web identity token says the caller is, whichever kind of token it is: an OpenID Connect ID token (a JWT
 * STS checks itself against the issuer's keys) or, with `ProviderId`, an OAuth 2.0 access token (opaque; the
 * provider checks it). AssumeRoleWithWebIdentity decides and issues from this alone.
 */
import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM } from '../aws-token-claims';
import type { SandboxClock } from '../clock';
import type { SandboxInfra } from '../infra';
import type { JwksCache } from './jwks-cache';
import { accessTokenKeys, verifyAccessToken, type OAuthProviders } from './oauth-access-token';
import { checkTagRules, NO_TAGS, tagsFromClaim, type TagRequest } from './session-tags';
import { sourceIdentityFromClaim } from './source-identity';
import { providerHost, webIdentityKeys } from './web-identity-keys';
import { verifyWebIdentityToken, type BuiltInIssuer } from './web-identity-token';

export interface WebIdentity {
	/** What the trust policy's `Principal.Federated` names: the OIDC provider's ARN, or `www.amazon.com`. */
	federatedPrincipal: string;
	/** AWS's prefix of the condition keys (`localhost:4000`, `www.amazon.com`). */
	keyPrefix: string;
	/** SubjectFromWebIdentityToken: the ID token's `sub`, or the access token's `user_id`. */
	subject: string;
	/** Audience: what `<provider>:aud` sees for an ID token; the client id for an access token. */
	audience: string;
	/** Provider: "the value of the iss field" for an ID token, "the value of the ProviderId" for an access token. */
	provider: string;
	/** The web identity condition keys and policy variables the session carries. */
	keys: Record<string, string | string[]>;
	/** Session tags and source identity: only an ID token can carry them (an access token has no claims). */
	tags: TagRequest;
	sourceIdentity: string | undefined;
}

export interface WebIdentityDeps {
	infra: SandboxInfra;
	clock: SandboxClock;
	jwks: JwksCache;
	oauthProviders: OAuthProviders;
	/** Issuers STS trusts without an IAM OIDC provider: Cognito Identity's (web-identity-token.ts). */
	builtInIssuers?: readonly BuiltInIssuer[];
}

/** Validates `token` as `providerId`'s access token when one is given, else as an ID token. */
export function webIdentityOf(
	token: string,
	providerId: string | undefined,
	deps: WebIdentityDeps,
): Promise<WebIdentity> {
	return providerId === undefined
		? idTokenIdentity(token, deps)
		: accessTokenIdentity(token, providerId, deps.oauthProviders);
}

async function idTokenIdentity(token: string, deps: WebIdentityDeps): Promise<WebIdentity> {
	const verified = await verifyWebIdentityToken(token, deps);
	return {
		federatedPrincipal: verified.provider.arn,
		keyPrefix: providerHost(verified),
		subject: verified.claims.sub,
		audience: verified.audience,
		provider: verified.claims.iss,
		keys: webIdentityKeys(verified),
		tags: checkTagRules(tagsFromClaim(verified.claims[TAGS_CLAIM])),
		sourceIdentity: sourceIdentityFromClaim(verified.claims[SOURCE_IDENTITY_CLAIM]),
	};
}

async function accessTokenIdentity(
	token: string,
	providerId: string,
	providers: OAuthProviders,
): Promise<WebIdentity> {
	const verified = await verifyAccessToken(providerId, token, providers);
	return {
		// Login with Amazon is built into IAM: trust policies name it as is, no provider resource exists.
		federatedPrincipal: verified.providerId,
		keyPrefix: verified.providerId,
		subject: verified.userId,
		audience: verified.audience,
		provider: verified.providerId,
		keys: accessTokenKeys(verified),
		tags: NO_TAGS,
		sourceIdentity: undefined,
	};
}
