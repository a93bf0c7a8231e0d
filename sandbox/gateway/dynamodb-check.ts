/**
 * The gateway checks a DynamoDB request as DynamoDB checks it before it is mapped to IAM authorizations —
 * member types and AttributeValues (dynamodb-shape-check.ts), quotas (dynamodb-limits.ts), parameter rules
 * (dynamodb-validation.ts) — so that what the gateway authorizes is what storage will do, and nothing
 * storage cannot bear reaches it.
 */
import type { DynamoDBCheck } from '../../src/lib/iam/request';
import type { DynamoDBEnvironment } from '../../src/lib/iam/request/dynamodb-input';
import { limitProblem } from './dynamodb-limits';
import { shapeProblem } from './dynamodb-shape-check';
import { parameterProblem } from './dynamodb-validation';

/** The gateway's checks for the mapping (`mapRequest`'s `checkDynamoDB`), in DynamoDB's order. */
export function dynamoDBChecks(env: DynamoDBEnvironment): DynamoDBCheck {
	return (operation, input) => {
		const shape = shapeProblem(operation, input);
		if (shape !== null) return shape;
		const invalid = limitProblem(operation, input, env) ?? parameterProblem(operation, input);
		return invalid === null ? null : { code: 'ValidationException', message: invalid };
	};
}
