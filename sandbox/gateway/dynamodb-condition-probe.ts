/**
 * Condition expressions evaluated by dynalite itself, on one item, with writes that change nothing: an
 * UpdateItem that REMOVEs an attribute the item never has (guarded by the item existing, so a vanished item
 * is not re-created), or a DeleteItem of an absent item (guarded by its absence, so an item that appeared
 * meanwhile is never deleted). Each is one atomic step in dynalite, under its lock on the item, so what it
 * answers is true of one state of the item: the gateway never evaluates a condition itself.
 */
import type { DynaliteClient } from './dynalite-client';
import { isConditionFailure, type Answer, type Json } from './dynamodb-answers';
import type { TableSchema } from '../../src/lib/iam/request';

/** The members of a request (or transaction part) that carry its condition expression. */
export interface ConditionalPart {
	ConditionExpression: string;
	ExpressionAttributeNames?: unknown;
	ExpressionAttributeValues?: unknown;
}

const NOOP_ATTRIBUTE = '__fedplay_noop__';

/** The item's primary key, in the table's own attribute order (two spellings of one key compare equal). */
export function keyOf(table: TableSchema, item: Json): Json {
	const key: Json = { [table.partitionKey]: item[table.partitionKey] };
	if (table.sortKey !== undefined) key[table.sortKey] = item[table.sortKey];
	return key;
}

/**
 * The no-op write that succeeds exactly when `condition` holds on the item at `key` and the item exists
 * (`exists`) or not. The UpdateItem form answers the item as it was (ALL_OLD).
 */
export function noopCheck(
	table: TableSchema,
	key: Json,
	part: ConditionalPart,
	condition: string,
	exists: boolean,
): [operation: 'UpdateItem' | 'DeleteItem', input: Json] {
	const names: Json = {
		...used(part.ExpressionAttributeNames, condition, '#'),
		'#fedplay_pk': table.partitionKey,
		'#fedplay_noop': NOOP_ATTRIBUTE,
	};
	const values = used(part.ExpressionAttributeValues, condition, ':');
	const common = {
		TableName: table.tableName,
		Key: key,
		ExpressionAttributeNames: names,
		...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
	};
	return exists
		? [
				'UpdateItem',
				{
					...common,
					UpdateExpression: 'REMOVE #fedplay_noop',
					ConditionExpression: `(${condition}) AND attribute_exists(#fedplay_pk)`,
					ReturnValues: 'ALL_OLD',
				},
			]
		: [
				'DeleteItem',
				{
					...common,
					ConditionExpression: `(${condition}) AND attribute_not_exists(#fedplay_pk) AND attribute_not_exists(#fedplay_noop)`,
				},
			];
}

/** What a probe found: the condition fails on the item as it is (with the item, if there is one), or holds. */
export type Probe = { fails: true; item: Json | undefined } | { fails: false };

/**
 * Whether the condition of `part` fails on the item at `key` now, and on which item: a no-op write
 * conditioned on `NOT (condition)`, which answers the item it saw. An Answer is dynalite refusing the probe.
 */
export async function probeFailure(
	client: DynaliteClient,
	table: TableSchema,
	key: Json,
	part: ConditionalPart,
): Promise<Probe | Answer> {
	const negated = `NOT (${part.ConditionExpression})`;
	for (const exists of [true, false]) {
		const answer = await client.call(...noopCheck(table, key, part, negated, exists));
		if (answer.status === 200)
			return { fails: true, item: exists ? (answer.body.Attributes as Json) : undefined };
		if (!isConditionFailure(answer)) return answer;
	}
	return { fails: false };
}

/** The placeholders (`#name` or `:value`) of `map` that `expression` uses; dynalite rejects unused ones. */
function used(map: unknown, expression: string, sigil: '#' | ':'): Json {
	const out: Json = {};
	if (typeof map !== 'object' || map === null) return out;
	const tokens = new Set(expression.match(sigil === '#' ? /#[A-Za-z0-9_]+/g : /:[A-Za-z0-9_]+/g));
	for (const [name, value] of Object.entries(map)) if (tokens.has(name)) out[name] = value;
	return out;
}
