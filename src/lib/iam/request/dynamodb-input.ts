/**
 * What every DynamoDB mapping step shares: the environment it maps in and safe readers for the parsed JSON
 * input. The readers never throw: a member of the wrong type reads as absent. (The sandbox gateway refuses
 * such a member before mapping, sandbox/gateway/dynamodb-shapes.ts, so there a fallback only ever stands for
 * an absent member.)
 */
import type { TableSchema } from './table-schema';
import type { RequestEnvironment } from './types';

export type DynamoDBEnvironment = Pick<RequestEnvironment, 'region' | 'accountId' | 'tables'>;

/** A request, or a part of one (a transaction item, a BatchGetItem table entry), as parsed JSON. */
export type Input = Record<string, unknown>;

export function objectOr(value: unknown): Input {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Input)
		: {};
}

export function arrayOr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function stringOr(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** ExpressionAttributeNames (`#name` → attribute name). */
export function namesOf(input: Input): Record<string, string> {
	return objectOr(input.ExpressionAttributeNames) as Record<string, string>;
}

/** The first problem `check` finds in `list`, or `null`. */
export function firstOf<T>(list: readonly T[], check: (entry: T) => string | null): string | null {
	for (const entry of list) {
		const found = check(entry);
		if (found !== null) return found;
	}
	return null;
}

/** TableName may be a name or a table ARN. */
export function tableNameOf(value: unknown): string {
	const name = stringOr(value) ?? '';
	const arn = /^arn:aws[a-z-]*:dynamodb:[^:]*:\d*:table\/([^/]+)$/.exec(name);
	return arn === null ? name : arn[1];
}

/** The schema of the table `TableName` names, when the environment knows it; `null` otherwise. */
export function knownTable(tableName: unknown, env: DynamoDBEnvironment): TableSchema | null {
	const name = tableNameOf(tableName);
	return env.tables.find((table) => table.tableName === name) ?? null;
}
