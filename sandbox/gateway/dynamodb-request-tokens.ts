/**
 * TransactWriteItems' ClientRequestToken (API Reference): "A client request token is valid for 10 minutes
 * after the first request that uses it is completed. After 10 minutes, any request with the same client
 * token is treated as a new request." Within the window, the same token with the same parameters has the
 * same effect as one call; "If you submit a request with the same client token but a change in other
 * parameters within the 10-minute idempotency window, DynamoDB returns an IdempotentParameterMismatch
 * exception." Parameters compare as JSON values (member order does not count); all of them but the token.
 *
 * Only a transaction that succeeded holds its token: a cancelled one wrote nothing, so running its retry is
 * what the caller asked for (AWS does not say; this is the sandbox's reading). The SDKs send a fresh token
 * with every call, so tokens are remembered only as long as their window, and counted against a bound.
 */
import { createHash } from 'node:crypto';
import type { SandboxClock } from '../clock';
import { dynamoDbErrorType } from '../errors';
import { ok, validation, type Answer, type Json } from './dynamodb-answers';

const WINDOW_MS = 10 * 60 * 1000;
/** API Reference: "Length Constraints: Minimum length of 1. Maximum length of 36." */
const MAX_TOKEN_LENGTH = 36;
/**
 * The sandbox keeps at most this many tokens; past it, the oldest are dropped first (DynamoDB documents no
 * such limit). 100,000 tokens, each with a 64-character digest, take some tens of MB at most.
 */
const MAX_TOKENS = 100_000;
/** The error's description in the API Reference; AWS publishes no other wording for it. */
const MISMATCH =
	'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.';

interface Held {
	parameters: string;
	expiresAt: number;
}

export class ClientRequestTokens {
	readonly #clock: SandboxClock;
	/** In insertion order, so the oldest are first: the ones that expire first. */
	readonly #held = new Map<string, Held>();

	constructor(clock: SandboxClock) {
		this.#clock = clock;
	}

	/**
	 * What to answer instead of running the transaction: `{}` for a replay, the mismatch error, or a
	 * ValidationException for a malformed token; `null` to run it.
	 */
	check(input: Json): Answer | null {
		const token = input.ClientRequestToken;
		if (typeof token !== 'string') return null;
		const invalid = tokenProblem(token);
		if (invalid !== null) return validation(invalid);
		this.#forgetExpired();
		const held = this.#held.get(token);
		if (held === undefined || held.expiresAt <= this.#clock.now()) return null;
		return held.parameters === parametersOf(input) ? ok({}) : mismatch();
	}

	/** Holds the token of a transaction that has just succeeded, for ten minutes from now. */
	hold(input: Json): void {
		const token = input.ClientRequestToken;
		if (typeof token !== 'string') return;
		this.#held.delete(token);
		this.#held.set(token, {
			parameters: parametersOf(input),
			expiresAt: this.#clock.now() + WINDOW_MS,
		});
		for (const oldest of this.#held.keys()) {
			if (this.#held.size <= MAX_TOKENS) break;
			this.#held.delete(oldest);
		}
	}

	/** Drops expired tokens from the oldest on (moving the sandbox clock back can leave a few behind). */
	#forgetExpired(): void {
		const now = this.#clock.now();
		for (const [token, held] of this.#held) {
			if (held.expiresAt > now) break;
			this.#held.delete(token);
		}
	}
}

/** The error, with its message in `Message` as DynamoDB's model names that member for this error. */
function mismatch(): Answer {
	return {
		status: 400,
		body: { __type: dynamoDbErrorType('IdempotentParameterMismatchException'), Message: MISMATCH },
	};
}

function tokenProblem(token: string): string | null {
	if (token.length >= 1 && token.length <= MAX_TOKEN_LENGTH) return null;
	const constraint =
		token.length < 1
			? 'Member must have length greater than or equal to 1'
			: `Member must have length less than or equal to ${MAX_TOKEN_LENGTH}`;
	return `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: ${constraint}`;
}

/** A digest of every parameter but the token, with object members in sorted order. */
function parametersOf(input: Json): string {
	const { ClientRequestToken: _token, ...parameters } = input;
	return createHash('sha256').update(canonical(parameters)).digest('hex');
}

/** JSON with every object's members in sorted order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, member: unknown) =>
		typeof member === 'object' && member !== null && !Array.isArray(member)
			? Object.fromEntries(
					Object.keys(member)
						.sort()
						.map((k) => [k, (member as Json)[k]]),
				)
			: member,
	);
}
