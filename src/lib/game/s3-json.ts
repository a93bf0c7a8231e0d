/**
 * JSON documents in S3 with optimistic concurrency: read returns the ETag, write sends it back as
 * `If-Match` (update) or `If-None-Match: *` (create), so two tabs can never silently overwrite each other.
 */
import { awsErrorFacts } from '../aws/errors';
import { AppError } from '../errors';
import type { GameData } from './data';

/** A document as stored, with the ETag S3 gave it (quoted, as S3 sends it). */
interface StoredJson {
	body: unknown;
	etag: string;
}

/** What the other writer left there: `null` when the object is gone (or was never there). */
export type Remote<T> = { value: T; etag: string } | null;

/**
 * A conditional write lost: someone else changed the object since `expectedEtag` was read. `remote` is
 * the current version, so the UI can offer "keep mine" (write again on `remote.etag`) or "take theirs".
 */
export class ConflictError<T> extends AppError {
	readonly key: string;
	readonly remote: Remote<T>;

	constructor(key: string, remote: Remote<T>, cause?: unknown) {
		super(
			'write-conflict',
			'This was changed somewhere else (another tab or device) since you loaded it.',
			{
				title: 'Changed somewhere else',
				hint: 'Choose which version to keep: yours, or the one saved elsewhere.',
				...(awsFields(cause) ?? {}),
			},
			cause,
		);
		this.key = key;
		this.remote = remote;
	}
}

export function isConflictError(value: unknown): value is ConflictError<unknown> {
	return value instanceof ConflictError;
}

function awsFields(error: unknown): { upstreamCode: string; httpStatus?: number } | null {
	const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
	if (typeof e?.name !== 'string') return null;
	const status = e.$metadata?.httpStatusCode;
	return { upstreamCode: e.name, ...(status === undefined ? {} : { httpStatus: status }) };
}

/**
 * S3's answers to a conditional write that lost: 412 PreconditionFailed, or 409
 * ConditionalRequestConflict (a concurrent write to the same key; S3 says re-read the ETag first).
 */
function isPreconditionFailure(error: unknown): boolean {
	const { category, status } = awsErrorFacts(error);
	return category === 'conflict' || status === 412 || status === 409;
}

/** 404 on GetObject; on an `If-Match` PutObject it means the object was deleted meanwhile. */
function isNotFound(error: unknown): boolean {
	const { category, status } = awsErrorFacts(error);
	return category === 'not-found' || status === 404;
}

/** Reads a JSON object; `null` when there is none. Invalid JSON is a `data-invalid` AppError. */
export async function getJson(data: GameData, key: string): Promise<StoredJson | null> {
	let answer;
	try {
		answer = await data.s3.getObject({ Bucket: data.bucket, Key: key });
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
	try {
		return { body: JSON.parse(answer.body) as unknown, etag: answer.etag };
	} catch (error) {
		throw new AppError(
			'data-invalid',
			`The stored file ${key} is not valid JSON.`,
			{ title: 'Saved data could not be read', hint: 'Save again to replace it.' },
			error,
		);
	}
}

/**
 * Writes a JSON object only if it is still at `expectedEtag` (`null`: only if it does not exist yet).
 * Returns the new ETag. A lost race throws `ConflictError` carrying `readRemote()`'s answer.
 */
export async function putJson<T>(
	data: GameData,
	key: string,
	body: unknown,
	expectedEtag: string | null,
	readRemote: () => Promise<Remote<T>>,
): Promise<string> {
	try {
		const answer = await data.s3.putObject({
			Bucket: data.bucket,
			Key: key,
			Body: JSON.stringify(body),
			ContentType: 'application/json',
			CacheControl: 'no-store',
			...(expectedEtag === null ? { IfNoneMatch: '*' } : { IfMatch: expectedEtag }),
		});
		return answer.etag;
	} catch (error) {
		// 404 on If-Match: the object was deleted since it was read, which is a conflict too.
		const lost = isPreconditionFailure(error) || (expectedEtag !== null && isNotFound(error));
		if (!lost) throw error;
		throw new ConflictError(key, await readRemote(), error);
	}
}

/** One object of a listing. */
export type ListedKey = Awaited<ReturnType<GameData['s3']['listObjectsV2']>>['objects'][number];

/** Keys and ETags under a prefix (one page is plenty for a player's few files). */
export async function listKeys(data: GameData, prefix: string): Promise<ListedKey[]> {
	const answer = await data.s3.listObjectsV2({ Bucket: data.bucket, Prefix: prefix, MaxKeys: 100 });
	return answer.objects;
}

/**
 * `key`'s JSON when a listing of exactly that key finds it, else null: an object that may not exist yet (a
 * team board nobody posted to, results not yet published) is looked for without a read that would fail. The
 * roles allow such a listing only with `s3:prefix` equal to the shared key (the template's ListSharedObjects).
 */
export async function getJsonIfListed(data: GameData, key: string): Promise<StoredJson | null> {
	const listed = await listKeys(data, key);
	if (!listed.some((object) => object.key === key)) return null;
	return getJson(data, key);
}

export function deleteKey(data: GameData, key: string): Promise<void> {
	return data.s3.deleteObject({ Bucket: data.bucket, Key: key });
}
