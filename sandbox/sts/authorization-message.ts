import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The decoded form of an authorization failure message, in AWS's shape (IAM User Guide, DecodeAuthorizationMessage). */
export interface AuthorizationMessagePayload {
	allowed: boolean;
	explicitDeny: boolean;
	matchedStatements: { items: unknown[] };
	failures: { items: unknown[] };
	context: {
		principal: { id: string; arn: string };
		action: string;
		resource: string;
		conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
	};
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
// Bumped if the envelope changes; authenticated as additional data.
const AAD = Buffer.from('fedplay-authz-v1');

/** Seals and opens `Encoded authorization failure message`s with one sandbox's own key. */
export interface AuthorizationMessageCodec {
	/** An opaque message (AES-256-GCM, base64url). */
	encode(payload: AuthorizationMessagePayload): string;
	/** The payload's JSON; `null` when the message is foreign (another sandbox's) or tampered. */
	decode(encoded: string): string | null;
}

/** A codec with a key made now: one per sandbox, so another sandbox's messages fail to open, as at AWS. */
export function createAuthorizationMessageCodec(): AuthorizationMessageCodec {
	const key = randomBytes(32);
	return {
		encode(payload) {
			const iv = randomBytes(IV_BYTES);
			const cipher = createCipheriv('aes-256-gcm', key, iv);
			cipher.setAAD(AAD);
			const sealed = Buffer.concat([
				cipher.update(JSON.stringify(payload), 'utf8'),
				cipher.final(),
			]);
			return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
		},
		decode(encoded) {
			if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
			const bytes = Buffer.from(encoded, 'base64url');
			if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
			try {
				const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
				decipher.setAAD(AAD);
				decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
				return Buffer.concat([
					decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
					decipher.final(),
				]).toString('utf8');
			} catch {
				return null;
			}
		},
	};
}
