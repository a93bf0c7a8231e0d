import { beforeEach, describe, expect, it } from 'vitest';
import {
	cachedDiscovery,
	discoveryOf,
	discoveryUrl,
	DISCOVERY_TTL_MS,
	rememberDiscovery,
} from '../../../src/lib/auth/discovery-cache';
import type { ProviderConfig } from '../../../src/lib/config/schema';
import { wipeVault } from '../../../src/lib/vault/credentials';
import { freshVault } from '../vault/fresh-vault';

beforeEach(freshVault);

const provider = { id: 'fedplay-id', issuer: 'https://id.example.com' } as ProviderConfig;
const other = { id: 'arcade-id', issuer: 'https://arcade.example.com' } as ProviderConfig;
const metadata = {
	issuer: 'https://id.example.com',
	authorization_endpoint: 'https://id.example.com/auth',
	token_endpoint: 'https://id.example.com/token',
};
const NOW = 1_800_000_000_000;

describe('the discovery cache', () => {
	it("gives back a provider's document within the hour, and only that provider's", async () => {
		await rememberDiscovery(provider, metadata, NOW);
		expect(await cachedDiscovery(provider, NOW + DISCOVERY_TTL_MS)).toEqual(metadata);
		expect(await cachedDiscovery(other, NOW)).toBeNull();
	});

	it('fetches again after the hour, or when the clock went back', async () => {
		await rememberDiscovery(provider, metadata, NOW);
		expect(await cachedDiscovery(provider, NOW + DISCOVERY_TTL_MS + 1)).toBeNull();
		expect(await cachedDiscovery(provider, NOW - 1)).toBeNull();
	});

	it.each([
		['another issuer', { ...metadata, issuer: 'https://evil.example.com' }],
		['no token endpoint', { ...metadata, token_endpoint: undefined }],
		['an endpoint that is no URL', { ...metadata, authorization_endpoint: 'not a url' }],
		['no object', 'metadata'],
	])('keeps nothing for a document with %s', async (_what, document) => {
		await rememberDiscovery(provider, document, NOW);
		expect(await cachedDiscovery(provider, NOW)).toBeNull();
	});

	it('keeps each provider beside the others, and is wiped with the vault', async () => {
		await rememberDiscovery(provider, metadata, NOW);
		await rememberDiscovery(other, { ...metadata, issuer: other.issuer }, NOW);
		expect(await cachedDiscovery(provider, NOW)).toEqual(metadata);
		expect(await cachedDiscovery(other, NOW)).toMatchObject({ issuer: other.issuer });
		await wipeVault();
		expect(await cachedDiscovery(provider, NOW)).toBeNull();
	});
});

describe('the discovery document at the sign-in click', () => {
	/** A provider on a local HTTP server answering its discovery document with `answer`; counts requests. */
	async function serving(
		answer: (issuer: string) => { status?: number; type?: string; body: string },
	): Promise<{ provider: ProviderConfig; requests: string[]; close: () => Promise<void> }> {
		const { createServer } = await import('node:http');
		const requests: string[] = [];
		let issuer = '';
		const server = createServer((req, res) => {
			requests.push(`${req.method} ${req.url} ${req.headers.accept}`);
			const { status = 200, type = 'application/json', body } = answer(issuer);
			res.writeHead(status, { 'Content-Type': type }).end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		issuer = `http://127.0.0.1:${port}/oidc`;
		return {
			provider: { id: 'local', issuer } as ProviderConfig,
			requests,
			close: () => new Promise((resolve) => server.close(() => resolve())),
		};
	}
	const documentOf = (issuer: string) =>
		JSON.stringify({
			issuer,
			authorization_endpoint: `${issuer}/auth`,
			token_endpoint: `${issuer}/token`,
		});

	it('is fetched once for callers at the same time, where oidc-client-ts looks, and kept for the callback', async () => {
		const idp = await serving((issuer) => ({ body: documentOf(issuer) }));
		try {
			const [a, b] = await Promise.all([
				discoveryOf(idp.provider, NOW),
				discoveryOf(idp.provider, NOW),
			]);
			expect(a).toMatchObject({ issuer: idp.provider.issuer });
			expect(b).toEqual(a);
			expect(idp.requests).toEqual(['GET /oidc/.well-known/openid-configuration application/json']);
			expect(discoveryUrl(`${idp.provider.issuer}/`)).toBe(discoveryUrl(idp.provider.issuer));
			// The callback (a new page): from the vault, no request.
			expect(await discoveryOf(idp.provider, NOW + 1000)).toEqual(a);
			expect(await cachedDiscovery(idp.provider, NOW + 1000)).toEqual(a);
			expect(idp.requests).toHaveLength(1);
		} finally {
			await idp.close();
		}
	});

	it.each([
		['another issuer’s document', () => ({ body: documentOf('https://evil.example.com') })],
		['an HTTP error', () => ({ status: 500, body: '{}' })],
		['HTML', (issuer: string) => ({ type: 'text/html', body: documentOf(issuer) })],
		['text that is not JSON', () => ({ body: '{"issuer":' })],
	])('is left to oidc-client-ts (null, nothing kept) on %s', async (_what, answer) => {
		const idp = await serving(answer);
		try {
			expect(await discoveryOf(idp.provider, NOW)).toBeNull();
			expect(await cachedDiscovery(idp.provider, NOW)).toBeNull();
		} finally {
			await idp.close();
		}
	});

	it('is null when the provider does not answer', async () => {
		const gone = { id: 'gone', issuer: 'http://127.0.0.1:9/oidc' } as ProviderConfig;
		expect(await discoveryOf(gone, NOW)).toBeNull();
	});
});
