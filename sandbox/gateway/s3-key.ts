/**
 * The object keys the sandbox accepts. S3 decodes the request path's percent-encoding exactly once and
 * stores the result as the literal key (src/lib/iam/request/s3-address.ts): it never resolves `.` or `..`
 * segments, so `players/alice/../bob/x` is a key of its own, and `%2F` is a `/`. The sandbox's store
 * (sandbox/s3/) keeps literal keys too, but the sandbox still refuses keys that stop being that key as soon
 * as a file system holds them — `.`/`..` segments, empty segments, a NUL, a segment longer than a file
 * name — because the tools players use on this data (`aws s3 sync`, `aws s3 cp --recursive`, the deploy
 * script) write each key to disk, where such a key resolves into another player's folder or fails. The
 * rule holds for every key a request names: the addressed one, a copy's source and each key of a
 * DeleteObjects (there, one `<Error>` per refused key).
 */
import type { S3Request } from '../../src/lib/iam/request';
import { AwsError } from '../errors';

/** The longest path segment: a file name holds at most 255 bytes (Linux's NAME_MAX). */
const MAX_SEGMENT_BYTES = 255;

/** Why the sandbox refuses `key`, or `null` when it takes it. */
export function unsafeKeyReason(key: string): string | null {
	if (key.includes('\0')) return 'a NUL character';
	const segments = key.split('/');
	for (const [index, segment] of segments.entries()) {
		if (segment === '.' || segment === '..') return `a "${segment}" path segment`;
		// A trailing "/" (folder marker) is stored faithfully; an empty segment anywhere else is not.
		if (segment === '' && index !== segments.length - 1) return 'an empty path segment ("//")';
		if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
			return `a path segment over ${MAX_SEGMENT_BYTES} bytes (a file name is at most 255)`;
		}
	}
	return null;
}

/** The refusal of `key`, or `null`. */
export function keyRefusal(key: string): AwsError | null {
	const reason = unsafeKeyReason(key);
	if (reason === null) return null;
	return new AwsError(
		'InvalidArgument',
		400,
		`The Fedplay sandbox refuses an object key with ${reason}: on a file system it would not be that literal key (real S3 would store it verbatim).`,
	);
}

/** Throws the refusal of the request's key or copy source, if either is refused. */
export function checkKeys(request: Pick<S3Request, 'key' | 'copySource'>): void {
	for (const key of [request.key, request.copySource?.key]) {
		const refusal = key === null || key === undefined ? null : keyRefusal(key);
		if (refusal !== null) throw refusal;
	}
}
