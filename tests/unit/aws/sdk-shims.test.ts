import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sha256 } from '../../../src/lib/aws/sdk-shims/checksum';
import { SignatureV4MultiRegion } from '../../../src/lib/aws/sdk-shims/signature-v4-multi-region';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function both(secret: string | Uint8Array | undefined, parts: Uint8Array[]) {
	const shim = new Sha256(secret);
	const js = new Sha256Js(secret);
	for (const part of parts) {
		shim.update(part);
		js.update(part);
	}
	return { shim: hex(await shim.digest()), js: hex(await js.digest()) };
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the build’s SHA-256 (WebCrypto only)', () => {
	it('hashes as the SDK’s pure-JS SHA-256 does, the FIPS 180-2 vectors included', async () => {
		expect((await both(undefined, [])).shim).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect((await both(undefined, [utf8('abc')])).shim).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
		const body = utf8(JSON.stringify({ score: 1234, name: 'Ålice ✓' }).repeat(500));
		const split = [body.subarray(0, 7), body.subarray(7, 4000), body.subarray(4000)];
		const { shim, js } = await both(undefined, split);
		expect(shim).toBe(js);
	});

	it('makes HMAC-SHA-256 with a string or byte key, as SigV4’s key derivation does', async () => {
		// RFC 4231, test case 2.
		expect((await both('Jefe', [utf8('what do ya want for nothing?')])).shim).toBe(
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		);
		const key = new Uint8Array(32).map((_, i) => i * 7);
		const { shim, js } = await both(key, [utf8('20261202/us-east-1/sts/aws4_request')]);
		expect(shim).toBe(js);
	});

	it('starts over after reset, and keeps no view of the caller’s buffer', async () => {
		const hash = new Sha256();
		hash.update(utf8('thrown away'));
		hash.reset();
		const buffer = utf8('abc');
		hash.update(buffer);
		buffer.fill(0);
		expect(hex(await hash.digest())).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
	});

	it('says why it cannot sign where the page has no WebCrypto (not a secure context)', async () => {
		vi.stubGlobal('crypto', undefined);
		const hash = new Sha256();
		hash.update(utf8('abc'));
		await expect(hash.digest()).rejects.toThrow(
			'Signing AWS requests needs WebCrypto (crypto.subtle): open Fedplay over HTTPS.',
		);
	});
});

describe('the build’s STS signer (SigV4 only)', () => {
	it('tells the SDK there is no SigV4a signer, so it takes the endpoint’s SigV4', () => {
		expect(SignatureV4MultiRegion.sigv4aDependency()).toBe('none');
	});
});
