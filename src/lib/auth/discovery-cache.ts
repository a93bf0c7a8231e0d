import type { OidcMetadata } from 'oidc-client-ts';
import type { ProviderConfig } from '../config/schema';
import { readMeta, writeMeta } from '../vault/meta';

/*
 * A provider's discovery document, kept in the vault's meta store between the redirect to the provider and
 * the callback: the callback then exchanges the code without fetching it again (one round trip fewer on
 * the way to a playable game, issue 18). It is public and short-lived here; wiped with the vault.
 */

/** How long a fetched discovery document is reused. */
export const DISCOVERY_TTL_MS = 60 * 60_000;

type Endpoints = Partial<OidcMetadata>;

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'end_session_endpoint'] as const;

function isUrl(text: string): boolean {
	try {
		new URL(text);
		return true;
	} catch {
		return false;
	}
}

/** The document, when it is the issuer's own and its endpoints are URLs. */
function usable(provider: ProviderConfig, value: unknown): Endpoints | null {
	if (typeof value !== 'object' || value === null) return null;
	const metadata = value as Record<string, unknown>;
	if (metadata.issuer !== provider.issuer) return null;
	for (const name of ENDPOINTS) {
		const url = metadata[name];
		if (url === undefined && name === 'end_session_endpoint') continue;
		if (typeof url !== 'string' || !isUrl(url)) return null;
	}
	return metadata as Endpoints;
}

/** The cached discovery document of `provider` fetched within the TTL (on the corrected clock `now`). */
export async function cachedDiscovery(
	provider: ProviderConfig,
	now: number = Date.now(),
): Promise<Endpoints | null> {
	const cache = await readMeta('oidcDiscovery').catch(() => null);
	const entry = cache?.[provider.issuer];
	if (!entry || now - entry.fetchedAt > DISCOVERY_TTL_MS || entry.fetchedAt > now) return null;
	return usable(provider, entry.metadata);
}

/** Keep `metadata` as `provider`'s discovery document, fetched at `now`. */
export async function rememberDiscovery(
	provider: ProviderConfig,
	metadata: unknown,
	now: number = Date.now(),
): Promise<void> {
	if (!usable(provider, metadata)) return;
	const cache = (await readMeta('oidcDiscovery').catch(() => null)) ?? {};
	await writeMeta('oidcDiscovery', {
		...cache,
		[provider.issuer]: { fetchedAt: now, metadata },
	}).catch(() => undefined);
}
