/**
 * The checksum algorithms S3 takes in `x-amz-checksum-<algorithm>` (API Reference, "Checking object
 * integrity"): CRC32, CRC32C, CRC64NVME, SHA1 and SHA256, each the base64 of its big-endian digest. CRC32
 * is zlib's; CRC32C (Castagnoli, reflected 0x82F63B78) and CRC64NVME (reflected 0x9A6C9329AC4BC9B5, both
 * with all-ones init and final xor) are table-driven here, since Node has neither.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The digest's length in bytes, which a well-formed header's base64 must decode to. */
const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
	CRC32: 4,
	CRC32C: 4,
	CRC64NVME: 8,
	SHA1: 20,
	SHA256: 32,
};

/** `x-amz-checksum-crc32` → `CRC32`; `undefined` for any other header. */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
	const match = /^x-amz-checksum-([a-z0-9]+)$/.exec(name.toLowerCase());
	if (match === null) return undefined;
	return CHECKSUM_ALGORITHMS.find((a) => a.toLowerCase() === match[1]);
}

export function headerOf(algorithm: ChecksumAlgorithm): string {
	return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Whether `value` is the base64 of a digest of `algorithm`'s length. */
export function wellFormed(algorithm: ChecksumAlgorithm, value: string): boolean {
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
	return Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm];
}

/** The base64 checksum of `data` (or of the concatenation of `parts`). */
export function checksumOf(algorithm: ChecksumAlgorithm, data: Buffer | readonly Buffer[]): string {
	const parts = Buffer.isBuffer(data) ? [data] : data;
	switch (algorithm) {
		case 'SHA1':
		case 'SHA256': {
			const hash = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
			for (const part of parts) hash.update(part);
			return hash.digest('base64');
		}
		case 'CRC32': {
			let value = 0;
			for (const part of parts) value = crc32(part, value);
			return uint32(value);
		}
		case 'CRC32C': {
			let value = 0xffffffff;
			for (const part of parts) value = crc32cUpdate(value, part);
			return uint32((value ^ 0xffffffff) >>> 0);
		}
		case 'CRC64NVME': {
			let state: [number, number] = [0xffffffff, 0xffffffff];
			for (const part of parts) state = crc64Update(state, part);
			const out = Buffer.alloc(8);
			out.writeUInt32BE((state[0] ^ 0xffffffff) >>> 0, 0);
			out.writeUInt32BE((state[1] ^ 0xffffffff) >>> 0, 4);
			return out.toString('base64');
		}
	}
}

function uint32(value: number): string {
	const out = Buffer.alloc(4);
	out.writeUInt32BE(value >>> 0);
	return out.toString('base64');
}

const CRC32C_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let c = i;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
		table[i] = c >>> 0;
	}
	return table;
})();

function crc32cUpdate(crc: number, data: Buffer): number {
	let c = crc;
	for (let i = 0; i < data.length; i++) c = CRC32C_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
	return c >>> 0;
}

/** The CRC64NVME table as high and low 32-bit halves (BigInt only here, once). */
const [CRC64_HI, CRC64_LO] = (() => {
	const hi = new Uint32Array(256);
	const lo = new Uint32Array(256);
	const poly = 0x9a6c9329ac4bc9b5n;
	for (let i = 0; i < 256; i++) {
		let c = BigInt(i);
		for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
		hi[i] = Number(c >> 32n);
		lo[i] = Number(c & 0xffffffffn);
	}
	return [hi, lo];
})();

function crc64Update([hi0, lo0]: [number, number], data: Buffer): [number, number] {
	let hi = hi0;
	let lo = lo0;
	for (let i = 0; i < data.length; i++) {
		const index = (lo ^ data[i]!) & 0xff;
		const shiftedLo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
		lo = (shiftedLo ^ CRC64_LO[index]!) >>> 0;
		hi = ((hi >>> 8) ^ CRC64_HI[index]!) >>> 0;
	}
	return [hi, lo];
}
