/**
 * Maps an S3 REST request to the IAM authorizations it needs, as the S3 User Guide's "Actions, resources and
 * condition keys for Amazon S3" and "Required permissions for Amazon S3 API operations" define them:
 * - objects: GetObject and HeadObject → s3:GetObject; PutObject, and each step of a multipart upload
 *   (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) → s3:PutObject; DeleteObject →
 *   s3:DeleteObject; AbortMultipartUpload → s3:AbortMultipartUpload; ListParts → s3:ListMultipartUploadParts;
 * - CopyObject: s3:GetObject on the source object AND s3:PutObject on the target;
 * - DeleteObjects: s3:DeleteObject on each key, decided key by key (`objectAuthorizations`): a denied key
 *   is an `<Error>` in the answer, not a refusal of the request;
 * - the bucket: ListObjects(V2) → s3:ListBucket; ListMultipartUploads → s3:ListBucketMultipartUploads.
 * Anything else is refused, never authorized: AWS would require actions (s3:PutObjectAcl,
 * s3:GetObjectVersion, …) that the mapping does not model.
 */
import { addressOf } from './s3-address';
import { parseDeleteObjects } from './s3-delete-objects';
import { RequestRejection } from './rejection';
import type { Authorization, RequestEnvironment, WireRequest } from './types';

export type S3Operation =
	| 'GetObject'
	| 'HeadObject'
	| 'PutObject'
	| 'CopyObject'
	| 'DeleteObject'
	| 'DeleteObjects'
	| 'ListObjects'
	| 'CreateMultipartUpload'
	| 'UploadPart'
	| 'CompleteMultipartUpload'
	| 'AbortMultipartUpload'
	| 'ListParts'
	| 'ListMultipartUploads';

export interface S3Request {
	operation: S3Operation;
	bucket: string;
	/** The literal object key (decoded once); `null` for bucket-level operations. */
	key: string | null;
	/** The first of `authorizations` (the one on the addressed resource). */
	authorization: Authorization;
	/** Every authorization the request needs, all of which must be allowed (CopyObject: two). */
	authorizations: Authorization[];
	/** DeleteObjects: one authorization per key, each decided on its own. */
	objectAuthorizations?: { key: string; authorization: Authorization }[];
	/** CopyObject: the source object, decoded once. */
	copySource?: { bucket: string; key: string };
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
const ignoredParams = /^(x-id|x-amz-[a-z0-9-]+)$/i;
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
// Headers that make a write need another action (s3:PutObjectAcl, s3:PutObjectTagging, object lock):
// refused rather than half-authorized.
const putHeadersNeedingOtherActions =
	/^x-amz-(acl|grant-.+|copy-source-version-id|tagging|tagging-directive|object-lock-.+)$/;

/** Maps one S3 request; throws {@link RequestRejection} for a request S3 would refuse or the mapping cannot. */
export function mapS3Request(request: WireRequest, env: S3Environment): S3Request {
	const { method, headers } = request;
	const { bucket, key: decodedKey, query } = addressOf(request, env);
	if (bucket === '') throw unmappable(method, 'ListBuckets');
	if (bucket !== env.bucket) throw noSuchBucket();
	const key = decodedKey === '' ? null : decodedKey;
	checkKeyLength(key);
	const operation = operationOf(method.toUpperCase(), key, query, headers);
	if (typeof operation !== 'string') throw unmappable(method, operation.what);
	const context = baseContext(query);
	const resource = arnOf(bucket, key);
	const mapped: S3Request = {
		operation,
		bucket,
		key,
		authorization: authorizationOf(operation, resource, context, query),
		authorizations: [],
		query: keptQuery(query),
	};
	mapped.authorizations = [mapped.authorization];
	if (operation === 'CopyObject') {
		const source = copySourceOf(headers['x-amz-copy-source']!, env);
		mapped.copySource = source;
		mapped.authorizations = [
			{ action: 's3:GetObject', resource: arnOf(source.bucket, source.key), context },
			mapped.authorization,
		];
	}
	if (operation === 'DeleteObjects') {
		const body = parseDeleteObjects(request.body);
		if (body.objects.some((o) => o.versionId !== null)) {
			throw unmappable(method, 'DeleteObjects of a version (s3:DeleteObjectVersion)');
		}
		mapped.objectAuthorizations = body.objects.map(({ key: objectKey }) => ({
			key: objectKey,
			authorization: { action: 's3:DeleteObject', resource: arnOf(bucket, objectKey), context },
		}));
		mapped.authorizations = mapped.objectAuthorizations.map((o) => o.authorization);
	}
	return mapped;
}

function noSuchBucket(): RequestRejection {
	return new RequestRejection(404, 'NoSuchBucket', 'The specified bucket does not exist');
}

function checkKeyLength(key: string | null): void {
	const keyBytes = key === null ? 0 : new TextEncoder().encode(key).length;
	if (keyBytes > MAX_S3_KEY_BYTES) {
		throw new RequestRejection(400, 'KeyTooLongError', 'Your key is too long.', {
			Size: String(keyBytes),
			MaxSizeAllowed: String(MAX_S3_KEY_BYTES),
		});
	}
}

function arnOf(bucket: string, key: string | null): string {
	return key === null ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

/**
 * `x-amz-copy-source: [/]<bucket>/<key>[?versionId=…]`, URL-encoded (API Reference, CopyObject). A source
 * version needs s3:GetObjectVersion, which the mapping does not model.
 */
function copySourceOf(header: string, env: S3Environment): { bucket: string; key: string } {
	const value = header.trim();
	const q = value.indexOf('?');
	if (q !== -1 && value.slice(q + 1) !== '') {
		throw unmappable('PUT', 'CopyObject from a source version (s3:GetObjectVersion)');
	}
	const path = (q === -1 ? value : value.slice(0, q)).replace(/^\//, '');
	const slash = path.indexOf('/');
	let bucket: string;
	let key: string;
	try {
		bucket = decodeURIComponent(slash === -1 ? path : path.slice(0, slash));
		key = slash === -1 ? '' : decodeURIComponent(path.slice(slash + 1));
	} catch {
		throw invalidCopySource();
	}
	if (bucket === '' || key === '') throw invalidCopySource();
	if (bucket !== env.bucket) throw noSuchBucket();
	checkKeyLength(key);
	return { bucket, key };
}

function invalidCopySource(): RequestRejection {
	return new RequestRejection(
		400,
		'InvalidArgument',
		'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
		{ ArgumentName: 'x-amz-copy-source' },
	);
}

const uploadIdParams = new Set(['uploadId', 'partNumber', 'max-parts', 'part-number-marker']);
const listUploadsParams = new Set([
	'uploads',
	'prefix',
	'delimiter',
	'max-uploads',
	'key-marker',
	'upload-id-marker',
	'encoding-type',
]);

function operationOf(
	method: string,
	key: string | null,
	query: URLSearchParams,
	headers: WireRequest['headers'],
): S3Operation | { what: string } {
	const params = [...query.keys()].filter((name) => !ignoredParams.test(name));
	const extraIn = (allowed: Set<string>) => params.find((name) => !allowed.has(name));
	if (key === null) {
		if (method === 'POST' && query.has('delete')) {
			const extra = extraIn(new Set(['delete']));
			return extra === undefined ? 'DeleteObjects' : { what: `the parameter "${extra}"` };
		}
		if (method === 'GET' && query.has('uploads')) {
			const extra = extraIn(listUploadsParams);
			return extra === undefined ? 'ListMultipartUploads' : { what: `the parameter "${extra}"` };
		}
		if (method !== 'GET') return { what: `${method} on a bucket` };
		const extra = extraIn(listParams);
		return extra === undefined ? 'ListObjects' : { what: `the bucket subresource "${extra}"` };
	}
	if (query.has('uploads')) {
		const extra = extraIn(new Set(['uploads']));
		if (extra !== undefined) return { what: `the parameter "${extra}"` };
		return method === 'POST'
			? needsNoOtherAction('CreateMultipartUpload', headers)
			: { what: `${method} ?uploads` };
	}
	if (query.has('uploadId')) {
		const extra = extraIn(uploadIdParams);
		if (extra !== undefined) return { what: `the parameter "${extra}"` };
		if (method === 'PUT' && query.has('partNumber')) {
			if (headers['x-amz-copy-source'] !== undefined) return { what: 'UploadPartCopy' };
			return 'UploadPart';
		}
		if (query.has('partNumber')) return { what: `${method} with partNumber and uploadId` };
		if (method === 'POST') return 'CompleteMultipartUpload';
		if (method === 'DELETE') return 'AbortMultipartUpload';
		if (method === 'GET') return 'ListParts';
		return { what: `${method} ?uploadId` };
	}
	const allowed = method === 'GET' || method === 'HEAD' ? getObjectParams : new Set<string>();
	const extra = extraIn(allowed);
	if (extra !== undefined) return { what: `the object subresource or parameter "${extra}"` };
	switch (method) {
		case 'GET':
			return 'GetObject';
		case 'HEAD':
			return 'HeadObject';
		case 'DELETE':
			return 'DeleteObject';
		case 'PUT':
			return needsNoOtherAction(
				headers['x-amz-copy-source'] === undefined ? 'PutObject' : 'CopyObject',
				headers,
			);
		default:
			return { what: `${method} on an object` };
	}
}

/** The operation, unless a header makes it need another action too (ACLs, tagging, object lock). */
function needsNoOtherAction(
	operation: S3Operation,
	headers: WireRequest['headers'],
): S3Operation | { what: string } {
	const header = Object.keys(headers).find((name) => putHeadersNeedingOtherActions.test(name));
	return header === undefined ? operation : { what: `${operation} with the header ${header}` };
}

const actions: Record<S3Operation, string> = {
	GetObject: 's3:GetObject',
	HeadObject: 's3:GetObject', // HeadObject is authorized as s3:GetObject
	PutObject: 's3:PutObject',
	CopyObject: 's3:PutObject', // on the target; s3:GetObject on the source is asked separately
	DeleteObject: 's3:DeleteObject',
	DeleteObjects: 's3:DeleteObject', // per key
	ListObjects: 's3:ListBucket', // both ListObjects and ListObjectsV2
	CreateMultipartUpload: 's3:PutObject',
	UploadPart: 's3:PutObject',
	CompleteMultipartUpload: 's3:PutObject',
	AbortMultipartUpload: 's3:AbortMultipartUpload',
	ListParts: 's3:ListMultipartUploadParts',
	ListMultipartUploads: 's3:ListBucketMultipartUploads',
};

function baseContext(query: URLSearchParams): Authorization['context'] {
	return {
		's3:authType': query.has('X-Amz-Signature') ? 'REST-QUERY-STRING' : 'REST-HEADER',
		's3:signatureversion': 'AWS4-HMAC-SHA256',
	};
}

function authorizationOf(
	operation: S3Operation,
	resource: string,
	base: Authorization['context'],
	query: URLSearchParams,
): Authorization {
	const context = { ...base };
	if (operation === 'ListObjects' || operation === 'ListMultipartUploads') {
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
