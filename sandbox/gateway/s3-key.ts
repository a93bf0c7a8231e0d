/**
 * Object keys as S3 sees them, and the subset the sandbox's storage can hold faithfully.
 *
 * S3 decodes the request path's percent-encoding exactly once and stores the result as the literal key: it
 * never resolves `.` or `..` segments, so `players/alice/../bob/x` is a key of its own, and `%2F` is a `/`.
 * s3rver, behind the gateway, keeps each object as a file at `path.join(bucketDir, ...keySegments)`, which
 * DOES resolve `..` and collapses empty segments. Such a key would be authorized as one ARN and stored under
 * another (even outside the bucket), so the gateway refuses it instead of letting the two differ.
 */

/** Decodes one path segment exactly once; `null` when the percent-encoding is malformed. */
export function decodeSegment(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}

/** Why s3rver could not store `key` as that literal key, or `null` when it can. */
export function unsafeKeyReason(key: string): string | null {
	if (key.includes('\0')) return 'a NUL character';
	// s3rver names its side files `<name>._S3rver_<resource>`; a key containing that could shadow one.
	if (key.includes('._S3rver_')) return 'the reserved sequence "._S3rver_"';
	const segments = key.split('/');
	for (const [index, segment] of segments.entries()) {
		if (segment === '.' || segment === '..') return `a "${segment}" path segment`;
		// A trailing "/" (folder marker) is stored faithfully; an empty segment anywhere else is not.
		if (segment === '' && index !== segments.length - 1) return 'an empty path segment ("//")';
	}
	return null;
}

/** RFC 3986 encoding of one segment, as S3 canonicalises it (keeps only unreserved characters). */
export function encodeSegment(segment: string): string {
	return encodeURIComponent(segment).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** The path that makes s3rver (which decodes each segment once) address exactly `bucket` and `key`. */
export function storagePath(bucket: string, key: string | null): string {
	const base = `/${encodeSegment(bucket)}`;
	return key === null ? base : `${base}/${key.split('/').map(encodeSegment).join('/')}`;
}
