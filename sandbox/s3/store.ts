/**
 * The sandbox's S3 objects and multipart uploads, in memory for the life of the sandbox process — what
 * s3rver's throwaway directory in RAM (/dev/shm) was before: nothing survives a restart. Keys are the literal
 * keys S3 stores, listed in S3's order (UTF-8 byte order).
 */
import type { ChecksumAlgorithm } from './checksums';

export interface StoredChecksum {
	algorithm: ChecksumAlgorithm;
	/** base64, with `-<parts>` for a composite checksum of a multipart object. */
	value: string;
	type: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface StoredObject {
	data: Buffer;
	/** Quoted, as the `ETag` header carries it. */
	etag: string;
	/** Epoch ms, whole seconds (HTTP dates have no finer grain, so conditionals compare exactly). */
	lastModified: number;
	contentType: string;
	/** `cache-control`, `content-disposition`, `content-encoding`, `content-language`, `expires`. */
	headers: Record<string, string>;
	/** `x-amz-meta-*` names (lower case, without the prefix) and values. */
	metadata: Record<string, string>;
	checksum: StoredChecksum | null;
	/** The sizes of a multipart object's parts, in order (for `partNumber` reads and `x-amz-mp-parts-count`). */
	partSizes: number[] | null;
}

export interface UploadedPart {
	data: Buffer;
	etag: string;
	lastModified: number;
	/** The part's checksum in the upload's algorithm (base64). */
	checksum: string | null;
}

export interface MultipartUpload {
	uploadId: string;
	key: string;
	initiated: number;
	contentType: string;
	headers: Record<string, string>;
	metadata: Record<string, string>;
	checksumAlgorithm: ChecksumAlgorithm | null;
	/** The role session that started it (its ARN), for ListMultipartUploads' Initiator. */
	initiator: string;
	parts: Map<number, UploadedPart>;
}

export class ObjectStore {
	readonly objects = new Map<string, StoredObject>();
	readonly uploads = new Map<string, MultipartUpload>();
	#sorted: string[] | null = null;

	get(key: string): StoredObject | undefined {
		return this.objects.get(key);
	}

	put(key: string, object: StoredObject): void {
		if (!this.objects.has(key)) this.#sorted = null;
		this.objects.set(key, object);
	}

	delete(key: string): void {
		if (this.objects.delete(key)) this.#sorted = null;
	}

	/** Every key in S3's order: by the bytes of its UTF-8 encoding. */
	sortedKeys(): string[] {
		this.#sorted ??= [...this.objects.keys()].sort(compareKeys);
		return this.#sorted;
	}

	clear(): void {
		this.objects.clear();
		this.uploads.clear();
		this.#sorted = null;
	}
}

/** S3 orders keys by their UTF-8 bytes (UTF-16 order differs above U+FFFF). */
export function compareKeys(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
