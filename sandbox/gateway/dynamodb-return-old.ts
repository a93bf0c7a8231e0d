/**
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD` on PutItem, UpdateItem and DeleteItem: a failed condition's
 * ConditionalCheckFailedException carries the item the condition was evaluated on, as `Item` beside
 * `message` (the SDKs surface it as `error.Item`).
 *
 * dynalite cannot: its validation keeps only the members it knows, so the parameter is gone before its
 * condition check, and its lock on the item is out of the gateway's reach. So the gateway sends the write
 * as it is and, when dynalite answers ConditionalCheckFailedException, asks dynalite for an item on which the
 * condition fails now, with a probe that changes nothing (dynamodb-condition-probe.ts). The failed write
 * changed nothing either, so it may be taken to have happened at the probe: the item answered is exactly one
 * the condition failed on. If a concurrent write made the condition hold again in between, the write is
 * sent again. A legacy `Expected` condition has no expression to negate: its item is read right after the
 * failure, and a write landing in between would show in it (the one case that is not exact).
 */
import type { DynaliteClient } from './dynalite-client';
import { isConditionFailure, type Answer, type Json } from './dynamodb-answers';
import { keyOf, probeFailure, type ConditionalPart, type Probe } from './dynamodb-condition-probe';
import type { TableSchema } from '../../src/lib/iam/request';

export const RETURNS_OLD_ON_FAILURE = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
/** How often a write that keeps losing the race above is sent again before it is answered without Item. */
const MAX_ATTEMPTS = 3;

/** Whether the request asks for the old item of a failed condition, and has a condition to fail. */
export function wantsOldItem(input: Json): boolean {
	return (
		input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' &&
		(typeof input.ConditionExpression === 'string' || isObject(input.Expected))
	);
}

/** Runs one `operation` (already authorized) that `wantsOldItem`, and returns DynamoDB's answer. */
export async function writeReturningOld(
	client: DynaliteClient,
	table: TableSchema,
	operation: string,
	input: Json,
): Promise<Answer> {
	const key = keyOf(table, (operation === 'PutItem' ? input.Item : input.Key) as Json);
	for (let attempt = 1; ; attempt++) {
		const answer = await client.call(operation, input);
		if (!isConditionFailure(answer)) return answer;
		const probe = await failedOn(client, table, key, input);
		if (!('fails' in probe)) return answer;
		if (probe.fails) return withItem(answer, probe.item);
		if (attempt === MAX_ATTEMPTS) return answer;
	}
}

async function failedOn(
	client: DynaliteClient,
	table: TableSchema,
	key: Json,
	input: Json,
): Promise<Probe | Answer> {
	if (typeof input.ConditionExpression === 'string')
		return probeFailure(client, table, key, input as unknown as ConditionalPart);
	const read = await client.call('GetItem', {
		TableName: table.tableName,
		Key: key,
		ConsistentRead: true,
	});
	return read.status === 200 ? { fails: true, item: read.body.Item as Json | undefined } : read;
}

/** The failure, with the item when there is one (DynamoDB sends no `Item` for an absent item). */
function withItem(failure: Answer, item: Json | undefined): Answer {
	return item === undefined ? failure : { ...failure, body: { ...failure.body, Item: item } };
}

function isObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
