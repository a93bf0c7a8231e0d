/**
 * The one factory for the app's signed S3 and DynamoDB calls, shaped around the calls rather than the SDK's
 * client classes: plain inputs and answers, errors in the SDK's shape (`name`, `message`,
 * `$metadata.httpStatusCode`, `$metadata.requestId`, `$fault`), so every error reader works whatever makes
 * the call. The calls are SigV4-signed `fetch` requests (fetch-client.ts), with the SDK's own signer: the S3
 * and DynamoDB SDK clients weighed 62 KB gzipped for these eight operations (README, Benchmarks).
 */
import { dynamoDbOperation, dynamoDbProtocol, type DynamoDbOperation } from './dynamodb-protocol';
import { FetchClient } from './fetch-client';
import { s3Operations, s3Protocol, type ListedObject, type PutObjectInput } from './s3-protocol';
import { instrument, type AwsCallOptions } from './signed-call';

interface S3Object {
	Bucket: string;
	Key: string;
}

export interface S3Calls {
	/** The object's body as text and its ETag (quoted, as S3 sends it). */
	getObject(input: S3Object): Promise<{ body: string; etag: string }>;
	putObject(input: PutObjectInput): Promise<{ etag: string }>;
	listObjectsV2(input: {
		Bucket: string;
		Prefix: string;
		MaxKeys?: number;
	}): Promise<{ objects: ListedObject[] }>;
	deleteObject(input: S3Object): Promise<void>;
}

export interface DynamoDbCalls {
	/** One DynamoDB operation over its own JSON (AttributeValue maps: dynamodb-json.ts). */
	call(
		operation: DynamoDbOperation,
		input: Record<string, unknown>,
	): Promise<Record<string, unknown>>;
}

interface AwsCalls {
	s3: S3Calls;
	dynamodb: DynamoDbCalls;
	/** Abort the calls in flight (sign-out, tests). */
	destroy(): void;
}

/** S3 and DynamoDB calls signed as `options` say. */
export function createAwsCalls(options: AwsCallOptions): AwsCalls {
	const clientOptions = {
		region: options.region,
		credentials: options.credentials,
		...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
		...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
	};
	// The sandbox (and any custom endpoint) has no virtual-hosted bucket names.
	const pathStyle = options.endpoint !== undefined;
	const s3 = new FetchClient(s3Protocol(pathStyle), clientOptions);
	const dynamodb = new FetchClient(dynamoDbProtocol, clientOptions);
	instrument(s3, options);
	instrument(dynamodb, options);
	const ops = s3Operations(pathStyle);
	const bare = <T extends { $metadata?: unknown }>({ $metadata: _metadata, ...rest }: T) => rest;
	return {
		s3: {
			getObject: async (input) => bare(await s3.send(ops.getObject, input)),
			putObject: async (input) => bare(await s3.send(ops.putObject, input)),
			listObjectsV2: async (input) => bare(await s3.send(ops.listObjectsV2, input)),
			deleteObject: async (input) => void (await s3.send(ops.deleteObject, input)),
		},
		dynamodb: {
			call: async (operation, input) =>
				bare(await dynamodb.send(dynamoDbOperation(operation), input)),
		},
		destroy() {
			s3.destroy();
			dynamodb.destroy();
		},
	};
}
