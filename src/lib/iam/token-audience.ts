/**
 * Which client an ID token was issued to, read as STS reads it: the values of the `<provider>:aud` and
 * `<provider>:oaud` condition keys. Pure: the sandbox's STS decides with it, the inspector shows with it.
 *
 * AWS documents the rule for Google only (IAM User Guide, "Available keys for AWS web identity federation"):
 * `accounts.google.com:aud` matches "`aud` for OAuth 2.0 Google client IDs of your application, when the
 * `azp` field is not set. When the `azp` field is set, the `aud` field matches the
 * `accounts.google.com:oaud` condition key", and "`azp` when the `azp` field is set"; `oaud` "must be one of
 * the OAuth 2.0 client IDs of your application". It is silent for other OpenID Connect providers. Fedplay
 * infers the generic rule from the Google case and applies it to every provider, so a token issued to
 * another client (its `azp`) cannot pass as the app's because its `aud` array also names the app:
 * - one of the token's audiences must be one of the provider's registered client ids (ClientIdList), as
 *   today; that audience is `:oaud`;
 * - when `azp` is present it must be a registered client id too (anything else, an empty string or a
 *   non-string included, is refused), and it is what `:aud` sees; without `azp`, `:aud` is that audience.
 */

export interface TokenAudience {
	/** The `<provider>:aud` value: the token's `azp` when set, else the audience that matched. */
	aud: string;
	/** The `<provider>:oaud` value: the token's audience that is a registered client id. */
	oaud: string;
}

/** The claims this reads; anything else in the token is ignored. */
export interface AudienceClaims {
	aud?: unknown;
	azp?: unknown;
}

/**
 * The token's `:aud` and `:oaud` values against the provider's registered client ids, or `null` when STS
 * refuses the token ("Incorrect token audience").
 */
export function tokenAudience(
	claims: AudienceClaims,
	clientIds: readonly string[],
): TokenAudience | null {
	const audiences = typeof claims.aud === 'string' ? [claims.aud] : [claims.aud].flat();
	const oaud = audiences.find(
		(aud): aud is string => typeof aud === 'string' && clientIds.includes(aud),
	);
	if (oaud === undefined) return null;
	// JSON has no `undefined`: a present azp, even `null` or `""`, is checked.
	const { azp } = claims;
	if (azp === undefined) return { aud: oaud, oaud };
	return typeof azp === 'string' && clientIds.includes(azp) ? { aud: azp, oaud } : null;
}

/**
 * For a token STS has already accepted, when its answer (`Audience`) is not at hand: what `:aud` saw, by
 * the same rule — the `azp` when set, else the `aud` when it is one string (an array names no one client).
 */
export function acceptedAudience(claims: AudienceClaims): string | undefined {
	if (typeof claims.azp === 'string') return claims.azp;
	return typeof claims.aud === 'string' ? claims.aud : undefined;
}
