/**
 * Which bucket and key an S3 request addresses. Path-style (`/<bucket>/<key>`) when the host is the endpoint
 * itself; virtual-hosted style (`<bucket>.<base>`, the whole path being the key) under a base the
 * environment names. S3 decodes the path's percent-encoding exactly once and keeps the result as the literal
 * key: `%2F` is a `/`, and `.` or `..` segments are never resolved.
 */
import { RequestRejection } from './rejection';
import type { RequestEnvironment, WireRequest } from './types';

interface S3Address {
	/** Decoded; `''` when the request names no bucket (ListBuckets). */
	bucket: string;
	/** Decoded; `''` for a bucket-level request. */
	key: string;
	query: URLSearchParams;
}

/** The request's bucket, key and query; throws {@link RequestRejection} when S3 could not read them. */
export function addressOf(
	request: Pick<WireRequest, 'url' | 'headers'>,
	env: Pick<RequestEnvironment, 'endpointHosts' | 'virtualHostBases'>,
): S3Address {
	const { url } = request;
	const queryStart = url.indexOf('?');
	const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
	const path = queryStart === -1 ? url : url.slice(0, queryStart);
	const { rawBucket, rawKey } = encodedAddress(path, hostName(request.headers.host), env);
	const bucket = decodeSegment(rawBucket);
	const key = decodeSegment(rawKey);
	if (bucket === null || key === null) {
		throw new RequestRejection(400, 'InvalidURI', "Couldn't parse the specified URI.");
	}
	return { bucket, key, query };
}

function encodedAddress(
	path: string,
	host: string | null,
	env: Pick<RequestEnvironment, 'endpointHosts' | 'virtualHostBases'>,
): { rawBucket: string; rawKey: string } {
	if (host === null || env.endpointHosts.includes(host)) {
		const slash = path.indexOf('/', 1);
		return slash === -1
			? { rawBucket: path.slice(1), rawKey: '' }
			: { rawBucket: path.slice(1, slash), rawKey: path.slice(slash + 1) };
	}
	const base = env.virtualHostBases.find((b) => host.endsWith(`.${b}`));
	if (base === undefined) {
		throw new RequestRejection(
			400,
			'InvalidRequest',
			`Virtual-hosted-style requests (Host: ${host}) are not supported by the Fedplay sandbox; use path-style addressing (forcePathStyle: true).`,
		);
	}
	return { rawBucket: host.slice(0, -base.length - 1), rawKey: path.slice(1) };
}

/** Decodes one path segment exactly once; `null` when the percent-encoding is malformed. */
function decodeSegment(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}

function hostName(host: string | undefined): string | null {
	if (host === undefined) return null;
	const withoutPort = host.startsWith('[')
		? host.slice(0, host.indexOf(']') + 1)
		: host.split(':')[0]!;
	return withoutPort.toLowerCase();
}
