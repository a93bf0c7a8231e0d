/**
 * Maps a DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.<Op>`) to the IAM authorizations it
 * needs, with the fine-grained condition keys DynamoDB documents: `dynamodb:LeadingKeys`,
 * `dynamodb:Attributes`, `dynamodb:Select`, `dynamodb:ReturnValues`, `dynamodb:ReturnConsumedCapacity`
 * (Developer Guide, "Using IAM policy conditions for fine-grained access control"). Every authorization
 * must be allowed for the request to be forwarded.
 *
 * Before mapping, the request is checked as DynamoDB checks it — member types and AttributeValues
 * (dynamodb-shape-check.ts), quotas (dynamodb-limits.ts), parameter rules (dynamodb-validation.ts) — so that
 * what the gateway authorizes is what storage will do, and nothing storage cannot bear reaches it.
 */
import { itemAuthorizations } from './dynamodb-items';
import type { DynamoDBEnvironment, Input } from './dynamodb-input';
import { limitProblem } from './dynamodb-limits';
import { shapeProblem } from './dynamodb-shape-check';
import { parameterProblem } from './dynamodb-validation';
import { rejected, type Authorization, type Mapping } from './types';

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
	const input = parse(body);
	if (input === null)
		return rejected(
			400,
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	const shape = shapeProblem(operation, input);
	if (shape !== null) return rejected(400, shape.code, shape.message);
	const invalid = limitProblem(operation, input, env) ?? parameterProblem(operation, input);
	if (invalid !== null) return rejected(400, 'ValidationException', invalid);
	const mapped = itemAuthorizations(operation, input, env);
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

/** The body as a JSON object, or `null`. JSON.parse itself does not recurse, whatever the depth. */
function parse(body: Buffer): Input | null {
	try {
		const input: unknown = JSON.parse(body.toString('utf8'));
		return typeof input === 'object' && input !== null && !Array.isArray(input)
			? (input as Input)
			: null;
	} catch {
		return null;
	}
}
