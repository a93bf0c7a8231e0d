import type { AwsErrorCategory } from './errors';
import type { DecodedJwt } from './jwt';
import { redactBody } from './redact';

/** One HTTP request as sent (signed), with secrets redacted and the body truncated. */
export interface LoggedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string | null;
}

/** One HTTP response as received, redacted and truncated. */
export interface LoggedResponse {
	status: number;
	headers: Record<string, string>;
	body: string | null;
}

/** One AWS call as the app made it: one SDK `send`, however many HTTP attempts it took. */
export interface CallLogEntry {
	id: number;
	/** `S3`, `DynamoDB`, `STS`. */
	service: string;
	/** `GetObject`, `PutItem`, `AssumeRoleWithWebIdentity`. */
	operation: string;
	/** HTTP status of the last attempt; `null` when no response arrived (network, CORS). */
	status: number | null;
	ok: boolean;
	durationMs: number;
	requestId: string | null;
	/** ISO 8601 time the call started. */
	time: string;
	attempts: number;
	retried: boolean;
	/** Status of each attempt in order (`null` for a network failure). */
	attemptStatuses: (number | null)[];
	/** The last attempt's request and response. */
	request: LoggedRequest | null;
	response: LoggedResponse | null;
	/** Present when the call failed. */
	error?: LoggedError;
	/**
	 * Present when the failure is an expected outcome the app handles (a write its condition refused, an
	 * object not there yet): one line why. Such a call is shown neutral, never as a failure.
	 */
	expected?: string;
	/** The command input, redacted (sanitize.ts): lets a denied call be re-evaluated against the policies. */
	input?: Record<string, unknown>;
	/** The command output of a successful call, redacted (Credentials' secret and token masked). */
	output?: Record<string, unknown>;
	/** Header and claims of the ID token an AssumeRoleWithWebIdentity call carried (never the token). */
	identityToken?: DecodedJwt;
}

/**
 * A failed call's error as AWS gave it (redacted); the inspector explains it from these facts (what the code
 * means: error-text.ts, `loggedErrorSummary`), so the data path logs a failure without those words.
 */
export interface LoggedError {
	/** AWS's code (`AccessDenied`, `ExpiredTokenException`), or null when there was no answer. */
	code: string | null;
	category: AwsErrorCategory;
	/** AWS's own message, redacted. */
	message: string;
}

/** A real failure: the call failed and the app did not expect that answer. */
export function isFailure(entry: Pick<CallLogEntry, 'ok' | 'expected'>): boolean {
	return !entry.ok && entry.expected === undefined;
}

interface CallLogFilter {
	service?: string;
	failuresOnly?: boolean;
}

type CallLogListener = (entries: readonly CallLogEntry[]) => void;

/** A bounded, in-memory log of AWS calls (a ring buffer: the oldest entries fall off). */
export class CallLog {
	readonly capacity: number;
	#entries: CallLogEntry[] = [];
	#nextId = 1;
	#listeners = new Set<CallLogListener>();

	constructor(capacity = 500) {
		this.capacity = Math.max(1, capacity);
	}

	/** Records a finished call and tells the listeners; returns the stored entry. */
	add(entry: Omit<CallLogEntry, 'id'>): CallLogEntry {
		const stored = Object.freeze({ ...entry, id: this.#nextId++ });
		this.#entries.push(stored);
		if (this.#entries.length > this.capacity)
			this.#entries.splice(0, this.#entries.length - this.capacity);
		this.#notify();
		return stored;
	}

	/** All entries, oldest first. */
	entries(): readonly CallLogEntry[] {
		return [...this.#entries];
	}

	filter({ service, failuresOnly = false }: CallLogFilter = {}): CallLogEntry[] {
		return this.#entries.filter(
			(entry) =>
				(service === undefined || entry.service.toLowerCase() === service.toLowerCase()) &&
				(!failuresOnly || isFailure(entry)),
		);
	}

	/** Calls `listener` with the entries now and after every change; returns the unsubscribe function. */
	subscribe(listener: CallLogListener): () => void {
		this.#listeners.add(listener);
		listener(this.entries());
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** The log as pretty JSON, still redacted (and redacted once more as a whole, in case). */
	exportJson(filter?: CallLogFilter): string {
		const entries = filter ? this.filter(filter) : this.#entries;
		return redactBody(JSON.stringify({ exportedAt: new Date().toISOString(), entries }, null, 2));
	}

	clear(): void {
		this.#entries = [];
		this.#notify();
	}

	#notify(): void {
		const snapshot = this.entries();
		for (const listener of this.#listeners) {
			try {
				listener(snapshot);
			} catch {
				// A broken listener must not break the AWS call that is being logged.
			}
		}
	}
}

/** Every AWS call the app makes goes into this one log; the inspector shows it. */
export const appCallLog = new CallLog();
