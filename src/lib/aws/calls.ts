/**
 * The one factory for the app's signed S3 and DynamoDB calls, shaped around the calls rather than the SDK's
 * client classes: plain inputs and answers, errors in the SDK's shape (`name`, `message`,
 * `$metadata.httpStatusCode`, `$metadata.requestId`, `$fault`), so every error reader works whatever makes
 * the call. Loaded after sign-in only: the SDK stays out of the first bundle.
 */
import {
	DynamoDBClient,
	GetItemCommand,
	QueryCommand,
	TransactWriteItemsCommand,
	UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
	DeleteObjectCommand,
	GetObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	S3Client,
} from '@aws-sdk/client-s3';
import { clientConfig, instrument, type AwsCallOptions } from './signed-call';

interface S3Object {
	Bucket: string;
	Key: string;
}

interface PutObjectInput extends S3Object {
	Body: string;
	ContentType?: string;
	CacheControl?: string;
	/** Write only if the object is still at this ETag. */
	IfMatch?: string;
	/** `*`: write only if there is no object yet. */
	IfNoneMatch?: string;
}

interface ListedObject {
	key: string;
	etag: string;
	lastModified: Date | null;
	size: number;
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

const DYNAMODB_COMMANDS = {
	GetItem: (input: never) => new GetItemCommand(input),
	Query: (input: never) => new QueryCommand(input),
	UpdateItem: (input: never) => new UpdateItemCommand(input),
	TransactWriteItems: (input: never) => new TransactWriteItemsCommand(input),
};

type DynamoDbOperation = keyof typeof DYNAMODB_COMMANDS;

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
	/** Close the connections (sign-out, tests). */
	destroy(): void;
}

/** S3 and DynamoDB calls signed as `options` say. */
export function createAwsCalls(options: AwsCallOptions): AwsCalls {
	const s3 = new S3Client({
		...clientConfig(options),
		// The sandbox (and any custom endpoint) has no virtual-hosted bucket names.
		forcePathStyle: options.endpoint !== undefined,
		// Without these, PutObject with a browser Blob body fails inside SDK v3.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
	const dynamodb = new DynamoDBClient(clientConfig(options));
	instrument(s3, options);
	instrument(dynamodb, options);
	return {
		s3: s3Calls(s3),
		dynamodb: {
			call: async (operation, input) => {
				const command = DYNAMODB_COMMANDS[operation](input as never);
				const answer = (await dynamodb.send(command as never)) as unknown as Record<
					string,
					unknown
				>;
				const { $metadata: _metadata, ...rest } = answer;
				return rest;
			},
		},
		destroy() {
			s3.destroy();
			dynamodb.destroy();
		},
	};
}

function s3Calls(client: S3Client): S3Calls {
	return {
		async getObject(input) {
			const answer = await client.send(new GetObjectCommand(input));
			const body = (await answer.Body?.transformToString('utf-8')) ?? '';
			return { body, etag: answer.ETag ?? '' };
		},
		async putObject(input) {
			const answer = await client.send(new PutObjectCommand(input));
			return { etag: answer.ETag ?? '' };
		},
		async listObjectsV2(input) {
			const answer = await client.send(new ListObjectsV2Command(input));
			const objects = (answer.Contents ?? []).map((o) => ({
				key: o.Key ?? '',
				etag: o.ETag ?? '',
				lastModified: o.LastModified ?? null,
				size: o.Size ?? 0,
			}));
			return { objects };
		},
		async deleteObject(input) {
			await client.send(new DeleteObjectCommand(input));
		},
	};
}
