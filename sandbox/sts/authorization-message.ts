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

// One key per sandbox process, made at start: messages from another sandbox (or tampered ones) fail to open.
const KEY = randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Bumped if the envelope changes; authenticated as additional data.
const AAD = Buffer.from('fedplay-authz-v1');

/** Seals a payload into an opaque `Encoded authorization failure message` (AES-256-GCM, base64url). */
export function encodeAuthorizationMessage(payload: AuthorizationMessagePayload): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', KEY, iv);
	cipher.setAAD(AAD);
	const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** Opens a message made by {@link encodeAuthorizationMessage}; `null` when it is foreign or tampered. */
export function decodeAuthorizationMessage(encoded: string): string | null {
	if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
	const bytes = Buffer.from(encoded, 'base64url');
	if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, IV_BYTES));
		decipher.setAAD(AAD);
		decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([
			decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
			decipher.final(),
		]).toString('utf8');
	} catch {
		return null;
	}
}
