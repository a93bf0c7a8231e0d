import { decodeJwt, type DecodedJwt } from './jwt';
import { redactBody } from './redact';

/**
 * Copies an SDK command's input or output into plain JSON that is safe to keep and show: secret fields and
 * JWTs redacted (redact.ts), bodies and streams replaced by a note, so a denied request can be re-evaluated
 * later and a step of the flow shown, with nothing secret retained.
 */

function describeOpaque(value: object): string | undefined {
	if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
	if (typeof Blob !== 'undefined' && value instanceof Blob) return `[Blob, ${value.size} bytes]`;
	const proto: unknown = Object.getPrototypeOf(value);
	if (proto === Object.prototype || proto === null || Array.isArray(value)) return undefined;
	return `[${(value as { constructor?: { name?: string } }).constructor?.name ?? 'object'}]`;
}

/** A redacted, JSON-only copy of `value`; `undefined` when there is nothing to keep. */
export function sanitizeForLog(value: unknown): Record<string, unknown> | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	try {
		const json = JSON.stringify(value, (key, inner: unknown) => {
			if (key === '$metadata') return undefined;
			if (key === 'Body' && inner !== null && typeof inner === 'object') return '[body]';
			if (inner instanceof Set) return [...(inner as Set<unknown>)];
			if (typeof inner === 'bigint') return inner.toString();
			if (typeof inner === 'object' && inner !== null) return describeOpaque(inner) ?? inner;
			return inner;
		});
		if (json === undefined) return undefined;
		const parsed: unknown = JSON.parse(redactBody(json));
		return typeof parsed === 'object' && parsed !== null
			? (parsed as Record<string, unknown>)
			: undefined;
	} catch {
		return { note: '[input not readable]' };
	}
}

/** The decoded header and claims of the `WebIdentityToken` an AssumeRoleWithWebIdentity input carries. */
export function identityTokenOf(input: unknown): DecodedJwt | undefined {
	const token = (input as { WebIdentityToken?: unknown } | null)?.WebIdentityToken;
	return typeof token === 'string' ? (decodeJwt(token) ?? undefined) : undefined;
}
