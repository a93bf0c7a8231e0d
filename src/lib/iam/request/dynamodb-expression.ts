/**
 * The small part of DynamoDB's expression grammar the gateway needs to build condition keys: which top-level
 * attributes a projection or update touches (`dynamodb:Attributes`) and which partition-key values a key
 * condition selects (`dynamodb:LeadingKeys`). Anything it cannot read is reported, never guessed.
 */

export type AttributeValue = Record<string, unknown>;
type Names = Record<string, string> | undefined;

const tokenPattern =
	/#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|<>|<=|>=|[=<>(),.[\]]|\d+|\S/g;
// Reserved words that appear bare in update and filter expressions (attribute names never can).
const keywords = new Set(['set', 'remove', 'add', 'delete', 'and', 'or', 'not', 'between', 'in']);

function tokens(expression: string): string[] {
	return expression.match(tokenPattern) ?? [];
}

/**
 * The `#name` and `:value` placeholders of an expression, in order. The token rules are dynalite's grammar
 * (`#` or `:` then `[a-zA-Z0-9_]+`), so the gateway sees exactly the placeholders storage will resolve.
 */
export function placeholdersOf(expression: string): { names: string[]; values: string[] } {
	const list = tokens(expression);
	return {
		names: list.filter((t) => t.startsWith('#') && t.length > 1),
		values: list.filter((t) => t.startsWith(':') && t.length > 1),
	};
}

/** Resolves `#name` through ExpressionAttributeNames; an undefined placeholder stays as written. */
export function resolveName(token: string, names: Names): string {
	return token.startsWith('#') ? (names?.[token] ?? token) : token;
}

function isName(token: string | undefined): token is string {
	return token !== undefined && /^(#[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(token);
}

/**
 * Top-level attribute names of a Projection-, Update- or FilterExpression: the first element of each
 * document path (`Profile.Avatar[0]` → `Profile`), names resolved, function names and keywords skipped.
 */
export function topLevelAttributes(expression: string, names: Names): string[] {
	const list = tokens(expression);
	const found = new Set<string>();
	list.forEach((token, i) => {
		if (!isName(token)) return;
		if (list[i - 1] === '.') return; // a nested element of a path, not a top-level attribute
		if (list[i + 1] === '(') return; // a function: if_not_exists, list_append, …
		if (!token.startsWith('#') && keywords.has(token.toLowerCase())) return;
		found.add(resolveName(token, names));
	});
	return [...found];
}

/** `S`, `N` or `B` key value as the string IAM compares (`dynamodb:LeadingKeys`); `null` for other types. */
export function keyValueString(value: unknown): string | null {
	if (typeof value !== 'object' || value === null) return null;
	const entries = Object.entries(value as AttributeValue);
	if (entries.length !== 1) return null;
	const [type, raw] = entries[0];
	return (type === 'S' || type === 'N' || type === 'B') && typeof raw === 'string' ? raw : null;
}

/**
 * The values a KeyConditionExpression requires the partition key `keyName` to equal, or `null` when the
 * expression does not pin it with `=` (or uses OR, which DynamoDB rejects in key conditions anyway).
 */
export function partitionKeyValues(
	expression: string,
	keyName: string,
	names: Names,
	values: Record<string, unknown> | undefined,
): string[] | null {
	const list = tokens(expression).filter((t) => t !== '(' && t !== ')');
	if (list.some((t) => t.toLowerCase() === 'or' || t.toLowerCase() === 'not')) return null;
	const found: string[] = [];
	for (let i = 1; i < list.length - 1; i++) {
		if (list[i] !== '=') continue;
		const [left, right] = [list[i - 1], list[i + 1]];
		const placeholder =
			isName(left) && resolveName(left, names) === keyName && right.startsWith(':')
				? right
				: isName(right) && resolveName(right, names) === keyName && left.startsWith(':')
					? left
					: null;
		if (placeholder === null) continue;
		const value = keyValueString(values?.[placeholder]);
		if (value === null) return null;
		found.push(value);
	}
	// A mention of the key outside an equality (begins_with(UserId, :p), UserId > :v) is not a pin.
	const mentions = list.filter(
		(t, i) => isName(t) && list[i - 1] !== '.' && resolveName(t, names) === keyName,
	);
	return found.length > 0 && mentions.length === found.length ? [...new Set(found)] : null;
}

/** Legacy `KeyConditions`: the partition key's EQ value, or `null`. */
export function legacyPartitionKeyValues(
	keyConditions:
		Record<string, { ComparisonOperator?: string; AttributeValueList?: unknown[] }> | undefined,
	keyName: string,
): string[] | null {
	const condition = keyConditions?.[keyName];
	if (condition?.ComparisonOperator !== 'EQ' || condition.AttributeValueList?.length !== 1)
		return null;
	const value = keyValueString(condition.AttributeValueList[0]);
	return value === null ? null : [value];
}
