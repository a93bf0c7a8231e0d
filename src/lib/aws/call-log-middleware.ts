import type { CallLog, LoggedError, LoggedRequest, LoggedResponse } from './call-log';
import { awsErrorFacts } from './errors';
import { expectedOutcome } from './expected-outcome';
import { redactBody, redactHeaders, redactUrl } from './redact';
import { identityTokenOf, sanitizeForLog } from './sanitize';

/**
 * SDK v3 middleware that records every call into a CallLog (the inspector shows it). Two named middlewares:
 * - `fedplayInspector` (initialize step, outermost): times the whole call and sees the final output or the
 *   error the caller will get;
 * - `fedplayInspectorWire` (deserialize step, low priority = innermost, after signing and inside the retry
 *   loop): sees each attempt's signed request and raw response, before the deserializer reads it.
 */

/** The smallest slice of an SDK client this needs (kept structural, so any v3 client fits). */
export interface InspectableClient {
	middlewareStack: {
		add(middleware: unknown, options: Record<string, unknown>): void;
		remove(name: string): boolean;
	};
	config: { streamCollector?: (body: unknown) => Promise<Uint8Array> };
}

interface CallLogOptions {
	/** Characters kept of each (redacted) body. */
	bodyLimit?: number;
}

interface HttpRequestLike {
	method?: string;
	protocol?: string;
	hostname?: string;
	port?: number;
	path?: string;
	query?: Record<string, string | string[] | null>;
	headers?: Record<string, string>;
	body?: unknown;
}

interface HttpResponseLike {
	statusCode?: number;
	headers?: Record<string, string>;
	body?: unknown;
}

interface Attempt {
	request: LoggedRequest;
	response: LoggedResponse | null;
}

interface CallState {
	started: number;
	startedAt: Date;
	attempts: Attempt[];
	input: unknown;
}

type Context = { clientName?: string; commandName?: string };
type Next = (args: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Operations whose successful body is the caller's data stream: never read it. */
const STREAMING = new Set(['GetObject']);

function clip(text: string, limit: number): string {
	return text.length > limit
		? `${text.slice(0, limit)}… [${text.length - limit} more characters]`
		: text;
}

function bodyText(body: unknown, limit: number): string | null {
	if (body === undefined || body === null) return null;
	if (typeof body === 'string') return clip(redactBody(body), limit);
	if (body instanceof Uint8Array) {
		return body.byteLength > limit * 4
			? `[${body.byteLength} bytes]`
			: clip(redactBody(new TextDecoder().decode(body)), limit);
	}
	if (typeof Blob !== 'undefined' && body instanceof Blob) return `[Blob, ${body.size} bytes]`;
	return '[stream]';
}

function urlOf(request: HttpRequestLike): string {
	const query = Object.entries(request.query ?? {})
		.flatMap(([key, value]) =>
			value === null ? [key] : [value].flat().map((v) => `${key}=${encodeURIComponent(v)}`),
		)
		.join('&');
	const port = request.port ? `:${request.port}` : '';
	const base = `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${request.path ?? '/'}`;
	return redactUrl(query ? `${base}?${query}` : base);
}

function describeRequest(request: HttpRequestLike, limit: number): LoggedRequest {
	return {
		method: request.method ?? 'GET',
		url: urlOf(request),
		headers: redactHeaders(request.headers ?? {}),
		body: bodyText(request.body, limit),
	};
}

/** Reads an error or small API body so it can be shown, and gives the deserializer a fresh copy. */
async function captureBody(
	response: HttpResponseLike,
	operation: string,
	collect: InspectableClient['config']['streamCollector'],
): Promise<unknown> {
	const status = response.statusCode ?? 0;
	if (!collect || response.body === undefined || (status < 300 && STREAMING.has(operation))) {
		return status < 300 && STREAMING.has(operation) ? '[object data stream]' : response.body;
	}
	const bytes = await collect(response.body);
	response.body = bytes;
	return bytes;
}

function names(context: Context): { service: string; operation: string } {
	const service = (context.clientName ?? 'Unknown').replace(/(Document)?Client$/, '');
	const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
	return { service, operation };
}

function metadataOf(value: unknown): {
	requestId?: string;
	attempts?: number;
	httpStatusCode?: number;
} {
	const metadata = (value as { $metadata?: unknown } | null)?.$metadata;
	return typeof metadata === 'object' && metadata !== null ? metadata : {};
}

function headerValue(
	headers: Record<string, string> | undefined,
	...wanted: string[]
): string | null {
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (wanted.includes(name.toLowerCase())) return value;
	}
	return null;
}

/** What the log keeps of a failure: AWS's code, its kind and AWS's words (redacted). */
function loggedError(error: unknown): LoggedError {
	const { code, category, message } = awsErrorFacts(error);
	return { code, category, message: redactBody(message).slice(0, 16_000) };
}

/** Attaches the call-log middlewares to an SDK v3 client; returns a function that detaches them. */
export function attachCallLog(
	client: InspectableClient,
	log: CallLog,
	{ bodyLimit = 4096 }: CallLogOptions = {},
): () => void {
	const calls = new WeakMap<object, CallState>();
	const collect = client.config.streamCollector;

	const record = (context: Context, state: CallState, outcome: unknown, failed: boolean): void => {
		const last = state.attempts.at(-1) ?? null;
		const metadata = metadataOf(outcome);
		const attempts = Math.max(metadata.attempts ?? 0, state.attempts.length, 1);
		const input = sanitizeForLog(state.input);
		const output = failed ? undefined : sanitizeForLog(outcome);
		const identityToken = identityTokenOf(state.input);
		const expected = failed
			? expectedOutcome({ ...names(context), input: state.input, error: outcome })
			: null;
		log.add({
			...names(context),
			status: last?.response?.status ?? metadata.httpStatusCode ?? null,
			ok: !failed,
			durationMs: Math.round(performance.now() - state.started),
			requestId:
				metadata.requestId ??
				headerValue(last?.response?.headers, 'x-amzn-requestid', 'x-amz-request-id') ??
				null,
			time: state.startedAt.toISOString(),
			attempts,
			retried: attempts > 1,
			attemptStatuses: state.attempts.map((attempt) => attempt.response?.status ?? null),
			request: last?.request ?? null,
			response: last?.response ?? null,
			...(failed ? { error: loggedError(outcome) } : {}),
			...(expected === null ? {} : { expected }),
			...(input ? { input } : {}),
			...(output ? { output } : {}),
			...(identityToken ? { identityToken } : {}),
		});
	};

	const outer = (next: Next, context: Context) => async (args: Record<string, unknown>) => {
		const state: CallState = {
			started: performance.now(),
			startedAt: new Date(),
			attempts: [],
			input: args.input,
		};
		calls.set(context, state);
		try {
			const result = await next(args);
			record(context, state, result.output, false);
			return result;
		} catch (error) {
			record(context, state, error, true);
			throw error;
		}
	};

	const wire = (next: Next, context: Context) => async (args: Record<string, unknown>) => {
		const attempt: Attempt = {
			request: describeRequest((args.request ?? {}) as HttpRequestLike, bodyLimit),
			response: null,
		};
		calls.get(context)?.attempts.push(attempt);
		const result = await next(args);
		const response = (result.response ?? {}) as HttpResponseLike;
		try {
			const body = await captureBody(response, names(context).operation, collect);
			attempt.response = {
				status: response.statusCode ?? 0,
				headers: redactHeaders(response.headers ?? {}),
				body: bodyText(body, bodyLimit),
			};
		} catch {
			attempt.response = { status: response.statusCode ?? 0, headers: {}, body: '[unreadable]' };
		}
		return result;
	};

	client.middlewareStack.add(outer, {
		step: 'initialize',
		priority: 'high',
		name: 'fedplayInspector',
		override: true,
	});
	client.middlewareStack.add(wire, {
		step: 'deserialize',
		priority: 'low',
		name: 'fedplayInspectorWire',
		override: true,
	});
	return () => {
		client.middlewareStack.remove('fedplayInspector');
		client.middlewareStack.remove('fedplayInspectorWire');
	};
}
