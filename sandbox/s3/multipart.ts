/**
 * Multipart uploads (S3 User Guide, "Uploading and copying objects using multipart upload"): create, upload
 * parts, list them, complete or abort. Bounds: part numbers 1 to 10,000, every part but the last at least
 * 5 MiB, each part's body bounded as any object write, the assembled object and the number of uploads in
 * progress bounded by the sandbox (limits.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors';
import {
	MAX_S3_ASSEMBLED_OBJECT_BYTES,
	MAX_S3_PART_NUMBER,
	MAX_S3_UPLOADS_IN_PROGRESS,
	MIN_S3_PART_BYTES,
} from '../limits';
import { checksumOf } from './checksums';
import type { VerifiedBody } from './integrity';
import { OWNER } from './list';
import { etagMatches, metadataOf, namedAlgorithm, wholeSecond, writeConditions } from './objects';
import type { MultipartUpload, ObjectStore, StoredObject, UploadedPart } from './store';
import { isoTime, s3Document, type XmlNode } from './xml';

export function noSuchUpload(uploadId: string): AwsError {
	return new AwsError(
		'NoSuchUpload',
		404,
		'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
		{ extra: { UploadId: uploadId.slice(0, 256) } },
	);
}

export function uploadOf(store: ObjectStore, key: string, query: URLSearchParams): MultipartUpload {
	const uploadId = query.get('uploadId') ?? '';
	const upload = store.uploads.get(uploadId);
	if (upload === undefined || upload.key !== key) throw noSuchUpload(uploadId);
	return upload;
}

export function createUpload(
	store: ObjectStore,
	bucket: string,
	key: string,
	headers: IncomingHttpHeaders,
	initiator: string,
	now: number,
): { document: string; upload: MultipartUpload } {
	if (store.uploads.size >= MAX_S3_UPLOADS_IN_PROGRESS) {
		throw new AwsError(
			'SlowDown',
			503,
			`Please reduce your request rate. (The Fedplay sandbox holds at most ${MAX_S3_UPLOADS_IN_PROGRESS} multipart uploads in progress; complete or abort some.)`,
		);
	}
	const upload: MultipartUpload = {
		uploadId: randomBytes(48).toString('base64url'),
		key,
		initiated: wholeSecond(now),
		...metadataOf(headers),
		checksumAlgorithm: namedAlgorithm(headers),
		initiator,
		parts: new Map(),
	};
	store.uploads.set(upload.uploadId, upload);
	const document = s3Document('InitiateMultipartUploadResult', {
		Bucket: bucket,
		Key: key,
		UploadId: upload.uploadId,
	});
	return { document, upload };
}

function partNumberOf(query: URLSearchParams): number {
	const raw = query.get('partNumber') ?? '';
	const n = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
	if (n < 1 || n > MAX_S3_PART_NUMBER) {
		throw new AwsError(
			'InvalidArgument',
			400,
			`Part number must be an integer between 1 and ${MAX_S3_PART_NUMBER}, inclusive`,
			{ extra: { ArgumentName: 'partNumber', ArgumentValue: raw.slice(0, 16) } },
		);
	}
	return n;
}

/** Stores one part; returns it (its ETag and checksum go in the answer's headers). */
export function uploadPart(
	upload: MultipartUpload,
	query: URLSearchParams,
	body: VerifiedBody,
	now: number,
): UploadedPart {
	const partNumber = partNumberOf(query);
	let total = body.data.length;
	for (const [n, part] of upload.parts) if (n !== partNumber) total += part.data.length;
	if (total > MAX_S3_ASSEMBLED_OBJECT_BYTES) {
		throw new AwsError(
			'EntityTooLarge',
			400,
			'Your proposed upload exceeds the maximum allowed size',
			{
				extra: {
					ProposedSize: String(total),
					MaxSizeAllowed: String(MAX_S3_ASSEMBLED_OBJECT_BYTES),
				},
			},
		);
	}
	const algorithm = upload.checksumAlgorithm;
	if (body.checksum !== null && algorithm !== null && body.checksum.algorithm !== algorithm) {
		throw new AwsError(
			'InvalidRequest',
			400,
			`Checksum Type mismatch occurred, expected checksum Type: ${algorithm.toLowerCase()}, actual checksum Type: ${body.checksum.algorithm.toLowerCase()}`,
		);
	}
	const part: UploadedPart = {
		data: body.data,
		etag: `"${createHash('md5').update(body.data).digest('hex')}"`,
		lastModified: wholeSecond(now),
		checksum:
			algorithm === null ? null : (body.checksum?.value ?? checksumOf(algorithm, body.data)),
	};
	upload.parts.set(partNumber, part);
	return part;
}

interface CompletedPart {
	partNumber: number;
	etag: string;
	checksum: string | null;
}

/** `<CompleteMultipartUpload><Part><PartNumber>…</PartNumber><ETag>…</ETag>…</Part>…</CompleteMultipartUpload>`. */
function parseComplete(body: Buffer): CompletedPart[] {
	const malformed = () =>
		new AwsError(
			'MalformedXML',
			400,
			'The XML you provided was not well-formed or did not validate against our published schema',
		);
	const text = body
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.replace(/^\s*<\?xml[^>]*\?>/, '')
		.trim();
	const root =
		/^<CompleteMultipartUpload(\s+xmlns="[^"]*")?\s*>([\s\S]*)<\/CompleteMultipartUpload>$/.exec(
			text,
		);
	if (root === null) throw malformed();
	const parts: CompletedPart[] = [];
	let rest = root[2]!;
	while (rest.trim() !== '') {
		const match = /^\s*<Part>([\s\S]*?)<\/Part>/.exec(rest);
		if (match === null || parts.length >= MAX_S3_PART_NUMBER) throw malformed();
		rest = rest.slice(match[0].length);
		const fields: Record<string, string> = {};
		let inner = match[1]!;
		while (inner.trim() !== '') {
			const field = /^\s*<([A-Za-z0-9]+)>([^<]*)<\/\1>/.exec(inner);
			if (field === null) throw malformed();
			inner = inner.slice(field[0].length);
			fields[field[1]!] = field[2]!
				.replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&')
				.trim();
		}
		const partNumber = Number(fields.PartNumber);
		if (!Number.isInteger(partNumber) || fields.ETag === undefined) throw malformed();
		const checksumField = Object.keys(fields).find((f) => f.startsWith('Checksum'));
		parts.push({
			partNumber,
			etag: fields.ETag,
			checksum: checksumField === undefined ? null : fields[checksumField]!,
		});
	}
	if (parts.length === 0) throw malformed();
	return parts;
}

/** Assembles the object from the listed parts; throws as S3 does when the list does not match. */
export function completeUpload(
	store: ObjectStore,
	upload: MultipartUpload,
	bucket: string,
	location: string,
	headers: IncomingHttpHeaders,
	body: Buffer,
	now: number,
): { document: string; object: StoredObject } {
	const listed = parseComplete(body);
	const parts: UploadedPart[] = [];
	let previous = 0;
	for (const [index, entry] of listed.entries()) {
		if (entry.partNumber <= previous) {
			throw new AwsError(
				'InvalidPartOrder',
				400,
				'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
			);
		}
		previous = entry.partNumber;
		const part = upload.parts.get(entry.partNumber);
		if (part === undefined || !etagMatches(entry.etag, part.etag)) {
			throw new AwsError(
				'InvalidPart',
				400,
				"One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
				{ extra: { UploadId: upload.uploadId, PartNumber: String(entry.partNumber) } },
			);
		}
		if (entry.checksum !== null && part.checksum !== null && entry.checksum !== part.checksum) {
			throw new AwsError(
				'InvalidPart',
				400,
				`One or more of the specified parts could not be found. The part may not have been uploaded, or the specified checksum may not match the part's checksum.`,
				{ extra: { UploadId: upload.uploadId, PartNumber: String(entry.partNumber) } },
			);
		}
		if (index < listed.length - 1 && part.data.length < MIN_S3_PART_BYTES) {
			throw new AwsError(
				'EntityTooSmall',
				400,
				'Your proposed upload is smaller than the minimum allowed object size.',
				{
					extra: {
						ProposedSize: String(part.data.length),
						MinSizeAllowed: String(MIN_S3_PART_BYTES),
						PartNumber: String(entry.partNumber),
						ETag: part.etag,
					},
				},
			);
		}
		parts.push(part);
	}
	writeConditions(headers, upload.key, store.get(upload.key));
	const data = Buffer.concat(parts.map((p) => p.data));
	const md5s = Buffer.concat(parts.map((p) => Buffer.from(p.etag.replace(/"/g, ''), 'hex')));
	const etag = `"${createHash('md5').update(md5s).digest('hex')}-${parts.length}"`;
	const algorithm = upload.checksumAlgorithm;
	let checksum: StoredObject['checksum'];
	if (algorithm === null || algorithm === 'CRC64NVME') {
		checksum = {
			algorithm: 'CRC64NVME',
			value: checksumOf('CRC64NVME', data),
			type: 'FULL_OBJECT',
		};
	} else {
		const digests = parts.map((p) => Buffer.from(p.checksum!, 'base64'));
		checksum = {
			algorithm,
			value: `${checksumOf(algorithm, digests)}-${parts.length}`,
			type: 'COMPOSITE',
		};
	}
	const object: StoredObject = {
		data,
		etag,
		lastModified: wholeSecond(now),
		contentType: upload.contentType,
		headers: upload.headers,
		metadata: upload.metadata,
		checksum,
		partSizes: parts.map((p) => p.data.length),
	};
	store.put(upload.key, object);
	store.uploads.delete(upload.uploadId);
	const fields: XmlNode = { Location: location, Bucket: bucket, Key: upload.key, ETag: etag };
	fields[`Checksum${checksum.algorithm}`] = checksum.value;
	fields.ChecksumType = checksum.type;
	return { document: s3Document('CompleteMultipartUploadResult', fields), object };
}

/** ListParts, `max-parts` (≤ 1,000) at a time after `part-number-marker`. */
export function listParts(upload: MultipartUpload, bucket: string, query: URLSearchParams): string {
	const marker = Number(query.get('part-number-marker') ?? '0') || 0;
	const maxRaw = query.get('max-parts');
	const maxParts =
		maxRaw !== null && /^\d{1,6}$/.test(maxRaw) ? Math.min(Number(maxRaw), 1000) : 1000;
	const numbers = [...upload.parts.keys()].sort((a, b) => a - b).filter((n) => n > marker);
	const shown = numbers.slice(0, maxParts);
	const truncated = numbers.length > shown.length;
	const algorithm = upload.checksumAlgorithm;
	return s3Document('ListPartsResult', {
		Bucket: bucket,
		Key: upload.key,
		UploadId: upload.uploadId,
		PartNumberMarker: marker,
		NextPartNumberMarker: shown.at(-1) ?? marker,
		MaxParts: maxParts,
		IsTruncated: truncated,
		Part: shown.map((n): XmlNode => {
			const part = upload.parts.get(n)!;
			const node: XmlNode = {
				PartNumber: n,
				LastModified: isoTime(part.lastModified),
				ETag: part.etag,
				Size: part.data.length,
			};
			if (algorithm !== null && part.checksum !== null)
				node[`Checksum${algorithm}`] = part.checksum;
			return node;
		}),
		Initiator: { ID: upload.initiator, DisplayName: upload.initiator.split('/').at(-1) },
		Owner: { ...OWNER },
		StorageClass: 'STANDARD',
		ChecksumAlgorithm: algorithm ?? undefined,
	});
}

/** ListMultipartUploads (by prefix, at most `max-uploads` ≤ 1,000). */
export function listUploads(store: ObjectStore, bucket: string, query: URLSearchParams): string {
	const prefix = query.get('prefix') ?? '';
	const maxRaw = query.get('max-uploads');
	const max = maxRaw !== null && /^\d{1,6}$/.test(maxRaw) ? Math.min(Number(maxRaw), 1000) : 1000;
	const uploads = [...store.uploads.values()]
		.filter((u) => u.key.startsWith(prefix))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated));
	const shown = uploads.slice(0, max);
	return s3Document('ListMultipartUploadsResult', {
		Bucket: bucket,
		KeyMarker: '',
		UploadIdMarker: '',
		Prefix: prefix,
		MaxUploads: max,
		IsTruncated: uploads.length > shown.length,
		Upload: shown.map((u) => ({
			Key: u.key,
			UploadId: u.uploadId,
			Initiator: { ID: u.initiator, DisplayName: u.initiator.split('/').at(-1) },
			Owner: { ...OWNER },
			StorageClass: 'STANDARD',
			Initiated: isoTime(u.initiated),
		})),
	});
}
