import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { RequestRejection } from '../src/lib/iam/request';

/** The AWS services behind the sandbox endpoint; each has its own error wire shape. */
export type AwsService = 'sts' | 's3' | 'dynamodb';

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
	if (service === 'dynamodb') return base32Upper(randomBytes(33)).slice(0, 52);
	return randomUUID();
}

/** S3's `x-amz-id-2`. */
export function newS3HostId(): string {
	return randomBytes(48).toString('base64');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32Upper(bytes: Buffer): string {
	return [...bytes].map((b) => BASE32[b & 31]).join('');
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
	const hostId = newS3HostId();
	let body: string;
	let contentType: string;
	if (service === 'sts') {
		body = toQueryXml(err, requestId);
		contentType = 'text/xml';
	} else if (service === 's3') {
		body = toS3Xml(err, requestId, options.resource, hostId);
		contentType = 'application/xml';
	} else {
		body = toJson10(err);
		contentType = 'application/x-amz-json-1.0';
	}
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
