/**
 * A signed AWS call over `fetch`, built from what the SDK itself uses underneath (`@smithy/signature-v4`
 * and its SHA-256): S3 and DynamoDB calls without their SDK clients, a tenth of the bytes. The calls go
 * through a middleware stack with the SDK's steps and names, so the app's middleware (call log, retry on
 * expired credentials, the shared clock; signed-call.ts) is added and runs exactly as on an SDK client.
 * Errors have the SDK's shape: `name`, `message`, `$fault`, `$metadata` and the service's own fields.
 */
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { awsErrorFacts } from './errors';
import { MiddlewareStack, type Handler } from './middleware-stack';
import type { AwsCredentialsProvider } from './retry-on-expired';

/** An HTTP request as the SDK's middleware sees it. */
export interface WireRequest {
	method: string;
	protocol: string;
	hostname: string;
	port?: number;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body?: string;
}

/** An HTTP answer as the SDK's middleware sees it; the body already read. */
export interface WireResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: Uint8Array;
}

/** What a service's protocol says about its errors. */
export interface WireError {
	code: string;
	message: string;
	/** The service's own fields (DynamoDB's `CancellationReasons`, S3's `Key`), kept on the error. */
	fields?: Record<string, unknown>;
}

/** One operation: how its input becomes a request, and its answer an output. */
export interface Operation<I, O> {
	name: string;
	serialize(input: I, base: URL): WireRequest;
	deserialize(response: WireResponse): O;
}

export interface ServiceProtocol {
	/** As the SDK names it: `S3Client`, `DynamoDBClient` (the call log reads it). */
	clientName: string;
	signingName: string;
	/** Where the calls go when no endpoint is configured. */
	defaultEndpoint(region: string): string;
	/** S3 signs the path as sent; other services escape it again. */
	uriEscapePath: boolean;
	parseError(response: WireResponse): WireError;
	/** Header carrying the request id. */
	requestIdHeader: string;
}

export interface FetchClientOptions {
	region: string;
	endpoint?: string;
	credentials: AwsCredentialsProvider;
	/** Attempts per call, as the SDK's `maxAttempts` (3 by default). */
	maxAttempts?: number;
}

/** Error categories the SDK's standard retry strategy retries (transient faults only). */
const RETRIED = new Set(['throttling', 'server', 'network', 'clock-skew']);
const MAX_DELAY_MS = 20_000;
/** The SDK corrects its clock from an error's Date header when it is this far off. */
const SKEW_LIMIT_MS = 300_000;

// `SMITHY_CONTEXT_KEY`: the app's middleware reads which auth scheme signs the call from here.
const SIGV4_CONTEXT = {
	__smithy_context: { selectedHttpAuthScheme: { httpAuthOption: { schemeId: 'aws.auth#sigv4' } } },
};

export class FetchClient {
	readonly middlewareStack = new MiddlewareStack();
	readonly config: {
		systemClockOffset: number;
		streamCollector: (body: unknown) => Promise<Uint8Array>;
	} = { systemClockOffset: 0, streamCollector: collect };
	readonly #protocol: ServiceProtocol;
	readonly #options: FetchClientOptions;
	readonly #base: URL;
	readonly #aborts = new Set<AbortController>();

	constructor(protocol: ServiceProtocol, options: FetchClientOptions) {
		this.#protocol = protocol;
		this.#options = options;
		this.#base = new URL(options.endpoint ?? protocol.defaultEndpoint(options.region));
		this.#addBuiltIns();
	}

	/** Run `operation` through the stack; resolves with its output (with `$metadata`). */
	async send<I, O>(operation: Operation<I, O>, input: I): Promise<O & { $metadata: Metadata }> {
		const context = {
			...SIGV4_CONTEXT,
			clientName: this.#protocol.clientName,
			commandName: `${operation.name}Command`,
			operation,
		};
		const handler = this.middlewareStack.resolve(this.#transmit, context);
		const { output } = await handler({ input });
		return output as O & { $metadata: Metadata };
	}

	/** Abort the calls in flight (sign-out). */
	destroy(): void {
		for (const abort of this.#aborts) abort.abort();
		this.#aborts.clear();
	}

	#addBuiltIns(): void {
		const stack = this.middlewareStack;
		stack.add(this.#serializer, { step: 'serialize', name: 'serializerMiddleware' });
		stack.add(this.#retry, { step: 'finalizeRequest', priority: 'high', name: 'retryMiddleware' });
		stack.add(this.#sign, {
			step: 'finalizeRequest',
			priority: 'low',
			name: 'httpSigningMiddleware',
		});
		stack.add(this.#deserializer, { step: 'deserialize', name: 'deserializerMiddleware' });
	}

	#serializer = (next: Handler, context: Record<string, unknown>): Handler => {
		const operation = context.operation as Operation<unknown, unknown>;
		return (args) => next({ ...args, request: operation.serialize(args.input, this.#base) });
	};

	/** The SDK's standard strategy: transient faults again, with jittered exponential backoff. */
	#retry = (next: Handler): Handler => {
		return async (args) => {
			const maxAttempts = Math.max(1, this.#options.maxAttempts ?? 3);
			let totalRetryDelay = 0;
			for (let attempt = 1; ; attempt++) {
				try {
					const result = await next(args);
					stamp(result.output, attempt, totalRetryDelay);
					return result;
				} catch (error) {
					stamp(error, attempt, totalRetryDelay);
					const { category } = awsErrorFacts(error);
					if (attempt >= maxAttempts || !RETRIED.has(category)) throw error;
					const base = category === 'throttling' ? 500 : 100;
					const delay = Math.floor(Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt));
					totalRetryDelay += delay;
					await new Promise((resolve) => setTimeout(resolve, delay));
				}
			}
		};
	};

	#sign = (next: Handler): Handler => {
		return async (args) => {
			const identity = await this.#options.credentials();
			const signer = new SignatureV4({
				service: this.#protocol.signingName,
				region: this.#options.region,
				credentials: identity,
				sha256: Sha256,
				uriEscapePath: this.#protocol.uriEscapePath,
			});
			const request = new HttpRequest(args.request as WireRequest);
			const signingDate = new Date(Date.now() + this.config.systemClockOffset);
			const signed = await signer.sign(request, { signingDate });
			try {
				return await next({ ...args, request: signed });
			} catch (error) {
				this.#correctClock(error);
				throw error;
			}
		};
	};

	/** As the SDK's signer: an error whose Date header is far from the signing clock corrects it. */
	#correctClock(error: unknown): void {
		const date = (error as { $response?: WireResponse } | null)?.$response?.headers.date;
		const serverTime = date ? Date.parse(date) : NaN;
		if (Number.isNaN(serverTime)) return;
		if (Math.abs(serverTime - (Date.now() + this.config.systemClockOffset)) >= SKEW_LIMIT_MS) {
			this.config.systemClockOffset = serverTime - Date.now();
		}
	}

	#deserializer = (next: Handler, context: Record<string, unknown>): Handler => {
		const operation = context.operation as Operation<unknown, unknown>;
		return async (args) => {
			const result = await next(args);
			const response = result.response as WireResponse;
			const $metadata = this.#metadataOf(response);
			if (response.statusCode >= 300) throw this.#errorOf(response, $metadata);
			const output = operation.deserialize(response) as object;
			return { ...result, output: { ...output, $metadata } };
		};
	};

	#metadataOf(response: WireResponse): Metadata {
		const requestId = response.headers[this.#protocol.requestIdHeader];
		const extendedRequestId = response.headers['x-amz-id-2'];
		return {
			httpStatusCode: response.statusCode,
			...(requestId ? { requestId } : {}),
			...(extendedRequestId ? { extendedRequestId } : {}),
		};
	}

	#errorOf(response: WireResponse, $metadata: Metadata): Error {
		const { code, message, fields } = this.#protocol.parseError(response);
		const error = Object.assign(new Error(message), fields, {
			name: code,
			$fault: response.statusCode >= 500 ? 'server' : 'client',
			$metadata,
		});
		// Not enumerable: what logs and sanitisers walk stays the SDK's fields.
		Object.defineProperty(error, '$response', { value: response, enumerable: false });
		return error;
	}

	/** The terminal handler: one HTTP exchange, the whole body read. */
	#transmit: Handler = async (args) => {
		const request = args.request as WireRequest;
		const headers = { ...request.headers };
		// Set by the browser itself (forbidden header names); signed with the values it will send.
		delete headers.host;
		delete headers['content-length'];
		const abort = new AbortController();
		this.#aborts.add(abort);
		try {
			const answer = await fetch(urlOf(request), {
				method: request.method,
				headers,
				...(request.body === undefined ? {} : { body: request.body }),
				signal: abort.signal,
			});
			const body = new Uint8Array(await answer.arrayBuffer());
			const responseHeaders: Record<string, string> = {};
			answer.headers.forEach((value, name) => (responseHeaders[name] = value));
			return {
				output: undefined,
				response: { statusCode: answer.status, headers: responseHeaders, body },
			};
		} finally {
			this.#aborts.delete(abort);
		}
	};
}

export interface Metadata {
	httpStatusCode: number;
	requestId?: string;
	extendedRequestId?: string;
	attempts?: number;
	totalRetryDelay?: number;
}

function stamp(value: unknown, attempts: number, totalRetryDelay: number): void {
	const metadata = (value as { $metadata?: Metadata } | null)?.$metadata;
	if (typeof metadata === 'object' && metadata !== null) {
		metadata.attempts = attempts;
		metadata.totalRetryDelay = totalRetryDelay;
	}
}

function urlOf(request: WireRequest): string {
	const port = request.port ? `:${request.port}` : '';
	const query = Object.entries(request.query)
		.map(([key, value]) => `${escapeUri(key)}=${escapeUri(value)}`)
		.join('&');
	return `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
}

/** The call log's body reader: bodies here are already bytes. */
async function collect(body: unknown): Promise<Uint8Array> {
	if (body instanceof Uint8Array) return body;
	if (typeof body === 'string') return new TextEncoder().encode(body);
	return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

/** A request to `base` (its protocol, host, port and path prefix). */
export function requestTo(
	base: URL,
	init: Omit<WireRequest, 'protocol' | 'hostname' | 'port'> & { hostname?: string },
): WireRequest {
	const prefix = base.pathname.replace(/\/$/, '');
	const hostname = init.hostname ?? base.hostname;
	return {
		...init,
		protocol: base.protocol,
		hostname,
		...(base.port ? { port: Number(base.port) } : {}),
		path: `${prefix}${init.path}`,
		headers: { host: base.port ? `${hostname}:${base.port}` : hostname, ...init.headers },
	};
}

/** RFC 3986 escaping, as SigV4's canonical request has it (`encodeURIComponent` leaves `!'()*`). */
export function escapeUri(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** The text of an answer's body. */
export function textOf(response: WireResponse): string {
	return new TextDecoder().decode(response.body);
}
