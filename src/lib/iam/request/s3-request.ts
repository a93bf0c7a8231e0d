/**
 * Maps an S3 REST request to the one IAM authorization it needs. Anything outside the few operations the
 * game uses is refused, never authorized: AWS would require other actions (s3:PutObjectAcl,
 * s3:GetObjectVersion, …) that the mapping does not model.
 */
import { addressOf } from './s3-address';
import { RequestRejection } from './rejection';
import type { Authorization, RequestEnvironment, WireRequest } from './types';

export type S3Operation = 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject' | 'ListObjects';

export interface S3Request {
	operation: S3Operation;
	bucket: string;
	/** The literal object key (decoded once); `null` for bucket-level operations. */
	key: string | null;
	authorization: Authorization;
	/** The query without the parameters that do not change the operation (`x-id`, `X-Amz-*`): `?list-type=2…`. */
	query: string;
}

type S3Environment = Pick<RequestEnvironment, 'bucket' | 'endpointHosts' | 'virtualHostBases'>;

/**
 * S3 User Guide, "Naming Amazon S3 objects": a key is "a sequence of Unicode characters whose UTF-8
 * encoding is at most 1,024 bytes long" (`KeyTooLongError`).
 */
const MAX_S3_KEY_BYTES = 1024;

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

/** Maps one S3 request; throws {@link RequestRejection} for a request S3 would refuse or the mapping cannot. */
export function mapS3Request(request: WireRequest, env: S3Environment): S3Request {
	const { method, headers } = request;
	const { bucket, key: decodedKey, query } = addressOf(request, env);
	if (bucket === '') throw unmappable(method, 'ListBuckets');
	if (bucket !== env.bucket) {
		throw new RequestRejection(404, 'NoSuchBucket', 'The specified bucket does not exist');
	}
	const key = decodedKey === '' ? null : decodedKey;
	const keyBytes = key === null ? 0 : new TextEncoder().encode(key).length;
	if (keyBytes > MAX_S3_KEY_BYTES) {
		throw new RequestRejection(400, 'KeyTooLongError', 'Your key is too long.', {
			Size: String(keyBytes),
			MaxSizeAllowed: String(MAX_S3_KEY_BYTES),
		});
	}
	const operation = operationOf(method.toUpperCase(), key, query, headers);
	if (typeof operation !== 'string') throw unmappable(method, operation.what);
	return {
		operation,
		bucket,
		key,
		authorization: authorizationOf(operation, bucket, key, query),
		query: keptQuery(query),
	};
}

function operationOf(
	method: string,
	key: string | null,
	query: URLSearchParams,
	headers: WireRequest['headers'],
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

function keptQuery(query: URLSearchParams): string {
	const kept = new URLSearchParams();
	for (const [name, value] of query) if (!ignoredParams.test(name)) kept.append(name, value);
	const text = kept.toString();
	return text === '' ? '' : `?${text}`;
}

function unmappable(method: string, what: string): RequestRejection {
	return new RequestRejection(
		403,
		'AccessDenied',
		`Access Denied: the Fedplay sandbox gateway cannot map ${what} (${method}) to an IAM action, so it never forwards it.`,
	);
}
