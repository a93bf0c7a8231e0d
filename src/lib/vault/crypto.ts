import { AppError } from '../errors';
import { vault } from './backend';
import type { Sealed } from './types';

const KEY_ID = 'vault';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The AES-GCM key that seals vault secrets: 256-bit, non-extractable (script can use it, never export it),
 * kept in the vault. Read on every use rather than cached, so a vault wiped by another tab is never
 * written to with a key that no longer exists.
 */
export async function getOrCreateVaultKey(): Promise<CryptoKey> {
	const { keys } = await vault();
	const existing = await keys.get(KEY_ID);
	if (isVaultKey(existing)) return existing;
	const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt',
	]);
	// Two tabs may both get here: add-if-absent in one transaction, and everyone uses the winner.
	return keys.putUnless(KEY_ID, fresh, isVaultKey);
}

/** Encrypt `plaintext` with a fresh IV. `aad` names the record it belongs to, so it can't be moved. */
export async function seal(plaintext: string, aad: string): Promise<Sealed> {
	const key = await getOrCreateVaultKey();
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
		key,
		encoder.encode(plaintext),
	);
	return { iv, ct: new Uint8Array(ct) };
}

/** Decrypt what `seal` produced under the same `aad`; a tampered, moved or foreign value is refused. */
export async function unseal(sealed: unknown, aad: string): Promise<string> {
	if (!isSealed(sealed))
		throw new AppError('vault-unreadable', 'A sealed vault value is malformed.');
	const key = await getOrCreateVaultKey();
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(aad) },
			key,
			sealed.ct,
		);
		return decoder.decode(plain);
	} catch (error) {
		throw new AppError('vault-unreadable', 'A sealed vault value could not be opened.', {}, error);
	}
}

/** A well-formed sealed value: 96-bit IV, ciphertext at least one GCM tag long. */
export function isSealed(value: unknown): value is Sealed {
	if (typeof value !== 'object' || value === null) return false;
	const { iv, ct } = value as Partial<Sealed>;
	return (
		iv instanceof Uint8Array &&
		iv.byteLength === IV_BYTES &&
		ct instanceof Uint8Array &&
		ct.byteLength >= TAG_BYTES
	);
}

function isVaultKey(value: unknown): value is CryptoKey {
	return (
		value instanceof CryptoKey &&
		value.algorithm.name === 'AES-GCM' &&
		!value.extractable &&
		value.usages.includes('encrypt') &&
		value.usages.includes('decrypt')
	);
}
