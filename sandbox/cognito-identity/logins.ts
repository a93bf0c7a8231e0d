/**
 * The `Logins` map, checked as Cognito checks it (Developer Guide, "Identity pools authentication flow"): each
 * key must be a provider the pool federates; each token must come from that provider ("Issuer doesn't match
 * providerName"), be signed by a key of its JWKS, be issued to one of the IAM OIDC provider's client ids
 * (`aud`, and `azp` when present: src/lib/iam/token-audience.ts) and not be expired. "If any of the tokens
 * fail, the whole call fails." The token checks are STS's own (sts/web-identity-token.ts); their refusals
 * are put in Cognito's words here. One more key is accepted: `cognito-identity.amazonaws.com`, with an OpenID
 * token Cognito itself issued for the pool (a developer's, from GetOpenIdTokenForDeveloperIdentity), which
 * proves the identity it names ("If the token is for cognito-identity.amazonaws.com, it will be passed through
 * to Security Token Service with the appropriate role for the token", API Reference, GetCredentialsForIdentity).
 */
import { decodeJwt, jwtVerify } from 'jose';
import type { SandboxClock } from '../clock';
import { AwsError, isAwsError } from '../errors';
import type { SandboxInfra } from '../infra';
import type { JwksCache } from '../sts';
import { INCORRECT_AUDIENCE, NOT_A_JWT, verifyWebIdentityToken } from '../sts/web-identity-token';
import type { Login } from './identities';
import { COGNITO_ISSUER, COGNITO_PRINCIPAL, type CognitoTokenSigner } from './openid-token';
import type { IdentityPool } from './pools';

export interface LoginDeps {
	infra: SandboxInfra;
	jwks: JwksCache;
	clock: SandboxClock;
	signer: CognitoTokenSigner;
}

const notAuthorized = (message: string) => new AwsError('NotAuthorizedException', 400, message);

/**
 * The logins a `Logins` map proves, every token checked; throws Cognito's refusal for the first bad one.
 * `identityProof`: the calls on an existing identity (GetOpenIdToken, GetCredentialsForIdentity,
 * UnlinkIdentity) also take a Cognito token for it.
 */
export async function provenLogins(
	pool: IdentityPool,
	logins: Record<string, string> | undefined,
	deps: LoginDeps,
	identityProof = false,
): Promise<Login[]> {
	const proven: Login[] = [];
	for (const [key, token] of Object.entries(logins ?? {})) {
		const subject =
			identityProof && key === COGNITO_PRINCIPAL
				? await cognitoTokenSubject(pool, token, deps)
				: await tokenSubject(pool, key, token, deps);
		proven.push({ provider: key, subject });
	}
	return proven;
}

async function tokenSubject(
	pool: IdentityPool,
	key: string,
	token: string,
	deps: LoginDeps,
): Promise<string> {
	const provider = pool.loginProviders.get(key);
	// The developer provider name is no Logins key for the public calls: "they cannot use your developer
	// provider name in the logins map when calling GetId or GetOpenIdToken".
	if (!provider)
		throw notAuthorized('Token is not from a supported provider of this identity pool.');
	const claims = decodeClaims(token);
	if (claims.iss !== provider.url)
		throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
	try {
		const verified = await verifyWebIdentityToken(token, deps);
		return verified.claims.sub;
	} catch (error) {
		throw inCognitosWords(error, claims, deps.clock.now());
	}
}

/** The identity a Cognito OpenID token of this pool names; any other one is refused. */
async function cognitoTokenSubject(
	pool: IdentityPool,
	token: string,
	deps: LoginDeps,
): Promise<string> {
	decodeClaims(token);
	try {
		const { payload } = await jwtVerify(token, deps.signer.issuer.keys, {
			issuer: COGNITO_ISSUER,
			audience: pool.id,
			algorithms: ['RS512'],
			currentDate: new Date(deps.clock.now()),
		});
		if (typeof payload.sub === 'string') return payload.sub;
	} catch {
		// refused below, in the words Cognito uses for a token it cannot verify
	}
	throw notAuthorized("Invalid login token. Couldn't verify signed token.");
}

/** The claims of something that looks like an OpenID Connect ID token: a JWS with an issuer. */
function decodeClaims(token: string): { iss: string; exp?: unknown } {
	let claims: { iss?: unknown; exp?: unknown } | undefined;
	try {
		if (token.split('.').length === 3) claims = decodeJwt(token);
	} catch {
		claims = undefined;
	}
	if (typeof claims?.iss !== 'string')
		throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
	return { iss: claims.iss, exp: claims.exp };
}

/**
 * STS's refusal of a login token as Cognito words it. Expiry: "Invalid login token. Token expired:
 * <now> >= <exp>" (epoch seconds, as users quote it); audience: "Invalid login token. Incorrect token
 * audience."; a provider that cannot be reached: `ExternalServiceException`; any other failed check of the
 * signature or claims: "Invalid login token. Couldn't verify signed token.".
 */
function inCognitosWords(error: unknown, claims: { exp?: unknown }, nowMs: number): unknown {
	if (!isAwsError(error)) return error;
	if (error.code === 'ExpiredTokenException') {
		return notAuthorized(
			`Invalid login token. Token expired: ${Math.floor(nowMs / 1000)} >= ${String(claims.exp)}`,
		);
	}
	if (error.code === 'IDPCommunicationError') {
		return new AwsError(
			'ExternalServiceException',
			400,
			'The identity provider could not be reached to verify the login token.',
		);
	}
	if (error.message === INCORRECT_AUDIENCE)
		return notAuthorized('Invalid login token. Incorrect token audience.');
	if (error.message === NOT_A_JWT)
		return notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
	return notAuthorized("Invalid login token. Couldn't verify signed token.");
}
