/**
 * Signed requests as the call log records them (call-log-middleware.ts: the last attempt's method, URL,
 * redacted headers and body text), for the app's calls to the sandbox endpoint.
 */
import type { LoggedRequest } from '../../../src/lib/aws/call-log';

export const ENDPOINT = 'http://localhost:4566';

const signed = {
	host: 'localhost:4566',
	authorization:
		'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20240101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd…wxyz',
	'x-amz-security-token': '••••',
};

/** An S3 REST request, path-style: `path` is `/bucket/key?query`, encoded as the SDK sends it. */
export function s3Request(method: string, path: string): LoggedRequest {
	return { method, url: `${ENDPOINT}${path}`, headers: signed, body: null };
}

/** A DynamoDB JSON request: the operation in X-Amz-Target, the marshalled input as the body. */
export function dynamoDBRequest(operation: string, input: object): LoggedRequest {
	return {
		method: 'POST',
		url: `${ENDPOINT}/`,
		headers: {
			...signed,
			'content-type': 'application/x-amz-json-1.0',
			'x-amz-target': `DynamoDB_20120810.${operation}`,
		},
		body: JSON.stringify(input),
	};
}
