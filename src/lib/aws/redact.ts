/**
 * Redaction for everything the inspector shows or exports. Secrets (SecretAccessKey, SessionToken, ID,
 * access and refresh tokens, SigV4 signatures, cookies) appear at most as their first and last few
 * characters. All patterns are linear, so redacting a large body is safe.
 */

const MASK = '••••';

/** `abcd…wxyz`; values too short to show without giving most of them away are fully masked. */
export function redactSecret(value: string, keep = 4): string {
	if (value.length < keep * 4 || keep <= 0) return MASK;
	return `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

/** Field names whose values are secret, in JSON, XML and form bodies. */
const SECRET_FIELDS =
	'SecretAccessKey|SessionToken|WebIdentityToken|id_token|refresh_token|access_token|client_secret|password|code_verifier|secretKey|sessionToken|Token';

const JSON_FIELD = new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)("?)`, 'gi');
const XML_FIELD = new RegExp(`(<(${SECRET_FIELDS})>)([^<]*)(</\\2>|$)`, 'gi');
const FORM_FIELD = new RegExp(`((?:^|[?&])(?:${SECRET_FIELDS})=)([^&\\s]*)`, 'gi');
/** Three base64url parts: a JWT. The look-behind stops the engine re-trying inside a long run. */
const JWT = /(?<![\w-])eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}(?![\w-])/g;

/** Masks secret fields in a JSON, XML or form body, and any JWT anywhere in it. */
export function redactBody(text: string, contentType = ''): string {
	void contentType; // Bodies are often mislabelled; every rule runs on every body.
	return text
		.replace(
			JSON_FIELD,
			(_m, open: string, value: string, close: string) => open + redactSecret(value) + close,
		)
		.replace(
			XML_FIELD,
			(_m, open: string, _name: string, value: string, close: string) =>
				open + redactSecret(value) + close,
		)
		.replace(FORM_FIELD, (_m, key: string, value: string) => key + redactSecret(value))
		.replace(JWT, (jwt) => redactSecret(jwt, 6));
}

/** `AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=…, Signature=abcd…wxyz`. */
function redactAuthorization(value: string): string {
	if (/^AWS4-/i.test(value)) {
		return value.replace(
			/(Signature=)([0-9a-f]+)/i,
			(_m, key: string, sig: string) => key + redactSecret(sig),
		);
	}
	const scheme = /^(\w+) (.+)$/.exec(value);
	return scheme ? `${scheme[1]} ${redactSecret(scheme[2] ?? '')}` : redactSecret(value);
}

function redactCookies(value: string): string {
	return value.replace(/(^|;\s*)([^=;\s]+)=([^;]*)/g, (_m, sep: string, name: string, v: string) =>
		/^(path|domain|expires|max-age|samesite)$/i.test(name)
			? `${sep}${name}=${v}`
			: `${sep}${name}=${redactSecret(v)}`,
	);
}

const SECRET_HEADER = /token|secret|password|api-?key|customer-key|credential/i;

function redactHeader(name: string, value: string): string {
	const lower = name.toLowerCase();
	if (lower === 'authorization' || lower === 'proxy-authorization')
		return redactAuthorization(value);
	if (lower === 'cookie' || lower === 'set-cookie') return redactCookies(value);
	if (SECRET_HEADER.test(lower)) return redactSecret(value);
	return redactBody(value);
}

/** Redacts a header map (names kept as given); accepts a plain record or a `Headers`-like iterable. */
export function redactHeaders(
	headers: Record<string, string | string[] | undefined> | Iterable<[string, string]>,
): Record<string, string> {
	const entries: [string, unknown][] =
		Symbol.iterator in headers
			? [...(headers as Iterable<[string, string]>)]
			: Object.entries(headers);
	const out: Record<string, string> = {};
	for (const [name, value] of entries) {
		if (value === undefined) continue;
		out[name] = redactHeader(name, Array.isArray(value) ? value.join(', ') : String(value));
	}
	return out;
}

/** Redacts the query string of a URL (presigned URLs carry X-Amz-Signature and X-Amz-Security-Token). */
export function redactUrl(url: string): string {
	return redactBody(
		url.replace(
			/([?&]X-Amz-(?:Signature|Security-Token|Credential)=)([^&]*)/gi,
			(_m, key: string, value: string) => key + redactSecret(value),
		),
	);
}
