/**
 * What every DynamoDB mapping step shares: the environment it maps in and safe readers for the parsed JSON
 * input. The readers never throw; `dynamodb-shapes.ts` has already refused a member of the wrong type, so
 * a reader's fallback only ever stands for an absent member.
 */
import type { TableSchema } from './table-schema';

export interface DynamoDBEnvironment {
	region: string;
	accountId: string;
	/** The sandbox's one table (GameScores) with its indexes. */
	table: TableSchema;
}

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
