/**
 * The game's access to its data: S3 and DynamoDB calls (lib/aws) and where the data lives. Built once per
 * signed-in session, in the data layer's own chunk: none of it (nor the SigV4 signer) is needed before sign-in.
 */
import type { CallLog } from '../aws/call-log';
import { createAwsCalls, type DynamoDbCalls, type S3Calls } from '../aws/calls';
import type { Clock } from '../aws/clock';
import type { AwsCredentialsProvider } from '../aws/retry-on-expired';
import type { RuntimeConfig } from '../config/schema';

/** What the game's data functions use. */
export interface GameData {
	s3: S3Calls;
	dynamodb: DynamoDbCalls;
	bucket: string;
	table: string;
	/** Close the connections (sign-out, tests). */
	destroy(): void;
}

/** What the game needs to reach its data: given by lib/session (or a test, a benchmark). */
export interface GameAccess {
	config: Pick<RuntimeConfig, 'region' | 'endpoint' | 'bucket' | 'table'>;
	/** The signed-in player's credentials: the app's credential provider, or any identity function. */
	credentials: AwsCredentialsProvider;
	/** The corrected clock (the app's); none in tests. */
	clock?: Clock;
	/** Where calls are recorded: the app-wide log by default, `null` for none. */
	callLog?: CallLog | null;
	/** Attempts per call (as the SDK's `maxAttempts`); the outbox does its own retrying, so tests may pass 1. */
	maxAttempts?: number;
}

/** The game's data, reached with `access`. */
export function createGameData(access: GameAccess): GameData {
	const { config, ...options } = access;
	const calls = createAwsCalls({ region: config.region, endpoint: config.endpoint, ...options });
	return { ...calls, bucket: config.bucket, table: config.table };
}
