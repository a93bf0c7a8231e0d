/**
 * ListObjectsV2 and ListObjects (V1) over the store, paginated at any size: at most `max-keys` (≤ 1,000)
 * entries a page, a common prefix counting as one, and `KeyCount` counting both (API Reference,
 * ListObjectsV2). A continuation token is opaque to the caller: here the base64url of the last entry
 * returned, with a version tag, so a page boundary inside a common prefix resumes after all of it.
 * (s3rver 3.7.1 encrypted its tokens with DES, which Node 20's OpenSSL 3 refuses: every truncated
 * listing was a 500.)
 */
import { AwsError } from '../errors';
import { compareKeys, type ObjectStore } from './store';
import { isoTime, s3Document, urlEncodeKey, type XmlNode } from './xml';

const MAX_KEYS = 1000;
/** The bucket owner's canonical user id, as S3 lists it (a fixed, made-up one for the sandbox account). */
export const OWNER = {
	ID: '5f1a9c0e2b7d4e8f9a6b3c1d0e2f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f',
	DisplayName: 'fedplay-sandbox',
};

interface Page {
	keys: string[];
	prefixes: string[];
	truncated: boolean;
	/** The last entry returned (key or common prefix), for the next page's marker. */
	last: string | null;
}

function page(
	store: ObjectStore,
	prefix: string,
	delimiter: string,
	after: string | null,
	maxKeys: number,
): Page {
	const keys: string[] = [];
	const prefixes: string[] = [];
	let last: string | null = null;
	let truncated = false;
	for (const key of store.sortedKeys()) {
		if (after !== null && compareKeys(key, after) <= 0) continue;
		if (!key.startsWith(prefix)) continue;
		let entry = key;
		let isPrefix = false;
		if (delimiter !== '') {
			const at = key.indexOf(delimiter, prefix.length);
			if (at !== -1) {
				entry = key.slice(0, at + delimiter.length);
				isPrefix = true;
				// Already returned (on this page or, as the marker, on an earlier one).
				if (entry === prefixes.at(-1) || (after !== null && compareKeys(entry, after) <= 0))
					continue;
			}
		}
		if (keys.length + prefixes.length >= maxKeys) {
			truncated = true;
			break;
		}
		if (isPrefix) prefixes.push(entry);
		else keys.push(entry);
		last = entry;
	}
	return { keys, prefixes, truncated, last };
}

function maxKeysOf(query: URLSearchParams): number {
	const raw = query.get('max-keys');
	if (raw === null) return MAX_KEYS;
	if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2147483647) {
		throw new AwsError(
			'InvalidArgument',
			400,
			'Provided max-keys not an integer or within integer range',
			{ extra: { ArgumentName: 'max-keys', ArgumentValue: raw.slice(0, 64) } },
		);
	}
	return Math.min(Number(raw), MAX_KEYS);
}

function encodingOf(query: URLSearchParams): boolean {
	const value = query.get('encoding-type');
	if (value === null) return false;
	if (value !== 'url') {
		throw new AwsError('InvalidArgument', 400, 'Invalid Encoding Method specified in Request', {
			extra: { ArgumentName: 'encoding-type', ArgumentValue: value.slice(0, 64) },
		});
	}
	return true;
}

const TOKEN_TAG = 'fp1:';

function tokenOf(last: string): string {
	return Buffer.from(TOKEN_TAG + last, 'utf8').toString('base64url');
}

function markerOfToken(token: string): string {
	const text = /^[A-Za-z0-9_-]+$/.test(token)
		? Buffer.from(token, 'base64url').toString('utf8')
		: '';
	if (!text.startsWith(TOKEN_TAG)) {
		throw new AwsError('InvalidArgument', 400, 'The continuation token provided is incorrect', {
			extra: { ArgumentName: 'continuation-token' },
		});
	}
	return text.slice(TOKEN_TAG.length);
}

/** The ListBucketResult document for a V1 or V2 listing. */
export function listObjects(store: ObjectStore, bucket: string, query: URLSearchParams): string {
	const v2 = query.get('list-type') === '2';
	const prefix = query.get('prefix') ?? '';
	const delimiter = query.get('delimiter') ?? '';
	const maxKeys = maxKeysOf(query);
	const url = encodingOf(query);
	const enc = (text: string) => (url ? urlEncodeKey(text) : text);
	const token = v2 ? query.get('continuation-token') : null;
	const startAfter = v2 ? query.get('start-after') : null;
	const marker = v2 ? null : query.get('marker');
	let after = marker !== null && marker !== '' ? marker : null;
	if (startAfter !== null && startAfter !== '') after = startAfter;
	if (token !== null) after = markerOfToken(token);
	const result = page(store, prefix, delimiter, after, maxKeys);
	const owner = !v2 || query.get('fetch-owner') === 'true';
	const contents = result.keys.map((key): XmlNode => {
		const object = store.get(key)!;
		return {
			Key: enc(key),
			LastModified: isoTime(object.lastModified),
			ETag: object.etag,
			ChecksumAlgorithm: object.checksum?.algorithm,
			ChecksumType: object.checksum?.type,
			Size: object.data.length,
			Owner: owner ? { ...OWNER } : undefined,
			StorageClass: 'STANDARD',
		};
	});
	const common = result.prefixes.map((p): XmlNode => ({ Prefix: enc(p) }));
	if (v2) {
		return s3Document('ListBucketResult', {
			Name: bucket,
			Prefix: enc(prefix),
			Delimiter: delimiter === '' ? undefined : enc(delimiter),
			MaxKeys: maxKeys,
			EncodingType: url ? 'url' : undefined,
			KeyCount: result.keys.length + result.prefixes.length,
			IsTruncated: result.truncated,
			ContinuationToken: token ?? undefined,
			NextContinuationToken:
				result.truncated && result.last !== null ? tokenOf(result.last) : undefined,
			StartAfter: startAfter === null ? undefined : enc(startAfter),
			Contents: contents,
			CommonPrefixes: common,
		});
	}
	return s3Document('ListBucketResult', {
		Name: bucket,
		Prefix: enc(prefix),
		Marker: enc(marker ?? ''),
		// V1 names the next marker only with a delimiter; without one the caller uses the last key.
		NextMarker:
			result.truncated && delimiter !== '' && result.last !== null ? enc(result.last) : undefined,
		MaxKeys: maxKeys,
		Delimiter: delimiter === '' ? undefined : enc(delimiter),
		EncodingType: url ? 'url' : undefined,
		IsTruncated: result.truncated,
		Contents: contents,
		CommonPrefixes: common,
	});
}
