/**
 * AttributeValues as DynamoDB bounds them: their types, their nesting depth (32 levels) and their size
 * (Developer Guide, "Item sizes and formats"). Every walk here keeps its own stack instead of recursing,
 * so no input can exhaust the call stack; and once the gateway has checked a request with them, nothing
 * nested deeper than 32 levels reaches dynalite, whose own recursive checks overflowed at about a
 * thousand levels and took the whole sandbox process down with them.
 */
import { objectOr, type Input } from '../../src/lib/iam/request/dynamodb-input';

export interface Problem {
	code: 'SerializationException' | 'ValidationException';
	message: string;
}

/**
 * DynamoDB counts the attribute itself as level 1 and refuses a value at level 33 with this message
 * (captured against real DynamoDB by the paritysuite/dynamodb-conformance suite,
 * tests/tier3/limits/nestingDepth.test.ts: 31 map wrappers around a scalar are accepted, 32 refused).
 */
export const MAX_NESTING_LEVELS = 32;
export const NESTING_MESSAGE =
	'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const EMPTY_MESSAGE =
	'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MULTIPLE_MESSAGE =
	'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
/** aws/aws-sdk-java#2103 quotes real DynamoDB refusing a JSON null inside an item with these words. */
const NULL_IN_ITEM_MESSAGE = 'The supplied Item contains a null AttributeValue';

const SCALARS = new Set(['S', 'N', 'B']);
const FLAGS = new Set(['BOOL', 'NULL']);
const SETS = new Set(['SS', 'NS', 'BS']);
const TYPES = new Set([...SCALARS, ...FLAGS, ...SETS, 'L', 'M']);

export interface ValueContext {
	/** Inside an Item, a JSON null has its own message. */
	inItem: boolean;
	/** Wraps a ValidationException message, e.g. for ExpressionAttributeValues entries. */
	wrap: (message: string) => string;
	/** A value in a map or list ("Unexpected value type in payload") or a struct member ("field"). */
	inCollection: boolean;
}

/** The first problem DynamoDB would report in one AttributeValue, or `null`. Iterative. */
export function attributeValueProblem(value: unknown, context: ValueContext): Problem | null {
	const stack: Frame[] = [{ value, level: 1, inCollection: context.inCollection }];
	while (stack.length > 0) {
		const problem = frameProblem(stack.pop()!, context, stack);
		if (problem !== null) return problem;
	}
	return null;
}

interface Frame {
	value: unknown;
	level: number;
	inCollection: boolean;
}

function frameProblem(frame: Frame, context: ValueContext, stack: Frame[]): Problem | null {
	if (frame.value === null)
		return invalid(context.wrap(context.inItem ? NULL_IN_ITEM_MESSAGE : EMPTY_MESSAGE));
	const shape = structProblem(frame.value, 'AttributeValue', frame.inCollection);
	if (shape !== null) return shape;
	const typed = frame.value as Input;
	let type: string | undefined;
	let types = 0;
	for (const key in typed) {
		if (!TYPES.has(key) || typed[key] === null) continue;
		const problem = memberProblem(key, typed[key]);
		if (problem !== null) return problem;
		type = key;
		types++;
	}
	if (types === 0) return invalid(context.wrap(EMPTY_MESSAGE));
	if (types > 1) return invalid(context.wrap(MULTIPLE_MESSAGE));
	if (type !== 'L' && type !== 'M') return null;
	const children = typed[type] as Input;
	for (const index in children) {
		if (frame.level >= MAX_NESTING_LEVELS) return invalid(context.wrap(NESTING_MESSAGE));
		stack.push({ value: children[index], level: frame.level + 1, inCollection: true });
	}
	return null;
}

/** Type errors in one member of an AttributeValue, in the words of DynamoDB's JSON deserializer. */
function memberProblem(type: string, member: unknown): Problem | null {
	if (SCALARS.has(type)) return stringProblem(member);
	if (FLAGS.has(type))
		return typeof member === 'object'
			? serialization(
					Array.isArray(member)
						? 'Unrecognized collection type class java.lang.Boolean'
						: 'Start of structure or map found where not expected',
				)
			: null;
	if (SETS.has(type) || type === 'L') {
		const problem = listProblem(member);
		if (problem !== null || type === 'L') return problem;
		for (const element of member as unknown[]) {
			const elementProblem = stringProblem(element);
			if (elementProblem !== null) return elementProblem;
		}
		return null;
	}
	return mapProblem(member, 'com.amazonaws.dynamodb.v20120810.AttributeValue');
}

/** DynamoDB's deserializer messages (as dynalite, which was built against real DynamoDB, records them). */
export function stringProblem(value: unknown): Problem | null {
	switch (typeof value) {
		case 'string':
			return null;
		case 'boolean':
			return serialization(`${value ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to String`);
		case 'number':
			return serialization(
				`${Number.isInteger(value) ? 'NUMBER' : 'DECIMAL'}_VALUE cannot be converted to String`,
			);
		default:
			return serialization(
				Array.isArray(value)
					? 'Unrecognized collection type class java.lang.String'
					: 'Start of structure or map found where not expected',
			);
	}
}

export function listProblem(value: unknown): Problem | null {
	if (Array.isArray(value)) return null;
	return serialization(
		typeof value === 'object' && value !== null
			? 'Start of structure or map found where not expected'
			: 'Unexpected field type',
	);
}

export function mapProblem(value: unknown, valueClass: string): Problem | null {
	if (typeof value !== 'object' || value === null) return serialization('Unexpected field type');
	return Array.isArray(value)
		? serialization(`Unrecognized collection type java.util.Map<java.lang.String, ${valueClass}>`)
		: null;
}

export function structProblem(value: unknown, name: string, inCollection: boolean): Problem | null {
	if (typeof value !== 'object' || value === null)
		return serialization(
			inCollection ? 'Unexpected value type in payload' : 'Unexpected field type',
		);
	return Array.isArray(value)
		? serialization(`Unrecognized collection type class com.amazonaws.dynamodb.v20120810.${name}`)
		: null;
}

function serialization(message: string): Problem {
	return { code: 'SerializationException', message };
}

function invalid(message: string): Problem {
	return { code: 'ValidationException', message };
}

/**
 * Size of an item as DynamoDB counts it (Developer Guide, "DynamoDB item sizes and formats"): the UTF-8
 * bytes of each attribute name plus its value, where a string is its UTF-8 bytes, a binary its raw bytes,
 * a number about one byte per two significant digits plus one, a Boolean or null one byte, and a list or
 * map three bytes plus its elements, each element one byte more (map elements also count their names).
 * Call it only on a value `attributeValueProblem` accepted.
 */
export function itemSize(item: Input): number {
	let size = 0;
	const stack: unknown[] = [];
	for (const name in item) {
		size += Buffer.byteLength(name);
		stack.push(item[name]);
	}
	while (stack.length > 0) {
		const value = objectOr(stack.pop());
		let type = '';
		for (const key in value) if (TYPES.has(key) && value[key] !== null) type = key;
		const member = value[type];
		size += scalarSize(type, member);
		if (type === 'L' || type === 'M') {
			size += 3;
			const children = member as Input;
			for (const name in children) {
				size += 1 + (type === 'M' ? Buffer.byteLength(name) : 0);
				stack.push(children[name]);
			}
		}
	}
	return size;
}

function scalarSize(type: string, member: unknown): number {
	switch (type) {
		case 'S':
			return Buffer.byteLength(member as string);
		case 'B':
			return Buffer.from(member as string, 'base64').length;
		case 'N':
			return numberSize(member as string);
		case 'SS':
		case 'NS':
		case 'BS':
			return (member as string[]).reduce((sum, element) => sum + scalarSize(type[0]!, element), 0);
		case 'BOOL':
		case 'NULL':
			return 1;
		default:
			return 0;
	}
}

/**
 * "Leading and trailing zeroes are trimmed": one byte per two significant digits, plus one. The digits are
 * those of the mantissa (before any exponent), counted from the first to the last that is not zero.
 */
function numberSize(number: string): number {
	let digits = 0;
	let first = -1;
	let last = -1;
	for (const char of number) {
		if (char === 'e' || char === 'E') break;
		if (char < '0' || char > '9') continue;
		if (char !== '0') {
			if (first === -1) first = digits;
			last = digits;
		}
		digits++;
	}
	return Math.ceil((first === -1 ? 0 : last - first + 1) / 2) + 1;
}
