/**
 * What a well-formed error looks like on the wire, per service the sandbox speaks for: the checks the
 * robustness test applies to every answer. Each returns the problems it found ([] for a good one).
 */
import { crc32 } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawAnswer } from './gateway-raw';

/** `sandbox-json`: the test-only endpoints; `oauth`: the identity providers. */
export type WireShape = 's3' | 'sts' | 'dynamodb' | 'cognito-identity' | 'sandbox-json' | 'oauth';

const xml = new XMLParser({ parseTagValue: false });

export function wireShapeProblems(shape: WireShape, answer: RawAnswer, method: string): string[] {
	if (answer.status < 400 || answer.status > 599)
		return [`status ${answer.status} is not an error`];
	const type = String(answer.headers['content-type'] ?? '');
	switch (shape) {
		case 's3':
			return s3Problems(answer, type, method);
		case 'sts':
			return stsProblems(answer, type);
		case 'dynamodb':
			return dynamoDbProblems(answer, type);
		case 'cognito-identity':
			return cognitoIdentityProblems(answer, type);
		case 'sandbox-json':
			return jsonErrorProblems(answer, type);
		case 'oauth':
			return oauthProblems(answer, type);
	}
}

/**
 * `<Error><Code/><Message/>…</Error>` with `x-amz-request-id`; status and headers only for HEAD. (S3 also
 * repeats the request id in the body: s3-fidelity.test.ts checks that.)
 */
function s3Problems(answer: RawAnswer, type: string, method: string): string[] {
	const problems = answer.headers['x-amz-request-id'] ? [] : ['no x-amz-request-id'];
	if (method === 'HEAD')
		return answer.body === '' ? problems : [...problems, 'a HEAD error with a body'];
	if (type !== 'application/xml') problems.push(`content-type ${type}`);
	const error = parseXml(answer.body)?.Error as Record<string, unknown> | undefined;
	if (!nonEmpty(error?.Code) || typeof error?.Message !== 'string')
		problems.push(`not an S3 <Error>: ${answer.body.slice(0, 120)}`);
	return problems;
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
function stsProblems(answer: RawAnswer, type: string): string[] {
	const problems = type === 'text/xml' ? [] : [`content-type ${type}`];
	const response = parseXml(answer.body)?.ErrorResponse as Record<string, unknown> | undefined;
	const error = response?.Error as Record<string, unknown> | undefined;
	const sender = error?.Type === 'Sender' || error?.Type === 'Receiver';
	if (!sender || !nonEmpty(error?.Code) || !nonEmpty(response?.RequestId))
		problems.push(`not an STS <ErrorResponse>: ${answer.body.slice(0, 120)}`);
	return problems;
}

/**
 * `{"__type": "com.amazon…#Code", "message": …}` with DynamoDB's headers: an x-amzn-RequestId of 52
 * base32hex characters, and x-amz-crc32, the CRC32 of the body. DynamoDB answers a body of another content
 * type with 404 `<UnknownOperationException/>` (as dynalite reproduces it), which counts too.
 */
function dynamoDbProblems(answer: RawAnswer, type: string): string[] {
	const problems: string[] = [];
	const requestId = answer.headers['x-amzn-requestid'];
	if (typeof requestId !== 'string' || !/^[0-9A-V]{52}$/.test(requestId))
		problems.push(`x-amzn-RequestId ${String(requestId)}`);
	if (answer.headers['x-amz-crc32'] !== String(crc32(Buffer.from(answer.body, 'utf8'))))
		problems.push('x-amz-crc32 is not the CRC32 of the body');
	if (answer.status === 404 && answer.body.trim() === '<UnknownOperationException/>')
		return problems;
	if (!/^application\/(x-amz-json-1\.0|json)$/.test(type)) problems.push(`content-type ${type}`);
	const body = parseJson(answer.body) as { __type?: unknown; message?: unknown } | undefined;
	const typed = typeof body?.__type === 'string' && /^com\.amazon[\w.]*#\w+$/.test(body.__type);
	if (!typed || (body?.message !== undefined && typeof body.message !== 'string'))
		problems.push(`not a DynamoDB error: ${answer.body.slice(0, 120)}`);
	return problems;
}

/**
 * Cognito Identity's (AWS JSON 1.1) error: `{"__type": "Code", "message": …}` with an unqualified code, the
 * same code in `x-amzn-ErrorType` (followed by a colon) and a request id.
 */
function cognitoIdentityProblems(answer: RawAnswer, type: string): string[] {
	const problems = type === 'application/x-amz-json-1.1' ? [] : [`content-type ${type}`];
	if (!/^[0-9a-f-]{36}$/.test(String(answer.headers['x-amzn-requestid'])))
		problems.push('no x-amzn-RequestId');
	const body = parseJson(answer.body) as { __type?: unknown; message?: unknown } | undefined;
	if (
		typeof body?.__type !== 'string' ||
		!/^\w+$/.test(body.__type) ||
		typeof body.message !== 'string'
	)
		problems.push(`not a Cognito Identity error: ${answer.body.slice(0, 120)}`);
	else if (answer.headers['x-amzn-errortype'] !== `${body.__type}:`)
		problems.push(`x-amzn-ErrorType ${String(answer.headers['x-amzn-errortype'])}`);
	return problems;
}

function jsonErrorProblems(answer: RawAnswer, type: string): string[] {
	const body = parseJson(answer.body) as { error?: unknown } | undefined;
	if (type.startsWith('application/json') && nonEmpty(body?.error)) return [];
	return [`not a JSON error (${type}): ${answer.body.slice(0, 120)}`];
}

/**
 * An identity provider's error: OAuth 2.0's JSON (RFC 6749 §5.2), one of its HTML pages (authorization and
 * interaction errors are shown to a person), or the router's plain 404/405 for a path it does not have.
 */
function oauthProblems(answer: RawAnswer, type: string): string[] {
	if (type.startsWith('application/json')) return jsonErrorProblems(answer, type);
	if (
		type.startsWith('text/html') &&
		/^<!doctype html>[\s\S]*<title>[^<]+<\/title>/i.test(answer.body)
	)
		return [];
	if (type.startsWith('text/plain') && [404, 405].includes(answer.status)) return [];
	return [`not an identity provider error (${type}): ${answer.body.slice(0, 120)}`];
}

function parseXml(text: string): Record<string, unknown> | undefined {
	if (XMLValidator.validate(text) !== true) return undefined;
	return xml.parse(text) as Record<string, unknown>;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function nonEmpty(value: unknown): boolean {
	return typeof value === 'string' && value !== '';
}
