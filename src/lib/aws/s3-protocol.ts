/**
 * The four S3 operations the game uses, on S3's REST-XML wire (what `@aws-sdk/client-s3` sends for them):
 * path-style against a custom endpoint (the sandbox), virtual-hosted against AWS when the bucket name allows.
 */
import {
	escapeUri,
	requestTo,
	textOf,
	type Operation,
	type ServiceProtocol,
	type WireResponse,
} from './fetch-client';

interface S3Object {
	Bucket: string;
	Key: string;
}

export interface PutObjectInput extends S3Object {
	Body: string;
	ContentType?: string;
	CacheControl?: string;
	IfMatch?: string;
	IfNoneMatch?: string;
}

export interface ListedObject {
	key: string;
	etag: string;
	lastModified: Date | null;
	size: number;
}

/** S3's names for answers without an XML error body (HEAD-like answers, some proxies). */
const CODE_BY_STATUS: Record<number, string> = {
	304: 'NotModified',
	400: 'BadRequest',
	403: 'Forbidden',
	404: 'NotFound',
	412: 'PreconditionFailed',
};

export function s3Protocol(useEndpoint: boolean): ServiceProtocol & { pathStyle: boolean } {
	return {
		clientName: 'S3Client',
		signingName: 's3',
		uriEscapePath: false,
		requestIdHeader: 'x-amz-request-id',
		pathStyle: useEndpoint,
		defaultEndpoint: (region) => `https://s3.${region}.amazonaws.com`,
		parseError(response) {
			const xml = textOf(response);
			const code = tag(xml, 'Code') ?? CODE_BY_STATUS[response.statusCode] ?? 'UnknownError';
			const message = tag(xml, 'Message') ?? code;
			return { code, message };
		},
	};
}

/** A bucket name that can be a host name label (no dots: TLS wildcards cover one label). */
const VIRTUAL_HOSTABLE = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Where an object (or the bucket, with `key` ''): virtual-hosted on AWS, path-style otherwise. */
function locate(base: URL, pathStyle: boolean, bucket: string, key: string) {
	const path = key
		.split('/')
		.map((segment) => escapeUri(segment))
		.join('/');
	if (!pathStyle && VIRTUAL_HOSTABLE.test(bucket)) {
		return { hostname: `${bucket}.${base.hostname}`, path: `/${path}` };
	}
	return { path: `/${escapeUri(bucket)}${key === '' ? '' : `/${path}`}` };
}

function etagOf(response: WireResponse): string {
	return response.headers.etag ?? '';
}

export function s3Operations(pathStyle: boolean) {
	const getObject: Operation<S3Object, { body: string; etag: string }> = {
		name: 'GetObject',
		serialize: (input, base) =>
			requestTo(base, {
				method: 'GET',
				...locate(base, pathStyle, input.Bucket, input.Key),
				query: {},
				headers: {},
			}),
		deserialize: (response) => ({ body: textOf(response), etag: etagOf(response) }),
	};

	const putObject: Operation<PutObjectInput, { etag: string }> = {
		name: 'PutObject',
		serialize: (input, base) =>
			requestTo(base, {
				method: 'PUT',
				...locate(base, pathStyle, input.Bucket, input.Key),
				query: {},
				headers: {
					// Signed, so the browser does not add its own `text/plain` unsigned.
					'content-type': input.ContentType ?? 'application/octet-stream',
					...(input.CacheControl ? { 'cache-control': input.CacheControl } : {}),
					...(input.IfMatch ? { 'if-match': input.IfMatch } : {}),
					...(input.IfNoneMatch ? { 'if-none-match': input.IfNoneMatch } : {}),
				},
				body: input.Body,
			}),
		deserialize: (response) => ({ etag: etagOf(response) }),
	};

	const listObjectsV2: Operation<
		{ Bucket: string; Prefix: string; MaxKeys?: number },
		{ objects: ListedObject[] }
	> = {
		name: 'ListObjectsV2',
		serialize: (input, base) =>
			requestTo(base, {
				method: 'GET',
				...locate(base, pathStyle, input.Bucket, ''),
				query: {
					'list-type': '2',
					prefix: input.Prefix,
					...(input.MaxKeys === undefined ? {} : { 'max-keys': String(input.MaxKeys) }),
				},
				headers: {},
			}),
		deserialize: (response) => ({
			objects: blocks(textOf(response), 'Contents').map((xml) => {
				const modified = tag(xml, 'LastModified');
				return {
					key: tag(xml, 'Key') ?? '',
					etag: tag(xml, 'ETag') ?? '',
					lastModified: modified ? new Date(modified) : null,
					size: Number(tag(xml, 'Size') ?? 0),
				};
			}),
		}),
	};

	const deleteObject: Operation<S3Object, object> = {
		name: 'DeleteObject',
		serialize: (input, base) =>
			requestTo(base, {
				method: 'DELETE',
				...locate(base, pathStyle, input.Bucket, input.Key),
				query: {},
				headers: {},
			}),
		deserialize: () => ({}),
	};

	return { getObject, putObject, listObjectsV2, deleteObject };
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

function decodeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
		if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
		if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
		return ENTITIES[entity] ?? whole;
	});
}

/** The inner XML of every `<name>` element (S3's answers nest no element inside one of its own name). */
function blocks(xml: string, name: string): string[] {
	const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
	return [...xml.matchAll(pattern)].map((m) => m[1]!);
}

/** The text of the first `<name>` element, entities decoded; null when there is none. */
function tag(xml: string, name: string): string | null {
	const found = blocks(xml, name)[0];
	return found === undefined ? null : decodeXml(found);
}
