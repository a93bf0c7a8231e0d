/**
 * The object keys the sandbox's storage can hold faithfully, and the path that addresses one in it.
 *
 * S3 decodes the request path's percent-encoding exactly once and stores the result as the literal key
 * (src/lib/iam/request/s3-address.ts): it never resolves `.` or `..` segments, so `players/alice/../bob/x`
 * is a key of its own, and `%2F` is a `/`. s3rver, behind the gateway, keeps each object as a file at
 * `path.join(bucketDir, ...keySegments)`, which DOES resolve `..` and collapses empty segments. Such a key
 * would be authorized as one ARN and stored under another (even outside the bucket), so the gateway refuses
 * it instead of letting the two differ. A segment too long for a file name is refused too: s3rver would
 * fail on it.
 */
import { AwsError } from '../errors';

/**
 * The longest path segment s3rver can store: a file name holds at most 255 bytes (Linux's NAME_MAX), and
 * s3rver names the last segment's side file `<segment>._S3rver_metadata.json`, 22 bytes more.
 */
const MAX_STORED_SEGMENT_BYTES = 255 - '._S3rver_metadata.json'.length;

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
		if (Buffer.byteLength(segment) > MAX_STORED_SEGMENT_BYTES) {
			return `a path segment over ${MAX_STORED_SEGMENT_BYTES} bytes (a file name is at most 255)`;
		}
	}
	return null;
}

/** RFC 3986 encoding of one segment, as S3 canonicalises it (keeps only unreserved characters). */
function encodeSegment(segment: string): string {
	return encodeURIComponent(segment).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** The path that makes s3rver (which decodes each segment once) address exactly `bucket` and `key`. */
function storagePath(bucket: string, key: string | null): string {
	const base = `/${encodeSegment(bucket)}`;
	return key === null ? base : `${base}/${key.split('/').map(encodeSegment).join('/')}`;
}

/**
 * The path and query to forward to s3rver for a mapped request: the same bucket and key, re-encoded, and
 * the query without signature parameters. A key s3rver cannot hold as that literal key is refused.
 */
export function storageTarget(request: {
	bucket: string;
	key: string | null;
	query: string;
}): string {
	const reason = request.key === null ? null : unsafeKeyReason(request.key);
	if (reason !== null) {
		throw new AwsError(
			'InvalidArgument',
			400,
			`The Fedplay sandbox's storage cannot hold an object key with ${reason} as that literal key, so the request is refused (real S3 would store it verbatim).`,
		);
	}
	return storagePath(request.bucket, request.key) + request.query;
}
