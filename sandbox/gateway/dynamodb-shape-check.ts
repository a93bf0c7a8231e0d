/**
 * Checks a request's members against their shapes (dynamodb-shapes.ts) before anything else reads them: a
 * member of the wrong type is DynamoDB's SerializationException, a bad AttributeValue its
 * ValidationException. The walk keeps its own stack, so no input depth can exhaust the call stack.
 */
import {
	attributeValueProblem,
	listProblem,
	mapProblem,
	stringProblem,
	structProblem,
	type Problem,
} from './dynamodb-attribute-value';
import type { Input } from '../../src/lib/iam/request/dynamodb-input';
import { NULL_ENTRY, OPERATIONS, type Shape } from './dynamodb-shapes';

interface Frame {
	value: unknown;
	shape: Shape;
	inCollection: boolean;
	wrap: (message: string) => string;
}

/**
 * The first type or AttributeValue problem in the members of `operation` the gateway reads, or `null`.
 * A JSON null member of a structure counts as absent, as DynamoDB treats it; inside a map or list it is
 * refused, since dynalite would crash on it.
 */
export function shapeProblem(operation: string, input: Input): Problem | null {
	const members = OPERATIONS[operation];
	if (members === undefined) return null;
	const stack: Frame[] = [];
	pushMembers(stack, input, members, (message) => message);
	while (stack.length > 0) {
		const problem = frameProblem(stack.pop()!, stack);
		if (problem !== null) return problem;
	}
	return null;
}

function pushMembers(
	stack: Frame[],
	input: Input,
	members: Record<string, Shape>,
	wrap: (message: string) => string,
): void {
	// Reversed, so that the stack checks members in the order the shape lists them.
	for (const [name, shape] of Object.entries(members).reverse()) {
		if (Object.hasOwn(input, name) && input[name] !== null)
			stack.push({ value: input[name], shape, inCollection: false, wrap });
	}
}

function frameProblem(frame: Frame, stack: Frame[]): Problem | null {
	const { value, shape, inCollection, wrap } = frame;
	switch (shape.kind) {
		case 'string':
			return stringProblem(value);
		case 'value':
			return attributeValueProblem(value, { inItem: shape.inItem === true, wrap, inCollection });
		case 'struct': {
			const problem = structProblem(value, shape.name, inCollection);
			if (problem === null) pushMembers(stack, value as Input, shape.members, wrap);
			return problem;
		}
		case 'list': {
			const problem = listProblem(value);
			return problem ?? pushEntries(stack, value as Input, shape, wrap);
		}
		case 'map': {
			const problem = mapProblem(value, shape.valueClass);
			return problem ?? pushEntries(stack, value as Input, shape, wrap);
		}
	}
}

/**
 * Pushes each entry of a list or map. Entries go on the stack in order, so the last is checked first:
 * DynamoDB does not say which of two bad entries it reports, and a for-in loop is the cheapest walk over
 * the very wide maps a hostile item can hold.
 */
function pushEntries(
	stack: Frame[],
	entries: Input,
	shape: Extract<Shape, { kind: 'list' | 'map' }>,
	wrap: (message: string) => string,
): Problem | null {
	const rewrap = shape.kind === 'map' ? shape.wrap : undefined;
	for (const key in entries) {
		const entry = entries[key];
		if (entry === null && shape.of.kind !== 'value')
			return { code: 'ValidationException', message: wrap(shape.ifNull ?? NULL_ENTRY) };
		const entryWrap = rewrap === undefined ? wrap : (message: string) => rewrap(key, message);
		stack.push({ value: entry, shape: shape.of, inCollection: true, wrap: entryWrap });
	}
	return null;
}
