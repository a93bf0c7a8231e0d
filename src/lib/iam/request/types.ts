import type { ContextValue } from '../types';
import type { TableSchema } from './table-schema';

/**
 * One S3 or DynamoDB request as it went over the wire, signed: what the sandbox gateway receives and what
 * the app's call log records. Nothing secret is read from it: the signature, the session token and the
 * credentials may be redacted.
 */
export interface WireRequest {
	/** The service the request is signed for (its SigV4 scope). */
	service: 's3' | 'dynamodb';
	method: string;
	/** Path and query as sent, still percent-encoded: `/bucket/key?x-id=GetObject`. */
	url: string;
	/** Header names in lower case; a repeated header's values joined with `, `, as Node joins them. */
	headers: Record<string, string>;
	body: string | Uint8Array;
}

/** One IAM question a request asks: may the caller perform `action` on `resource`, given `context`? */
export interface Authorization {
	/** `service:Operation`, e.g. `s3:GetObject`, `dynamodb:Query`. */
	action: string;
	/** The resource ARN, e.g. `arn:aws:s3:::fedplay-game-data/players/oidc1/alice/profile.json`. */
	resource: string;
	/** Action-specific condition keys only; the caller adds the global `aws:*` and web identity keys. */
	context: Record<string, ContextValue>;
}

/** Where the requests go: the one bucket and the tables the mapping knows, and how S3 is addressed. */
export interface RequestEnvironment {
	region: string;
	accountId: string;
	/** The bucket of the game's data (`fedplay-game-data`); any other bucket is `NoSuchBucket`. */
	bucket: string;
	/** Host names that address the S3 endpoint itself (path-style: `/<bucket>/<key>`). */
	endpointHosts: string[];
	/**
	 * Host names under which `<bucket>.<host>` addresses a bucket (virtual-hosted style), as the SDK sends to
	 * real S3. Empty for the sandbox, which refuses that style.
	 */
	virtualHostBases: string[];
	/** The tables whose key schema the mapping knows; `dynamodb:LeadingKeys` is read for these only. */
	tables: TableSchema[];
}
