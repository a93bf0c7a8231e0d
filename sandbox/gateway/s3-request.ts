/**
 * Maps an S3 REST request (path-style only) to the one IAM authorization it needs and the path and query
 * to forward to s3rver. Anything outside the few operations the game uses is refused, never forwarded:
 * AWS would require other actions (s3:PutObjectAcl, s3:GetObjectVersion, …) the sandbox does not model.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { MAX_S3_KEY_BYTES } from '../limits';
import { decodeSegment, storagePath, unsafeKeyReason } from './s3-key';
import { rejected, type Authorization, type Mapping } from './types';

export type S3Operation = 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject' | 'ListObjects';

export interface S3Request {
	operation: S3Operation;
	bucket: string;
	/** The literal object key (decoded once); `null` for bucket-level operations. */
	key: string | null;
	authorization: Authorization;
	/** Path and query for s3rver: the same bucket and key, re-encoded, without any signature parameters. */
	forwardPath: string;
}

export interface S3Environment {
	/** The one bucket the sandbox has (`fedplay-game-data`). */
	bucket: string;
	/** Host names that address the endpoint itself; any other host is a virtual-hosted–style request. */
	endpointHosts: string[];
}

// SDK v3 adds `x-id`; presigned URLs carry X-Amz-*; neither changes the operation.
const ignoredParams = /^(x-id|x-amz-[a-z-]+)$/i;
const listParams = new Set([
	'list-type',
	'prefix',
	'delimiter',
	'max-keys',
	'continuation-token',
	'start-after',
	'fetch-owner',
	'encoding-type',
	'marker',
]);
const getObjectParams = new Set([
	'partNumber',
	'response-cache-control',
	'response-content-disposition',
	'response-content-encoding',
	'response-content-language',
	'response-content-type',
	'response-expires',
]);
// Headers that make a PutObject need another action (s3:PutObjectAcl, s3:PutObjectTagging, CopyObject's
// s3:GetObject on the source, object lock): refused rather than half-authorized.
const putHeadersNeedingOtherActions = /^x-amz-(acl|grant-.+|copy-source.*|tagging|object-lock-.+)$/;

/** Maps one S3 request; a rejection is answered by the gateway in S3's XML error shape. */
export function mapS3Request(
	method: string,
	url: string,
	headers: IncomingHttpHeaders,
	env: S3Environment,
): Mapping<S3Request> {
	const host = hostName(headers.host);
	if (host !== null && !env.endpointHosts.includes(host)) {
		return rejected(
			400,
			'InvalidRequest',
			`Virtual-hosted-style requests (Host: ${host}) are not supported by the Fedplay sandbox; use path-style addressing (forcePathStyle: true).`,
		);
	}
	const queryStart = url.indexOf('?');
	const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
	const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
	const slash = rawPath.indexOf('/', 1);
	const rawBucket = slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash);
	const rawKey = slash === -1 ? '' : rawPath.slice(slash + 1);
	const bucket = decodeSegment(rawBucket);
	const decodedKey = decodeSegment(rawKey);
	if (bucket === null || decodedKey === null) {
		return rejected(400, 'InvalidURI', "Couldn't parse the specified URI.");
	}
	if (bucket === '') return unmappable(method, 'ListBuckets');
	if (bucket !== env.bucket) {
		return rejected(404, 'NoSuchBucket', 'The specified bucket does not exist');
	}
	const key = decodedKey === '' ? null : decodedKey;
	if (key !== null && Buffer.byteLength(key) > MAX_S3_KEY_BYTES) {
		return rejected(400, 'KeyTooLongError', 'Your key is too long.', {
			Size: String(Buffer.byteLength(key)),
			MaxSizeAllowed: String(MAX_S3_KEY_BYTES),
		});
	}
	const operation = operationOf(method.toUpperCase(), key, query, headers);
	if (typeof operation !== 'string') return unmappable(method, operation.what);
	if (key !== null) {
		const reason = unsafeKeyReason(key);
		if (reason !== null) {
			return rejected(
				400,
				'InvalidArgument',
				`The Fedplay sandbox's storage cannot hold an object key with ${reason} as that literal key, so the request is refused (real S3 would store it verbatim).`,
			);
		}
	}
	return {
		ok: true,
		value: {
			operation,
			bucket,
			key,
			authorization: authorizationOf(operation, bucket, key, query),
			forwardPath: storagePath(bucket, key) + forwardQuery(query),
		},
	};
}

function operationOf(
	method: string,
	key: string | null,
	query: URLSearchParams,
	headers: IncomingHttpHeaders,
): S3Operation | { what: string } {
	const params = [...query.keys()].filter((name) => !ignoredParams.test(name));
	if (key === null) {
		if (method !== 'GET') return { what: `${method} on a bucket` };
		const extra = params.find((name) => !listParams.has(name));
		return extra === undefined ? 'ListObjects' : { what: `the bucket subresource "${extra}"` };
	}
	const allowed = method === 'GET' || method === 'HEAD' ? getObjectParams : new Set<string>();
	const extra = params.find((name) => !allowed.has(name));
	if (extra !== undefined) return { what: `the object subresource or parameter "${extra}"` };
	switch (method) {
		case 'GET':
			return 'GetObject';
		case 'HEAD':
			return 'HeadObject';
		case 'DELETE':
			return 'DeleteObject';
		case 'PUT': {
			const header = Object.keys(headers).find((name) => putHeadersNeedingOtherActions.test(name));
			return header === undefined ? 'PutObject' : { what: `PutObject with the header ${header}` };
		}
		default:
			return { what: `${method} on an object` };
	}
}

const actions: Record<S3Operation, string> = {
	GetObject: 's3:GetObject',
	HeadObject: 's3:GetObject', // HeadObject is authorized as s3:GetObject
	PutObject: 's3:PutObject',
	DeleteObject: 's3:DeleteObject',
	ListObjects: 's3:ListBucket', // both ListObjects and ListObjectsV2
};

function authorizationOf(
	operation: S3Operation,
	bucket: string,
	key: string | null,
	query: URLSearchParams,
): Authorization {
	const resource = key === null ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
	const context: Authorization['context'] = {
		's3:authType': query.has('X-Amz-Signature') ? 'REST-QUERY-STRING' : 'REST-HEADER',
		's3:signatureversion': 'AWS4-HMAC-SHA256',
	};
	if (operation === 'ListObjects') {
		// A parameter that is absent leaves its key out of the context (so `StringLike s3:prefix` does not
		// match a listing without a prefix); `prefix=` is present and empty.
		for (const [param, contextKey] of [
			['prefix', 's3:prefix'],
			['delimiter', 's3:delimiter'],
			['max-keys', 's3:max-keys'],
		]) {
			const value = query.get(param);
			if (value !== null) context[contextKey] = value;
		}
	}
	return { action: actions[operation], resource, context };
}

function forwardQuery(query: URLSearchParams): string {
	const kept = new URLSearchParams();
	for (const [name, value] of query) if (!ignoredParams.test(name)) kept.append(name, value);
	const text = kept.toString();
	return text === '' ? '' : `?${text}`;
}

function hostName(host: string | undefined): string | null {
	if (host === undefined) return null;
	const withoutPort = host.startsWith('[')
		? host.slice(0, host.indexOf(']') + 1)
		: host.split(':')[0];
	return withoutPort.toLowerCase();
}

function unmappable(
	method: string,
	what: string,
): { ok: false; rejection: { status: number; code: string; message: string } } {
	return rejected(
		403,
		'AccessDenied',
		`Access Denied: the Fedplay sandbox gateway cannot map ${what} (${method}) to an IAM action, so it never forwards it.`,
	);
}
