/**
 * The one place the app builds its S3 and DynamoDB clients (the app imports this module dynamically
 * after sign-in, so the SDK stays out of the first bundle). The endpoint comes from runtime config: the
 * sandbox or real AWS, never a rebuild.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { RuntimeConfig } from '../config/schema';
import type { Clock } from '../federation/clock-skew';
import type { CredentialProvider } from '../federation/credential-provider';
import { applyFedplayMiddleware } from '../federation/expired-retry';
import { attachInspector, type CallLog } from '../inspector/call-log';

/** Everything the game-data functions need: the two clients and where the data lives. */
export interface GameData {
	s3: S3Client;
	ddb: DynamoDBDocumentClient;
	bucket: string;
	table: string;
}

export interface DataClientOptions {
	config: Pick<RuntimeConfig, 'region' | 'endpoint' | 'bucket' | 'table'>;
	/** The shared credential provider (or any SDK credential provider, e.g. in tests and benchmarks). */
	credentials: AwsCredentialIdentityProvider | CredentialProvider;
	/** When given, every call is recorded for the inspector. */
	callLog?: CallLog;
	/** Corrected clock for skew readings (clock-skew.ts). */
	clock?: Clock;
	/** SDK attempts per call; the outbox does its own retrying, so tests may pass 1. */
	maxAttempts?: number;
}

/** True for the app's credential provider (it can be told that credentials expired). */
function isCredentialProvider(
	value: DataClientOptions['credentials'],
): value is CredentialProvider {
	return (
		(value as Partial<CredentialProvider>).memoized === true &&
		typeof (value as Partial<CredentialProvider>).invalidate === 'function'
	);
}

/** Builds the S3 and DynamoDB (document) clients with Fedplay's middleware and the inspector. */
export function createDataClients(options: DataClientOptions): GameData {
	const { config, credentials } = options;
	const common = {
		region: config.region,
		credentials,
		...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
		...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
	};
	const s3 = new S3Client({
		...common,
		// The sandbox (and any custom endpoint) has no virtual-hosted bucket names.
		forcePathStyle: config.endpoint !== undefined,
		// Without these, PutObject with a browser Blob body fails inside SDK v3.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
	const dynamodb = new DynamoDBClient(common);
	const ddb = DynamoDBDocumentClient.from(dynamodb, {
		marshallOptions: { removeUndefinedValues: true },
	});
	if (isCredentialProvider(credentials)) {
		applyFedplayMiddleware(s3, credentials, options.clock);
		applyFedplayMiddleware(dynamodb, credentials, options.clock);
	}
	if (options.callLog) {
		attachInspector(s3, options.callLog);
		attachInspector(dynamodb, options.callLog);
	}
	return { s3, ddb, bucket: config.bucket, table: config.table };
}

/** Closes the clients' sockets (sign-out, tests). */
export function destroyDataClients(data: GameData): void {
	data.ddb.destroy();
	data.s3.destroy();
}
