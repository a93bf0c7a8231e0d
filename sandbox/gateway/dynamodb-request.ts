/**
 * Maps a DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.<Op>`) to the IAM authorizations it
 * needs, with the fine-grained condition keys DynamoDB documents: `dynamodb:LeadingKeys`,
 * `dynamodb:Attributes`, `dynamodb:Select`, `dynamodb:ReturnValues`, `dynamodb:ReturnConsumedCapacity`
 * (Developer Guide, "Using IAM policy conditions for fine-grained access control"). Every authorization
 * must be allowed for the request to be forwarded.
 */
import { itemAuthorizations } from './dynamodb-items';
import { rejected, type Authorization, type Mapping } from './types';
import type { TableSchema } from './table-schema';

export interface DynamoDBEnvironment {
	region: string;
	accountId: string;
	/** The sandbox's one table (GameScores) with its indexes. */
	table: TableSchema;
}

export interface DynamoDBRequest {
	operation: string;
	authorizations: Authorization[];
}

const targetPrefix = 'DynamoDB_20120810.';

/** Maps one DynamoDB request; a rejection is answered by the gateway in DynamoDB's JSON error shape. */
export function mapDynamoDBRequest(
	target: string | undefined,
	body: Buffer,
	env: DynamoDBEnvironment,
): Mapping<DynamoDBRequest> {
	if (target === undefined || !target.startsWith(targetPrefix)) {
		return rejected(400, 'UnknownOperationException', '');
	}
	const operation = target.slice(targetPrefix.length);
	let input: unknown;
	try {
		input = JSON.parse(body.toString('utf8'));
	} catch {
		return rejected(
			400,
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	}
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return rejected(
			400,
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	}
	const mapped = itemAuthorizations(operation, input as Record<string, unknown>, env);
	if (mapped === undefined) {
		return rejected(
			400,
			'AccessDeniedException',
			`The Fedplay sandbox gateway cannot map the DynamoDB operation ${operation} to IAM authorizations, so it never forwards it.`,
		);
	}
	if (!mapped.ok) return mapped;
	return { ok: true, value: { operation, authorizations: mapped.value } };
}
