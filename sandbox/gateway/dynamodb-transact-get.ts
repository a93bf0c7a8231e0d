/**
 * TransactGetItems for the sandbox, which dynalite lacks (API Reference, TransactGetItems): up to 100 Gets,
 * each of a distinct item of the sandbox's table, answered in request order as `{Item}` or `{}` for an item
 * that does not exist. The caller runs it between write transactions, never during one; a
 * non-transactional write can still land between two of its reads, so every item is read twice and a change
 * cancels the read with TransactionConflict, as DynamoDB cancels a TransactGetItems that conflicts with a
 * concurrent write. "The aggregate size of the items in the transaction cannot exceed 4 MB" (counted here on
 * the items as returned, projections applied): past it the read is cancelled too. AWS does not document the reason it gives then; the sandbox marks the item that
 * crosses the limit with ValidationError and DynamoDB's words for an item too large.
 */
import type { DynaliteClient } from './dynalite-client';
import {
	CONFLICT,
	NO_REASON,
	ONE_ITEM_ONCE,
	cancelled,
	ok,
	tableNotFound,
	validation,
	type Answer,
	type Json,
	type Reason,
} from './dynamodb-answers';
import { itemSize } from './dynamodb-attribute-value';
import { keyOf } from './dynamodb-condition-probe';
import { tableNameOf } from '../../src/lib/iam/request/dynamodb-input';
import { documentedPart } from '../../src/lib/iam/request/dynamodb-parts';
import type { TableSchema } from '../../src/lib/iam/request';

/** 4 MB, in DynamoDB's binary megabytes (its 400 KB item is 409,600 bytes). */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
const TOO_LARGE: Reason = {
	Code: 'ValidationError',
	Message: 'Item size has exceeded the maximum allowed size',
};

/** Answers one TransactGetItems request (already authorized item by item, its size and count checked). */
export async function transactGetItems(
	client: DynaliteClient,
	table: TableSchema,
	input: Json,
): Promise<Answer> {
	const gets = getsOf(table, input);
	if (!Array.isArray(gets)) return gets;
	const read = (get: Json) => client.call('GetItem', { ...get, ConsistentRead: true });
	const first = await Promise.all(gets.map(read));
	const refused = first.find((answer) => answer.status !== 200);
	if (refused !== undefined) return refused;
	const again = await Promise.all(gets.map(read));
	const items = first.map((answer) => answer.body.Item as Json | undefined);
	const reasons = items.map((item, i) =>
		JSON.stringify(item) === JSON.stringify(again[i]!.body.Item) ? NO_REASON : CONFLICT,
	);
	if (reasons.some((r) => r !== NO_REASON)) return cancelled(reasons);
	const crossing = crossingItem(items);
	if (crossing !== -1)
		return cancelled(items.map((_, i) => (i === crossing ? TOO_LARGE : NO_REASON)));
	return ok({ Responses: items.map((Item) => (Item === undefined ? {} : { Item })) });
}

/** Each Get as a GetItem input of the sandbox's table; an Answer is the error to return. */
function getsOf(table: TableSchema, input: Json): Json[] | Answer {
	const items = Array.isArray(input.TransactItems) ? (input.TransactItems as Json[]) : [];
	const gets: Json[] = [];
	const seen = new Set<string>();
	for (const item of items) {
		const get = documentedPart('Get', (item.Get ?? {}) as Json);
		if (tableNameOf(get.TableName) !== table.tableName) return tableNotFound();
		const key = keyOf(table, (get.Key ?? {}) as Json);
		const id = JSON.stringify(key);
		if (seen.has(id)) return validation(ONE_ITEM_ONCE);
		seen.add(id);
		gets.push({ ...get, TableName: table.tableName });
	}
	return gets;
}

/** The index of the item with which the running size passes 4 MB, or -1. */
function crossingItem(items: (Json | undefined)[]): number {
	let total = 0;
	return items.findIndex((item) => {
		total += item === undefined ? 0 : itemSize(item);
		return total > MAX_TRANSACTION_BYTES;
	});
}
