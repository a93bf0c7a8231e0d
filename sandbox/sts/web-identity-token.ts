import {
	decodeJwt,
	decodeProtectedHeader,
	errors,
	jwtVerify,
	type JWTPayload,
	type JWTVerifyGetKey,
} from 'jose';
import type { SandboxClock } from '../clock';
import { AwsError } from '../errors';
import { tokenAudience } from '../../src/lib/iam/token-audience';
import { findOidcProvider, type OidcProviderInfo, type SandboxInfra } from '../infra';
import type { JwksCache } from './jwks-cache';

/** Algorithms STS accepts for OIDC ID tokens. `none` and the HMAC family are refused. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
/** Allowance for clock differences between the provider and STS, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface VerifiedIdToken {
	claims: JWTPayload & { sub: string; iss: string };
	provider: OidcProviderInfo;
	/** What `<provider>:aud` sees: the token's `azp` when set, else its audience that is a client id. */
	audience: string;
	/** What `<provider>:oaud` sees: the token's audience that is one of the provider's client ids. */
	originalAudience: string;
}

/**
 * An issuer STS trusts without an IAM OIDC provider in the account: AWS's own `cognito-identity.amazonaws.com`
 * (a built-in federated principal, Cognito Identity's tokens). STS knows its keys itself; its audience (an
 * identity pool id) is left to the trust policy's `<issuer>:aud` condition, as no client-id list names it.
 */
export interface BuiltInIssuer {
	/** Its `iss` as `url`, and `arn`: the principal trust policies name (`cognito-identity.amazonaws.com`). */
	provider: OidcProviderInfo;
	keys: JWTVerifyGetKey;
}

export interface WebIdentityTokenDeps {
	infra: SandboxInfra;
	jwks: JwksCache;
	clock: SandboxClock;
	builtInIssuers?: readonly BuiltInIssuer[];
}

const invalid = (message: string) => new AwsError('InvalidIdentityToken', 400, message);
export const NOT_A_JWT =
	'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const INCORRECT_AUDIENCE = 'Incorrect token audience';

/**
 * Validates a web identity token as STS does for an IAM OIDC provider: a well-formed JWT; an allowed
 * algorithm; an issuer registered in the account; a signature by a key from the issuer's JWKS; an audience
 * (and an `azp`, when present) in the provider's client-id list (token-audience.ts); `exp`/`nbf`/`iat`
 * against the sandbox clock; a `sub`.
 */
export async function verifyWebIdentityToken(
	token: string,
	deps: WebIdentityTokenDeps,
): Promise<VerifiedIdToken> {
	const { header, payload } = decode(token);
	if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg)) {
		throw invalid(
			`The ID Token's signing algorithm is not supported: ${String(header.alg)}. Use one of ${ALLOWED_ALGORITHMS.join(', ')}.`,
		);
	}
	if (typeof payload.iss !== 'string') throw invalid(NOT_A_JWT);
	const builtIn = deps.builtInIssuers?.find((issuer) => issuer.provider.url === payload.iss);
	const provider = builtIn?.provider ?? findOidcProvider(deps.infra, payload.iss);
	if (!provider)
		throw invalid(`No OpenIDConnect provider found in your account for ${payload.iss}`);
	const keys = builtIn?.keys ?? (await deps.jwks.keysFor(payload.iss, header.kid));
	const nowMs = deps.clock.now();
	let claims: JWTPayload;
	try {
		({ payload: claims } = await jwtVerify(token, keys, {
			algorithms: ALLOWED_ALGORITHMS,
			currentDate: new Date(nowMs),
			clockTolerance: CLOCK_TOLERANCE_SECONDS,
		}));
	} catch (error) {
		throw toAwsError(error, payload, nowMs);
	}
	checkTimes(claims, nowMs);
	const audience = builtIn ? builtInAudience(claims) : tokenAudience(claims, provider.clientIds);
	if (audience === null) throw invalid(INCORRECT_AUDIENCE);
	if (typeof claims.sub !== 'string' || claims.sub === '')
		throw invalid('The ID Token has no sub claim.');
	return {
		claims: claims as VerifiedIdToken['claims'],
		provider,
		audience: audience.aud,
		originalAudience: audience.oaud,
	};
}

/** A built-in issuer's token names one audience (an identity pool id), which the trust policy checks. */
function builtInAudience(claims: JWTPayload): { aud: string; oaud: string } | null {
	return typeof claims.aud === 'string' && claims.aud !== ''
		? { aud: claims.aud, oaud: claims.aud }
		: null;
}

function decode(token: string): {
	header: ReturnType<typeof decodeProtectedHeader>;
	payload: JWTPayload;
} {
	try {
		if (token.split('.').length !== 3) throw new Error('not a JWS compact serialization');
		return { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
	} catch {
		throw invalid(NOT_A_JWT);
	}
}

function checkTimes(claims: JWTPayload, nowMs: number): void {
	const nowSeconds = nowMs / 1000;
	if (!Number.isInteger(claims.exp) || !Number.isInteger(claims.iat)) {
		throw invalid('The ID Token must carry integer exp and iat claims.');
	}
	if (claims.iat! > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
		throw invalid('The ID Token was issued in the future (iat).');
	}
}

function toAwsError(error: unknown, payload: JWTPayload, nowMs: number): AwsError {
	if (error instanceof errors.JWTExpired) {
		return new AwsError(
			'ExpiredTokenException',
			400,
			`Token expired: current date/time ${Math.floor(nowMs / 1000)} must be before the expiration date/time${String(payload.exp)}`,
		);
	}
	if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
		return invalid('The ID Token is not yet valid (nbf).');
	}
	if (
		error instanceof errors.JWKSNoMatchingKey ||
		error instanceof errors.JWKSMultipleMatchingKeys
	) {
		return invalid(
			"Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
		);
	}
	if (error instanceof errors.JWSSignatureVerificationFailed)
		return invalid('The ID Token signature could not be verified.');
	return invalid(NOT_A_JWT);
}
