/**
 * One error type for the whole app, with a stable string-union `code` (the jose `JOSEErrorCode` pattern).
 * Upstream fields are kept verbatim: OIDC `error`/`error_description`, AWS `name`, HTTP status, request id.
 */
export type AppErrorCode =
	// configuration
	| 'config-missing'
	| 'config-invalid'
	// sign-in with the OpenID provider
	| 'provider-unreachable'
	| 'login-cancelled'
	| 'state-mismatch'
	| 'login-failed'
	| 'session-expired'
	// STS and AWS calls
	| 'sts-error'
	| 'aws-error'
	| 'access-denied'
	| 'credentials-expired'
	| 'network-down'
	// the player's game data
	| 'write-conflict'
	| 'data-invalid'
	// storage in the browser
	| 'storage-unavailable'
	| 'vault-unreadable'
	| 'unknown';

interface AppErrorDetails {
	/** OIDC `error` (e.g. `access_denied`) or AWS error `name` (e.g. `InvalidIdentityToken`). */
	upstreamCode?: string;
	/** OIDC `error_description` or the AWS error message, verbatim. */
	upstreamMessage?: string;
	httpStatus?: number;
	requestId?: string;
	/** A short headline for the player, e.g. `Your sign-in was not accepted by AWS`. */
	title?: string;
	/** What the player (or the person who configured the app) can do about it. */
	hint?: string;
}

export class AppError extends Error {
	override readonly name = 'AppError';
	readonly code: AppErrorCode;
	readonly details: AppErrorDetails;

	constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}, cause?: unknown) {
		super(message, cause === undefined ? undefined : { cause });
		this.code = code;
		this.details = details;
	}
}

/** True when `value` is an AppError, also across module copies (duck-typed on `name` and `code`). */
export function isAppError(value: unknown): value is AppError {
	return (
		value instanceof AppError ||
		(typeof value === 'object' &&
			value !== null &&
			(value as { name?: unknown }).name === 'AppError' &&
			typeof (value as { code?: unknown }).code === 'string')
	);
}

/**
 * The words browsers and Node use for a request that got no HTTP answer at all (offline, DNS, a refused
 * connection, CORS): Chromium "Failed to fetch", Firefox "NetworkError when attempting to fetch resource.",
 * Safari "Load failed", Node "fetch failed" and its socket codes. The one copy: sign-in (oidc-client-ts)
 * and every AWS call read it here.
 */
export const NETWORK_FAILURE =
	/failed to fetch|networkerror|network ?error when attempting|load failed|fetch failed|network timed out|econnrefused|econnreset|etimedout|enotfound|getaddrinfo|socket hang up/i;

/** True for a failure without an HTTP answer: a fetch TypeError, or one of the words above. */
export function isNetworkFailure(error: unknown): boolean {
	if (error instanceof TypeError) return true;
	const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
	const text = `${String(e.name)} ${String(e.message ?? error)} ${String(e.code)}`;
	return NETWORK_FAILURE.test(text);
}

/**
 * A chunk of the app that could not be downloaded (offline, a new deployment), said as an AppError: the one
 * wording for every lazy load. `stopped`: what cannot go on without it.
 */
export function partNotDownloaded(cause: unknown, stopped: string): AppError {
	return new AppError(
		'network-down',
		`Part of Fedplay could not be downloaded, so ${stopped}.`,
		{ title: 'Fedplay could not load', hint: 'Check your connection, then try again.' },
		cause,
	);
}
