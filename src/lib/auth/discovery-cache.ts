import type { OidcMetadata } from 'oidc-client-ts';
import type { ProviderConfig } from '../config/schema';
import { readMeta, writeMeta } from '../vault/meta';

/*
 * A provider's discovery document, fetched at the sign-in click in parallel with oidc-client-ts (not after
 * it: issue 18) and handed to the library as its metadata, then kept in the vault's meta store between the
 * redirect to the provider and the callback: the callback then exchanges the code without fetching it again
 * (one round trip fewer on the way to a playable game). It is public and short-lived here; wiped with the
 * vault.
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

/** Where oidc-client-ts looks for an issuer's document (its `metadataUrl` from `authority`). */
export function discoveryUrl(issuer: string): string {
	return `${issuer.endsWith('/') ? issuer : `${issuer}/`}.well-known/openid-configuration`;
}

/** The document as JSON, or null (no answer, an HTTP error, not JSON): never throws. */
async function fetchDocument(url: string): Promise<unknown> {
	try {
		// As oidc-client-ts asks: a simple GET (no preflight), cookies only to the app's own origin.
		const response = await fetch(url, {
			headers: { Accept: 'application/json' },
			credentials: 'same-origin',
		});
		const type = response.headers.get('Content-Type') ?? '';
		if (!response.ok || !type.startsWith('application/json')) return null;
		return (await response.json()) as unknown;
	} catch {
		return null;
	}
}

const pending = new Map<string, Promise<Endpoints | null>>();

/**
 * `provider`'s discovery document: the vault's copy within the TTL, else fetched and remembered. Callers at
 * the same time share one request (the click starts it; the OidcClient built meanwhile waits for it). Null
 * when it cannot be had or is not the issuer's own: oidc-client-ts then fetches it itself and reports a
 * failure in its own words, as it always did.
 */
export function discoveryOf(
	provider: ProviderConfig,
	now: number = Date.now(),
): Promise<Endpoints | null> {
	const key = provider.issuer;
	let found = pending.get(key);
	if (found) return found;
	found = (async () => {
		const cached = await cachedDiscovery(provider, now);
		if (cached) return cached;
		const fetched = usable(provider, await fetchDocument(discoveryUrl(provider.issuer)));
		if (fetched) await rememberDiscovery(provider, fetched, now);
		return fetched;
	})();
	pending.set(key, found);
	// Shared while in flight only: afterwards the vault's copy (and its TTL) answers.
	void found.finally(() => pending.delete(key));
	return found;
}
