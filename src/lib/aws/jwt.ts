/**
 * Reads a JWT's header and claims for display, without verifying it (the provider and STS already did).
 * The token itself is never returned: only what is inside it, which is not secret on its own.
 */

export interface DecodedJwt {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

function base64UrlJson(part: string): Record<string, unknown> | null {
	try {
		const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
		const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
		const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
		const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** The header and claims of a compact JWS; `null` for anything that is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
	const parts = token.split('.');
	if (parts.length !== 3) return null;
	const header = base64UrlJson(parts[0] ?? '');
	const claims = base64UrlJson(parts[1] ?? '');
	return header && claims ? { header, claims } : null;
}

/** Time claims (`exp`, `iat`, `nbf`, `auth_time`) as dates; other claims are left out. */
export function claimTimes(claims: Record<string, unknown>): Record<string, Date> {
	const times: Record<string, Date> = {};
	for (const name of ['iat', 'nbf', 'auth_time', 'exp']) {
		const value = claims[name];
		if (typeof value === 'number' && Number.isFinite(value)) times[name] = new Date(value * 1000);
	}
	return times;
}
