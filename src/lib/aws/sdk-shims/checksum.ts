import type { Checksum, SourceData } from '@smithy/types';

// Everything else of the real module (its own import resolves to it): a local `Sha256` wins over this.
export * from '@smithy/core/checksum';

/*
 * `@smithy/core/checksum` as the app's build resolves it (vite.config.ts, `sdkShims`), with the SHA-256 the
 * signers use on WebCrypto alone. The SDK's browser SHA-256 carries a pure-JS copy for pages without
 * `crypto.subtle` (an insecure context) and for bodies over 8 MB. Fedplay runs only in a secure context (its
 * vault and PKCE need WebCrypto too) and signs small JSON bodies, so that copy was bytes no player runs (issue
 * 18). The tests run the real package; tests/integration/sdk-shims.test.ts signs with this against the sandbox.
 */

const encoder = new TextEncoder();

function bytesOf(data: SourceData): Uint8Array<ArrayBuffer> {
	if (typeof data === 'string') return encoder.encode(data);
	if (ArrayBuffer.isView(data)) {
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
	}
	return new Uint8Array(data).slice();
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const all = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.byteLength, 0));
	let at = 0;
	for (const chunk of chunks) {
		all.set(chunk, at);
		at += chunk.byteLength;
	}
	return all;
}

/** SHA-256, or HMAC-SHA-256 when made with a secret (SigV4's signing key and signature). */
export class Sha256 implements Checksum {
	readonly #secret: Uint8Array<ArrayBuffer> | null;
	#chunks: Uint8Array[] = [];

	constructor(secret?: SourceData) {
		this.#secret = secret ? bytesOf(secret) : null;
	}

	update(data: Uint8Array): void {
		this.#chunks.push(bytesOf(data));
	}

	async digest(): Promise<Uint8Array> {
		const subtle = globalThis.crypto?.subtle;
		if (!subtle) {
			throw new Error(
				'Signing AWS requests needs WebCrypto (crypto.subtle): open Fedplay over HTTPS.',
			);
		}
		const data = concat(this.#chunks);
		if (!this.#secret) return new Uint8Array(await subtle.digest('SHA-256', data));
		const key = await subtle.importKey(
			'raw',
			this.#secret,
			{ name: 'HMAC', hash: 'SHA-256' },
			false,
			['sign'],
		);
		return new Uint8Array(await subtle.sign('HMAC', key, data));
	}

	reset(): void {
		this.#chunks = [];
	}
}
