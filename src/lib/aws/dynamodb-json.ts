/**
 * DynamoDB's own JSON (AttributeValue maps) to plain values and back, for what the game stores: strings,
 * numbers, booleans, null, lists and maps. `undefined` members are left out, as DynamoDB has no such value.
 */

export type AttributeValue =
	| { S: string }
	| { N: string }
	| { BOOL: boolean }
	| { NULL: true }
	| { L: AttributeValue[] }
	| { M: Record<string, AttributeValue> };

export type AttributeMap = Record<string, AttributeValue>;

function toAttribute(value: unknown): AttributeValue {
	if (value === null) return { NULL: true };
	if (typeof value === 'string') return { S: value };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`DynamoDB has no number ${value}.`);
		return { N: String(value) };
	}
	if (typeof value === 'boolean') return { BOOL: value };
	if (Array.isArray(value)) return { L: value.map(toAttribute) };
	if (typeof value === 'object') return { M: marshall(value as Record<string, unknown>) };
	throw new TypeError(`DynamoDB cannot store a ${typeof value}.`);
}

/** A plain object as an AttributeValue map. */
export function marshall(item: Record<string, unknown>): AttributeMap {
	const out: AttributeMap = {};
	for (const [name, value] of Object.entries(item)) {
		if (value !== undefined) out[name] = toAttribute(value);
	}
	return out;
}

function fromAttribute(value: AttributeValue): unknown {
	if ('S' in value) return value.S;
	if ('N' in value) return Number(value.N);
	if ('BOOL' in value) return value.BOOL;
	if ('NULL' in value) return null;
	if ('L' in value) return value.L.map(fromAttribute);
	if ('M' in value) return unmarshall(value.M);
	return undefined;
}

/** An AttributeValue map as a plain object (numbers as JavaScript numbers). */
export function unmarshall(item: AttributeMap): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(item)) out[name] = fromAttribute(value);
	return out;
}
