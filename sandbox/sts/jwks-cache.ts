import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { AwsError } from '../errors';

const CACHE_TTL_MS = 60 * 60 * 1000;
// At most one refetch per issuer in this window, so a stream of tokens with made-up `kid`s cannot make the
// sandbox hammer the identity provider.
const REFETCH_INTERVAL_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

interface Entry {
	jwks: JSONWebKeySet;
	keys: ReturnType<typeof createLocalJWKSet>;
	fetchedAt: number;
}

export const COULD_NOT_RETRIEVE_KEY =
	"Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/**
 * The identity providers' signing keys, found as STS does: the issuer's discovery document names its
 * `jwks_uri`; the key set is cached and fetched again (once, rate limited) when a token names an unknown `kid`.
 */
export class JwksCache {
	readonly #entries = new Map<string, Entry>();
	readonly #lastFetch = new Map<string, number>();

	/** The key set to verify a token with `kid` from `issuer`. Throws IDPCommunicationError or
	 * InvalidIdentityToken when no key can be had. */
	async keysFor(issuer: string, kid: string | undefined): Promise<Entry['keys']> {
		let entry = this.#entries.get(issuer);
		const stale = !entry || Date.now() - entry.fetchedAt > CACHE_TTL_MS;
		const unknownKid = entry !== undefined && !hasKid(entry.jwks, kid);
		if (stale || (unknownKid && this.#mayRefetch(issuer))) {
			entry = await this.#fetch(issuer);
		}
		if (!entry || !hasKid(entry.jwks, kid)) {
			throw new AwsError('InvalidIdentityToken', 400, COULD_NOT_RETRIEVE_KEY);
		}
		return entry.keys;
	}

	clear(): void {
		this.#entries.clear();
		this.#lastFetch.clear();
	}

	#mayRefetch(issuer: string): boolean {
		return Date.now() - (this.#lastFetch.get(issuer) ?? 0) >= REFETCH_INTERVAL_MS;
	}

	async #fetch(issuer: string): Promise<Entry> {
		this.#lastFetch.set(issuer, Date.now());
		const discovery = await getJson(
			`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
		);
		const jwksUri = (discovery as { jwks_uri?: unknown }).jwks_uri;
		if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
			throw new AwsError('InvalidIdentityToken', 400, COULD_NOT_RETRIEVE_KEY);
		}
		const jwks = (await getJson(jwksUri)) as JSONWebKeySet;
		if (!Array.isArray(jwks.keys))
			throw new AwsError('InvalidIdentityToken', 400, COULD_NOT_RETRIEVE_KEY);
		const entry = { jwks, keys: createLocalJWKSet(jwks), fetchedAt: Date.now() };
		this.#entries.set(issuer, entry);
		return entry;
	}
}

function hasKid(jwks: JSONWebKeySet, kid: string | undefined): boolean {
	// A token without `kid` can only be matched when the provider publishes a single key.
	return kid === undefined ? jwks.keys.length === 1 : jwks.keys.some((key) => key.kid === kid);
}

async function getJson(url: string): Promise<unknown> {
	let response: Response;
	try {
		response = await fetch(url, {
			signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
			redirect: 'error',
		});
	} catch {
		throw idpUnreachable();
	}
	if (!response.ok) throw idpUnreachable();
	try {
		return await response.json();
	} catch {
		throw idpUnreachable();
	}
}

/** STS's answer when the identity provider cannot be reached (or answers nothing usable). */
export function idpUnreachable(): AwsError {
	return new AwsError(
		'IDPCommunicationError',
		400,
		'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. This is often a transient error caused by network conditions. Retry the request a limited number of times and wait between attempts to avoid network conditions.',
	);
}
