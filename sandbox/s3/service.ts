/**
 * The sandbox's own S3 object store: what answers an S3 request once the gateway has verified its
 * signature and IAM has allowed it. It replaced s3rver 3.7.1, which could not be made to behave as S3 does
 * from outside (README, "Sandbox fidelity"): it stored `aws-chunked` framing as object data, answered every
 * truncated listing with a 500 (DES continuation tokens, refused by OpenSSL 3), had no multipart upload,
 * copy or multi-object delete the gateway could authorize per action, checked no Content-MD5 or checksum,
 * read `bytes=-N` as a prefix and ignored read conditions. Objects live in memory for the life of the
 * process, as s3rver's throwaway directory in RAM did.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { parseDeleteObjects, type S3Request } from '../../src/lib/iam/request';
import { AwsError, escapeXml, newRequestId, newS3HostId, requestIdHeaders } from '../errors';
import type { ChunkVerifier } from './aws-chunked';
import { headerOf, checksumOf } from './checksums';
import { verifiedBody } from './integrity';
import { listObjects } from './list';
import {
	completeUpload,
	createUpload,
	listParts,
	listUploads,
	uploadOf,
	uploadPart,
} from './multipart';
import {
	answerRead,
	copyResult,
	copySourceConditions,
	header,
	metadataOf,
	namedAlgorithm,
	noSuchKey,
	storedChecksum,
	wholeSecond,
	writeConditions,
	writeHeaders,
	etagOf,
	namesChecksum,
} from './objects';
import { ObjectStore, type StoredObject } from './store';
import { s3Document } from './xml';

/** One authorized S3 request, as the gateway hands it over. */
export interface S3Call {
	request: S3Request;
	method: string;
	headers: IncomingHttpHeaders;
	/** The body as it arrived (still `aws-chunked` when it was sent so). */
	body: Buffer;
	/** DeleteObjects: the keys IAM denied (each an `<Error>` in the answer) or the store refuses, with why. */
	refusedKeys?: Map<string, AwsError>;
	/** The chunk signatures' verifier, for a signed streaming payload. */
	verifier?: ChunkVerifier;
	/** The role session's ARN (a multipart upload's initiator). */
	principal: string;
	/** `http://host:port`, for CompleteMultipartUpload's `Location`. */
	origin: string;
}

export class S3Service {
	readonly store = new ObjectStore();
	readonly #now: () => number;

	constructor(now: () => number) {
		this.#now = now;
	}

	/** Answers `call` into `res`; throws the AwsError to answer with when S3 would refuse it. */
	answer(call: S3Call, res: ServerResponse): void {
		const { request, headers } = call;
		const query = new URLSearchParams(request.query);
		const key = request.key ?? '';
		const requestId = newRequestId('s3');
		for (const [name, value] of Object.entries(requestIdHeaders('s3', requestId, newS3HostId())))
			res.setHeader(name, value);
		switch (request.operation) {
			case 'GetObject':
			case 'HeadObject': {
				const object = this.store.get(key);
				if (object === undefined) throw noSuchKey(key);
				answerRead(res, object, headers, query, request.operation === 'HeadObject');
				return;
			}
			case 'PutObject': {
				const body = verifiedBody(headers, call.body, call.verifier);
				writeConditions(headers, key, this.store.get(key));
				const object: StoredObject = {
					data: body.data,
					etag: etagOf(body.data),
					lastModified: wholeSecond(this.#now()),
					...metadataOf(headers),
					checksum: storedChecksum(headers, body),
					partSizes: null,
				};
				this.store.put(key, object);
				writeHeaders(res, object);
				empty(res, 200);
				return;
			}
			case 'CopyObject':
				this.#copy(call, key, res);
				return;
			case 'DeleteObject':
				this.store.delete(key);
				empty(res, 204);
				return;
			case 'DeleteObjects':
				this.#deleteObjects(call, res);
				return;
			case 'ListObjects':
				xml(res, listObjects(this.store, request.bucket, query));
				return;
			case 'CreateMultipartUpload': {
				const { document, upload } = createUpload(
					this.store,
					request.bucket,
					key,
					headers,
					call.principal,
					this.#now(),
				);
				if (upload.checksumAlgorithm !== null) {
					res.setHeader('x-amz-checksum-algorithm', upload.checksumAlgorithm);
				}
				xml(res, document);
				return;
			}
			case 'UploadPart': {
				const upload = uploadOf(this.store, key, query);
				const body = verifiedBody(headers, call.body, call.verifier);
				const part = uploadPart(upload, query, body, this.#now());
				res.setHeader('ETag', part.etag);
				if (part.checksum !== null && upload.checksumAlgorithm !== null) {
					res.setHeader(headerOf(upload.checksumAlgorithm), part.checksum);
				}
				empty(res, 200);
				return;
			}
			case 'CompleteMultipartUpload': {
				const upload = uploadOf(this.store, key, query);
				const body = verifiedBody(headers, call.body, call.verifier);
				const location = `${call.origin}/${encodeURIComponent(request.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
				const { document, object } = completeUpload(
					this.store,
					upload,
					request.bucket,
					location,
					headers,
					body.data,
					this.#now(),
				);
				res.setHeader('ETag', object.etag);
				xml(res, document);
				return;
			}
			case 'AbortMultipartUpload': {
				const upload = uploadOf(this.store, key, query);
				this.store.uploads.delete(upload.uploadId);
				empty(res, 204);
				return;
			}
			case 'ListParts':
				xml(res, listParts(uploadOf(this.store, key, query), request.bucket, query));
				return;
			case 'ListMultipartUploads':
				xml(res, listUploads(this.store, request.bucket, query));
				return;
		}
	}

	#copy(call: S3Call, key: string, res: ServerResponse): void {
		const { headers } = call;
		const sourceKey = call.request.copySource!.key;
		const source = this.store.get(sourceKey);
		if (source === undefined) throw noSuchKey(sourceKey);
		copySourceConditions(headers, source);
		const directive = (header(headers, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
		if (directive !== 'COPY' && directive !== 'REPLACE') {
			throw new AwsError('InvalidArgument', 400, 'Unknown metadata directive.', {
				extra: { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive.slice(0, 32) },
			});
		}
		const algorithm = namedAlgorithm(headers);
		if (sourceKey === key && directive === 'COPY' && algorithm === null) {
			throw new AwsError(
				'InvalidRequest',
				400,
				"This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
			);
		}
		writeConditions(headers, key, this.store.get(key));
		const metadata =
			directive === 'REPLACE'
				? metadataOf(headers)
				: { contentType: source.contentType, headers: source.headers, metadata: source.metadata };
		const checksum =
			algorithm !== null
				? { algorithm, value: checksumOf(algorithm, source.data), type: 'FULL_OBJECT' as const }
				: source.checksum?.type === 'FULL_OBJECT'
					? source.checksum
					: {
							algorithm: 'CRC64NVME' as const,
							value: checksumOf('CRC64NVME', source.data),
							type: 'FULL_OBJECT' as const,
						};
		const object: StoredObject = {
			data: source.data,
			etag: etagOf(source.data),
			lastModified: wholeSecond(this.#now()),
			...metadata,
			checksum,
			partSizes: null,
		};
		this.store.put(key, object);
		res.setHeader('x-amz-server-side-encryption', 'AES256');
		xml(res, copyResult(object));
	}

	/**
	 * DeleteObjects: the body's integrity is required (S3: `Content-MD5` or a checksum), then each key is
	 * deleted or answered with its own `<Error>`. Quiet mode lists the errors only.
	 */
	#deleteObjects(call: S3Call, res: ServerResponse): void {
		const { headers } = call;
		if (header(headers, 'content-md5') === undefined && !namesChecksum(headers)) {
			throw new AwsError(
				'InvalidRequest',
				400,
				'Missing required header for this request: Content-MD5',
			);
		}
		const body = verifiedBody(headers, call.body, call.verifier);
		const { quiet, objects } = parseDeleteObjects(body.data);
		let out = '';
		for (const { key } of objects) {
			const refused = call.refusedKeys?.get(key);
			if (refused !== undefined) {
				out += `<Error><Key>${escapeXml(key)}</Key><Code>${escapeXml(refused.code)}</Code><Message>${escapeXml(refused.message)}</Message></Error>`;
				continue;
			}
			this.store.delete(key);
			if (!quiet) out += `<Deleted><Key>${escapeXml(key)}</Key></Deleted>`;
		}
		xml(res, s3Document('DeleteResult', {}).replace('</DeleteResult>', `${out}</DeleteResult>`));
	}
}

function empty(res: ServerResponse, status: number): void {
	res.statusCode = status;
	res.setHeader('Content-Length', '0');
	res.end();
}

function xml(res: ServerResponse, document: string): void {
	const bytes = Buffer.from(document, 'utf8');
	res.statusCode = 200;
	res.setHeader('Content-Type', 'application/xml');
	res.setHeader('Content-Length', String(bytes.length));
	res.end(bytes);
}
