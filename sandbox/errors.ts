import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { RequestRejection } from '../src/lib/iam/request';

/** The AWS services behind the sandbox endpoint; each has its own error wire shape. */
export type AwsService = 'sts' | 's3' | 'dynamodb' | 'cognito-identity';

/** The services that speak AWS JSON (1.0 for DynamoDB, 1.1 for Cognito Identity) and share its front end's errors. */
export function isJsonService(service: AwsService): service is 'dynamodb' | 'cognito-identity' {
	return service === 'dynamodb' || service === 'cognito-identity';
}

/**
 * One AWS protocol error with its HTTP status (node-oidc-provider's error-class pattern). `code` and
 * `message` are AWS's own words; `extra` adds S3's service-specific elements (`AWSAccessKeyId`,
 * `ServerTime`…) after `Message`. A message never carries a secret or a token.
 */
export class AwsError extends Error {
	override readonly name = 'AwsError';
	readonly code: string;
	readonly status: number;
	/** STS's `<Type>`: Sender for the caller's faults, Receiver for ours. */
	readonly type: 'Sender' | 'Receiver';
	readonly extra: Record<string, string>;

	constructor(
		code: string,
		status: number,
		message: string,
		options: { type?: 'Sender' | 'Receiver'; extra?: Record<string, string> } = {},
	) {
		super(message);
		this.code = code;
		this.status = status;
		this.type = options.type ?? (status >= 500 ? 'Receiver' : 'Sender');
		this.extra = options.extra ?? {};
	}
}

export function isAwsError(value: unknown): value is AwsError {
	return value instanceof AwsError;
}

/**
 * The AWS error to answer for `error`: itself, or a request the shared mapping refused (src/lib/iam/request,
 * whose one error class carries AWS's code, status and message); `null` for any other failure.
 */
export function toAwsError(error: unknown): AwsError | null {
	if (error instanceof RequestRejection) {
		return new AwsError(error.code, error.status, error.message, { extra: error.extra });
	}
	return isAwsError(error) ? error : null;
}

/**
 * The service's own 500 for a failure on our side: S3's `InternalError` (S3 API Reference, "Error
 * responses"), and elsewhere the common `InternalFailure` (every Query and JSON API's "Common Errors").
 */
export function internalError(service: AwsService): AwsError {
	if (service === 's3') {
		return new AwsError(
			'InternalError',
			500,
			'We encountered an internal error. Please try again.',
		);
	}
	// Cognito Identity's model names its own fault, InternalErrorException; the words are the sandbox's.
	if (service === 'cognito-identity')
		return new AwsError('InternalErrorException', 500, 'An internal error occurred.');
	return new AwsError(
		'InternalFailure',
		500,
		'The request processing has failed because of an unknown error, exception or failure.',
	);
}

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS (AWS Query protocol) error body. */
export function toQueryXml(err: AwsError, requestId: string): string {
	return (
		`<ErrorResponse xmlns="${STS_XMLNS}">\n` +
		`  <Error>\n` +
		`    <Type>${err.type}</Type>\n` +
		`    <Code>${escapeXml(err.code)}</Code>\n` +
		`    <Message>${escapeXml(err.message)}</Message>\n` +
		`  </Error>\n` +
		`  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
		`</ErrorResponse>\n`
	);
}

/** S3 REST-XML error body; `resource` is the addressed path (`/bucket/key`) when there is one. */
export function toS3Xml(
	err: AwsError,
	requestId: string,
	resource?: string,
	hostId?: string,
): string {
	const extra = Object.entries(err.extra)
		.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
		.join('');
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>` +
		extra +
		(resource === undefined ? '' : `<Resource>${escapeXml(resource)}</Resource>`) +
		`<RequestId>${escapeXml(requestId)}</RequestId>` +
		`<HostId>${escapeXml(hostId ?? newS3HostId())}</HostId></Error>`
	);
}

// DynamoDB qualifies `__type` by the layer that raised the error: the front end (auth), the validator,
// or the service model itself.
const CORAL_SERVICE_CODES = new Set([
	'AccessDeniedException',
	'UnrecognizedClientException',
	'ExpiredTokenException',
	'InvalidSignatureException',
	'MissingAuthenticationTokenException',
	'IncompleteSignatureException',
	'UnknownOperationException',
	'SerializationException',
	'RequestEntityTooLargeException',
	'ThrottlingException',
	'InternalFailure',
	'ServiceUnavailableException',
	'NotImplemented',
]);

/** The `__type` DynamoDB puts on an error code. */
export function dynamoDbErrorType(code: string): string {
	if (CORAL_SERVICE_CODES.has(code)) return `com.amazon.coral.service#${code}`;
	if (code === 'ValidationException') return 'com.amazon.coral.validate#ValidationException';
	return `com.amazonaws.dynamodb.v20120810#${code}`;
}

/** DynamoDB (awsJson1_0) error body. */
export function toJson10(err: AwsError): string {
	return JSON.stringify({ __type: dynamoDbErrorType(err.code), message: err.message });
}

/** A request id in the service's own format. */
export function newRequestId(service: AwsService): string {
	if (service === 's3') return randomBytes(8).toString('hex').toUpperCase();
	if (service === 'dynamodb') return dynamoDbRequestId();
	return randomUUID();
}

/** S3's `x-amz-id-2`. */
export function newS3HostId(): string {
	return randomBytes(48).toString('base64');
}

/**
 * DynamoDB's request ids are 52 characters of RFC 4648's base32hex alphabet (0-9, A-V), as every real one
 * users quote shows (aws-sdk-js-v3 issue 6718 lists 42, such as
 * `59U50T71JBC0K9UFSMPUO6UGBBVV4KQNSO5AEMVJF66Q9ASUAAJG`).
 */
const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
function dynamoDbRequestId(): string {
	return [...randomBytes(52)].map((b) => BASE32HEX[b & 31]).join('');
}

/** The request-id headers a service sends on every answer. */
export function requestIdHeaders(
	service: AwsService,
	requestId: string,
	hostId?: string,
): Record<string, string> {
	if (service === 's3')
		return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId ?? newS3HostId() };
	return { 'x-amzn-RequestId': requestId };
}

/**
 * Writes `err` in the wire shape of `service`, with its request-id headers. Headers already set on `res`
 * (CORS) are kept. `resource` is S3's `<Resource>`.
 */
export function sendAwsError(
	res: ServerResponse,
	service: AwsService,
	err: AwsError,
	options: { requestId?: string; resource?: string; head?: boolean } = {},
): void {
	const requestId = options.requestId ?? newRequestId(service);
	if (service === 'dynamodb') {
		sendJson10(res, err.status, toJson10(err), requestId);
		return;
	}
	if (service === 'cognito-identity') {
		sendJson11Error(res, err, requestId);
		return;
	}
	const hostId = newS3HostId();
	const [body, contentType] =
		service === 'sts'
			? [toQueryXml(err, requestId), 'text/xml']
			: [toS3Xml(err, requestId, options.resource, hostId), 'application/xml'];
	res.statusCode = err.status;
	for (const [name, value] of Object.entries(requestIdHeaders(service, requestId, hostId))) {
		res.setHeader(name, value);
	}
	res.setHeader('Content-Type', contentType);
	// S3 answers HEAD errors with status and headers only.
	if (options.head) {
		res.end();
		return;
	}
	res.setHeader('Content-Length', Buffer.byteLength(body));
	res.end(body);
}

/**
 * Writes a DynamoDB (awsJson1_0) answer, an error or not, with the headers DynamoDB sends on every one: its
 * request id and `x-amz-crc32`, the CRC32 of the body's bytes, which botocore (so the AWS CLI) checks.
 */
export function sendJson10(
	res: ServerResponse,
	status: number,
	body: string,
	requestId = newRequestId('dynamodb'),
): void {
	const bytes = Buffer.from(body, 'utf8');
	res.statusCode = status;
	res.setHeader('x-amzn-RequestId', requestId);
	res.setHeader('x-amz-crc32', String(crc32(bytes)));
	res.setHeader('Content-Type', 'application/x-amz-json-1.0');
	res.setHeader('Content-Length', bytes.length);
	res.end(bytes);
}

/**
 * An AWS JSON 1.1 answer (Cognito Identity): the body as JSON, `Content-Type: application/x-amz-json-1.1` and
 * the request id, as every one of its answers carries.
 */
export function sendJson11(
	res: ServerResponse,
	status: number,
	body: unknown,
	requestId = newRequestId('cognito-identity'),
	headers: Record<string, string> = {},
): void {
	const bytes = Buffer.from(JSON.stringify(body), 'utf8');
	res.statusCode = status;
	res.setHeader('x-amzn-RequestId', requestId);
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.setHeader('Content-Type', 'application/x-amz-json-1.1');
	res.setHeader('Content-Length', bytes.length);
	res.end(bytes);
}

/**
 * A Cognito Identity error: `{"__type": code, "message": …}` in the body, and in the headers too, as its
 * front end sends them (`x-amzn-ErrorType: NotAuthorizedException:`, `x-amzn-ErrorMessage: …`; seen in
 * answers users quote, e.g. awslabs/samljs-serverless-sample#3).
 */
function sendJson11Error(res: ServerResponse, err: AwsError, requestId: string): void {
	sendJson11(res, err.status, { __type: err.code, message: err.message }, requestId, {
		'x-amzn-ErrorType': `${err.code}:`,
		'x-amzn-ErrorMessage': headerSafe(err.message),
	});
}

/** A message that may echo a caller's value (a validation error) is cut in the header; the body keeps it whole. */
const MAX_HEADER_MESSAGE = 512;

/** A header value cannot hold control characters or non-Latin-1 text, nor be long. */
function headerSafe(text: string): string {
	const safe = text.replace(/[^\x20-\x7e]/g, '?');
	return safe.length > MAX_HEADER_MESSAGE ? `${safe.slice(0, MAX_HEADER_MESSAGE - 3)}...` : safe;
}
