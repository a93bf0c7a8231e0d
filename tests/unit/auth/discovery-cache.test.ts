import { beforeEach, describe, expect, it } from 'vitest';
import {
	cachedDiscovery,
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
