/**
 * The members a transaction item's part documents (DynamoDB API Reference, 2012-08-10: `Get` of
 * TransactGetItems; `Put`, `Update`, `Delete`, `ConditionCheck` of TransactWriteItems), in the order the
 * API lists them. DynamoDB ignores any other member, so the mapping authorizes none, and the sandbox
 * gateway neither checks nor forwards one (its shapes are built from this list).
 */
import type { Input } from './dynamodb-input';

const CONDITIONAL = ['TableName', 'ConditionExpression', 'ExpressionAttributeNames'];
const WITH_VALUES = [
	...CONDITIONAL,
	'ExpressionAttributeValues',
	'ReturnValuesOnConditionCheckFailure',
];

export const TRANSACT_PART_MEMBERS: Readonly<Record<string, readonly string[]>> = {
	Get: ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'],
	Put: ['Item', ...WITH_VALUES],
	Update: ['Key', 'UpdateExpression', ...WITH_VALUES],
	Delete: ['Key', ...WITH_VALUES],
	ConditionCheck: ['Key', ...WITH_VALUES],
};

/** A transaction item's part with only the members it documents; `{}` for an unknown kind. */
export function documentedPart(kind: string, part: Input): Input {
	const members = Object.hasOwn(TRANSACT_PART_MEMBERS, kind) ? TRANSACT_PART_MEMBERS[kind]! : [];
	return Object.fromEntries(
		members.filter((member) => Object.hasOwn(part, member)).map((member) => [member, part[member]]),
	);
}
