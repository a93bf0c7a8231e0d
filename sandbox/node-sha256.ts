import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/**
 * SHA-256 and HMAC-SHA-256 for `@smithy/signature-v4` on node:crypto. The pure-JS `@aws-crypto/sha256-js`
 * the signer defaults to cost about 0.4 ms per verification — most of the gateway's added latency.
 */
export class NodeSha256 {
	readonly #secret: Uint8Array | undefined;
	#hash: Hash | Hmac;

	constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
		this.#secret = secret === undefined ? undefined : toBytes(secret);
		this.#hash = this.#create();
	}

	update(data: string | ArrayBuffer | ArrayBufferView): void {
		this.#hash.update(toBytes(data));
	}

	async digest(): Promise<Uint8Array> {
		return new Uint8Array(this.#hash.digest());
	}

	reset(): void {
		this.#hash = this.#create();
	}

	#create(): Hash | Hmac {
		return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
	}
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Uint8Array {
	if (typeof data === 'string') return Buffer.from(data, 'utf8');
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return new Uint8Array(data);
}
