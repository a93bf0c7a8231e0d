import type { VerifiedIdToken } from './web-identity-token';

/** The issuer without its scheme (`localhost:4000`): AWS's prefix of the web identity condition keys. */
export function providerHost(token: VerifiedIdToken): string {
	return token.provider.url.replace(/^https?:\/\//, '');
}

/**
 * Condition keys from the token: `<host>:sub`, `:aud` (the `azp` when set), `:oaud` (the token's audience),
 * `:azp`, `:amr`, and `aws:FederatedProvider`.
 */
export function webIdentityKeys(token: VerifiedIdToken): Record<string, string | string[]> {
	const host = providerHost(token);
	const keys: Record<string, string | string[]> = {
		[`${host}:sub`]: token.claims.sub,
		[`${host}:aud`]: token.audience,
		[`${host}:oaud`]: token.originalAudience,
		'aws:FederatedProvider': token.provider.arn,
	};
	const { azp, amr } = token.claims as { azp?: unknown; amr?: unknown };
	if (typeof azp === 'string') keys[`${host}:azp`] = azp;
	if (Array.isArray(amr)) keys[`${host}:amr`] = amr.map(String);
	else if (typeof amr === 'string') keys[`${host}:amr`] = [amr];
	return keys;
}
