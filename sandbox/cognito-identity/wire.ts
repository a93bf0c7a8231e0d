/**
 * Cognito Identity's wire protocol, AWS JSON 1.1 (botocore's model: `"protocol": "json"`, `"jsonVersion":
 * "1.1"`, `"targetPrefix": "AWSCognitoIdentityService"`): `POST /` with `X-Amz-Target:
 * AWSCognitoIdentityService.<Operation>` and a JSON object as the body.
 */
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../errors';

export const TARGET_PREFIX = 'AWSCognitoIdentityService.';

export interface JsonRequest {
	operation: string;
	input: Record<string, unknown>;
}

/** The operation and its input; an unknown target or a body that is not a JSON object is refused. */
export function readJsonRequest(req: IncomingMessage, body: Buffer): JsonRequest {
	const target = req.headers['x-amz-target'];
	const path = (req.url ?? '/').split('?')[0];
	if (
		req.method !== 'POST' ||
		path !== '/' ||
		typeof target !== 'string' ||
		!target.startsWith(TARGET_PREFIX)
	) {
		// As AWS's JSON front end answers a request it cannot route to an operation.
		throw new AwsError('UnknownOperationException', 400, '');
	}
	return { operation: target.slice(TARGET_PREFIX.length), input: parseObject(body) };
}

function parseObject(body: Buffer): Record<string, unknown> {
	const text = body.toString('utf8');
	let value: unknown;
	try {
		value = text.trim() === '' ? {} : JSON.parse(text);
	} catch {
		value = undefined;
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		// The words are DynamoDB's (the same JSON front end) for a body that is not an object.
		throw new AwsError(
			'SerializationException',
			400,
			'Start of structure or map found where not expected.',
		);
	}
	return value as Record<string, unknown>;
}
