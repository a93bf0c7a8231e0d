/**
 * THE request → IAM mapping: which authorizations (action, resource ARN, condition keys) one S3 or DynamoDB
 * request needs. The sandbox gateway decides with it; the inspector explains the app's own recorded calls
 * with it, so the two cannot disagree.
 */
import { mapDynamoDBRequest, type DynamoDBCheck, type DynamoDBRequest } from './dynamodb-request';
import { mapS3Request, type S3Request } from './s3-request';
import type { RequestEnvironment, WireRequest } from './types';

type MappedRequest = ({ service: 's3' } & S3Request) | ({ service: 'dynamodb' } & DynamoDBRequest);

interface MapOptions {
	/** DynamoDB's own checks, run on the parsed body before it is mapped (the sandbox gateway's). */
	checkDynamoDB?: DynamoDBCheck;
}

/**
 * The authorizations `request` needs, every one of which must be allowed. Throws {@link RequestRejection}
 * for a request the service would refuse before asking IAM, or that the mapping cannot authorize.
 */
export function mapRequest(
	request: WireRequest,
	env: RequestEnvironment,
	options: MapOptions = {},
): MappedRequest {
	if (request.service === 'dynamodb') {
		return { service: 'dynamodb', ...mapDynamoDBRequest(request, env, options.checkDynamoDB) };
	}
	return { service: 's3', ...mapS3Request(request, env) };
}
