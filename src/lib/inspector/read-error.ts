/**
 * Reads whatever was thrown (an SDK v3 error, an SDK v2-style object, a pasted string, or garbage) into
 * plain facts. Never throws: getters may throw, objects may be circular, strings may be huge.
 */

/** Longest text examined. AWS messages are short; encoded authorization messages are a few KB. */
const MAX_TEXT = 32_000;

interface ErrorInput {
	/** Error code from a structured field (`name`, `code`, `Code`, `__type`), if any. */
	code: string | null;
	status: number | null;
	service: string | null;
	/** Message, response body and anything else textual, joined; at most MAX_TEXT characters. */
	text: string;
}

/** Names that say nothing about the failure; a code found in the text is better. */
const GENERIC_NAMES = new Set([
	'Error',
	'ServiceException',
	'Exception',
	'UnknownError',
	'AppError',
]);

function get(obj: object, key: string): unknown {
	try {
		return (obj as Record<string, unknown>)[key];
	} catch {
		return undefined;
	}
}

function str(value: unknown): string | null {
	return typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_TEXT) : null;
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value < 600
		? value
		: null;
}

/** `S3ServiceException`, `DynamoDBServiceException`, `STSServiceException` on the prototype chain. */
function serviceFromPrototype(obj: object): string | null {
	try {
		let proto: unknown = Object.getPrototypeOf(obj);
		for (let depth = 0; proto && depth < 8; depth++) {
			const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
			const match = typeof name === 'string' ? /^(\w+?)ServiceException$/.exec(name) : null;
			if (match) return match[1] ?? null;
			proto = Object.getPrototypeOf(proto);
		}
	} catch {
		// A hostile prototype: no service, then.
	}
	return null;
}

function codeFrom(obj: object): string | null {
	const nested = get(obj, 'Error');
	const candidates = [
		get(obj, 'Code'),
		get(obj, 'code'),
		get(obj, '__type'),
		typeof nested === 'object' && nested !== null ? get(nested, 'Code') : undefined,
		get(obj, 'errorType'),
		get(obj, 'name'),
	];
	for (const candidate of candidates) {
		const code = str(candidate)?.split('#').pop()?.trim();
		if (code && !GENERIC_NAMES.has(code) && /^[\w.]{2,100}$/.test(code)) return code;
	}
	return null;
}

function textFrom(obj: object): string {
	const nested = get(obj, 'Error');
	const response = get(obj, '$response');
	const cause = get(obj, 'cause');
	const parts = [
		get(obj, 'message'),
		get(obj, 'Message'),
		get(obj, 'errorMessage'),
		typeof nested === 'object' && nested !== null ? get(nested, 'Message') : undefined,
		get(obj, '$responseBodyText'),
		typeof response === 'object' && response !== null ? get(response, 'body') : undefined,
		typeof cause === 'object' && cause !== null ? get(cause, 'message') : undefined,
	];
	return parts
		.map(str)
		.filter((part): part is string => part !== null)
		.join('\n')
		.slice(0, MAX_TEXT);
}

/** Reads the facts out of any thrown value or pasted text. */
export function readErrorInput(input: unknown): ErrorInput {
	if (typeof input === 'string') {
		return { code: null, status: null, service: null, text: input.slice(0, MAX_TEXT) };
	}
	if (typeof input !== 'object' || input === null) {
		const text = input === undefined || input === null ? '' : String(input).slice(0, MAX_TEXT);
		return { code: null, status: null, service: null, text };
	}
	const metadata = get(input, '$metadata');
	const status =
		num(
			typeof metadata === 'object' && metadata !== null ? get(metadata, 'httpStatusCode') : null,
		) ??
		num(get(input, 'status')) ??
		num(get(input, 'statusCode')) ??
		num(get(input, '$statusCode'));
	return {
		code: codeFrom(input),
		status,
		service: str(get(input, 'service')) ?? serviceFromPrototype(input),
		text: textFrom(input),
	};
}
