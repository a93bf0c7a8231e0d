/**
 * Maps a DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.<Op>`) to the IAM authorizations it
 * needs, with the fine-grained condition keys DynamoDB documents: `dynamodb:LeadingKeys`,
 * `dynamodb:Attributes`, `dynamodb:Select`, `dynamodb:ReturnValues`, `dynamodb:ReturnConsumedCapacity`
 * (Developer Guide, "Using IAM policy conditions for fine-grained access control"). Every authorization
 * must be allowed for the request to be allowed.
 */
import { itemAuthorizations } from './dynamodb-items';
import type { DynamoDBEnvironment, Input } from './dynamodb-input';
import { RequestRejection } from './rejection';
import type { Authorization, WireRequest } from './types';

export interface DynamoDBRequest {
	operation: string;
	authorizations: Authorization[];
}

/** A problem DynamoDB would answer with instead of doing the request: its error code and message. */
interface DynamoDBProblem {
	code: string;
	message: string;
}

/**
 * Checks the parsed request as DynamoDB checks it, before it is mapped (the sandbox gateway: member types,
 * quotas and parameter rules), so that what is authorized is what storage will do.
 */
export type DynamoDBCheck = (operation: string, input: Input) => DynamoDBProblem | null;

const targetPrefix = 'DynamoDB_20120810.';
// Not `new TextDecoder()`: it would drop a leading byte order mark, which DynamoDB's JSON parser refuses.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Maps one DynamoDB request; throws {@link RequestRejection} for a request DynamoDB would refuse. */
export function mapDynamoDBRequest(
	request: Pick<WireRequest, 'headers' | 'body'>,
	env: DynamoDBEnvironment,
	check?: DynamoDBCheck,
): DynamoDBRequest {
	const target = request.headers['x-amz-target'];
	if (target === undefined || !target.startsWith(targetPrefix)) {
		throw new RequestRejection(400, 'UnknownOperationException', '');
	}
	const operation = target.slice(targetPrefix.length);
	const input = parse(request.body);
	if (input === null)
		throw new RequestRejection(
			400,
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	const problem = check?.(operation, input);
	if (problem) throw new RequestRejection(400, problem.code, problem.message);
	const authorizations = itemAuthorizations(operation, input, env);
	if (authorizations === undefined) {
		throw new RequestRejection(
			400,
			'AccessDeniedException',
			`The Fedplay sandbox gateway cannot map the DynamoDB operation ${operation} to IAM authorizations, so it never forwards it.`,
		);
	}
	return { operation, authorizations };
}

/** The body as a JSON object, or `null`. JSON.parse itself does not recurse, whatever the depth. */
function parse(body: string | Uint8Array): Input | null {
	try {
		const input: unknown = JSON.parse(typeof body === 'string' ? body : utf8.decode(body));
		return typeof input === 'object' && input !== null && !Array.isArray(input)
			? (input as Input)
			: null;
	} catch {
		return null;
	}
}
