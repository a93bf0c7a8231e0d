/**
 * The AWS endpoint's size bounds (`limits.ts`), decided from the request line and headers before any body
 * is read, parsed or forwarded, and answered in the addressed service's own words.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import {
	AwsError,
	isJsonService,
	newRequestId,
	newS3HostId,
	requestIdHeaders,
	toS3Xml,
	type AwsService,
} from './errors';
import {
	MAX_AWS_HEADER_BYTES,
	MAX_REQUEST_BODY_BYTES,
	MAX_S3_METADATA_BYTES,
	MAX_S3_OBJECT_BYTES,
} from './limits';
import { BodyTooLargeError, IncompleteBodyError, readBody } from './read-body';
import { endSocketWith } from './request-boundary';

/** What a request's body may hold, by what it addresses. */
export interface BodyLimit {
	bytes: number;
	/** The error for a body over `bytes`, given its (declared or counted) size. */
	tooLarge(size: number): AwsError;
}

/**
 * S3 object data (a PUT to a key) may be up to `MAX_S3_OBJECT_BYTES`; every other body, S3's XML
 * included, up to `MAX_REQUEST_BODY_BYTES`.
 */
export function bodyLimitOf(req: IncomingMessage, service: AwsService): BodyLimit {
	if (service === 's3' && req.method === 'PUT' && addressesObject(req.url ?? '/')) {
		return {
			bytes: MAX_S3_OBJECT_BYTES,
			tooLarge: (size) =>
				new AwsError(
					'EntityTooLarge',
					400,
					'Your proposed upload exceeds the maximum allowed size',
					{
						extra: { ProposedSize: String(size), MaxSizeAllowed: String(MAX_S3_OBJECT_BYTES) },
					},
				),
		};
	}
	return { bytes: MAX_REQUEST_BODY_BYTES, tooLarge: () => requestTooLarge(service) };
}

/** `/bucket/key…`: a path with a non-empty segment after the bucket's. */
function addressesObject(url: string): boolean {
	const path = url.split('?')[0]!;
	const slash = path.indexOf('/', 1);
	return slash !== -1 && slash < path.length - 1;
}

function requestTooLarge(service: AwsService): AwsError {
	const max = MAX_REQUEST_BODY_BYTES;
	// S3 API Reference, "Error responses": MaxMessageLengthExceeded, "Your request was too big."
	if (service === 's3')
		return new AwsError('MaxMessageLengthExceeded', 400, 'Your request was too big.');
	// DynamoDB's front end answers 413 (com.amazon.coral.service#RequestEntityTooLargeException), and so does
	// Cognito Identity's, the same JSON front end; the wording of the message is the sandbox's. STS takes the
	// Query protocol's equivalent.
	const code = isJsonService(service) ? 'RequestEntityTooLargeException' : 'RequestEntityTooLarge';
	return new AwsError(code, 413, `Request size exceeded ${max} bytes`);
}

/** The body, or the addressed service's refusal of it. */
export async function readServiceBody(req: IncomingMessage, limit: BodyLimit): Promise<Buffer> {
	try {
		return await readBody(req, limit.bytes);
	} catch (error) {
		if (error instanceof BodyTooLargeError) throw limit.tooLarge(error.size);
		if (!(error instanceof IncompleteBodyError)) throw error;
		// The client closed before sending its whole body: nobody will read this answer.
		throw new AwsError(
			'IncompleteBody',
			400,
			'You did not provide the number of bytes specified by the Content-Length HTTP header',
		);
	}
}

/**
 * S3's bound on user-defined metadata, checked before the body is read: the sum of the UTF-8 bytes of each
 * `x-amz-meta-*` key (without the prefix) and value, as S3 measures it. Node decodes header bytes as
 * Latin-1, one character per byte, so the bytes as sent are the length in Latin-1.
 */
export function checkS3Metadata(req: IncomingMessage): void {
	let size = 0;
	for (const [name, value] of Object.entries(req.headers)) {
		if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
		const text = Array.isArray(value) ? value.join(',') : value;
		size += Buffer.byteLength(name.slice('x-amz-meta-'.length) + text, 'latin1');
	}
	if (size <= MAX_S3_METADATA_BYTES) return;
	throw new AwsError(
		'MetadataTooLarge',
		400,
		'Your metadata headers exceed the maximum allowed metadata size.',
		{ extra: { Size: String(size), MaxSizeAllowed: String(MAX_S3_METADATA_BYTES) } },
	);
}

/**
 * Node's parser refused the request before any service could be told from it (headers over the limit,
 * malformed HTTP, a request that took too long): answered as S3 answers these, the endpoint's default
 * service, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
	const err = clientErrorOf(error.code);
	const [requestId, hostId] = [newRequestId('s3'), newS3HostId()];
	const headers = {
		'Content-Type': 'application/xml',
		...requestIdHeaders('s3', requestId, hostId),
	};
	endSocketWith(socket, err.status, headers, toS3Xml(err, requestId, undefined, hostId));
}

function clientErrorOf(code: string | undefined): AwsError {
	if (code === 'HPE_HEADER_OVERFLOW') {
		return new AwsError(
			'RequestHeaderSectionTooLarge',
			400,
			'Your request header section exceeds the maximum allowed size.',
			{ extra: { MaxSizeAllowed: String(MAX_AWS_HEADER_BYTES) } },
		);
	}
	if (code === 'HPE_INVALID_EOF_STATE') {
		// The client closed its side before the request was complete.
		return new AwsError(
			'IncompleteBody',
			400,
			'You did not provide the number of bytes specified by the Content-Length HTTP header',
		);
	}
	if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
		return new AwsError(
			'RequestTimeout',
			400,
			'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
		);
	}
	return new AwsError('BadRequest', 400, 'An error occurred when parsing the HTTP request.');
}
