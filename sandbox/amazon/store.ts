import { randomBytes } from 'node:crypto';
import type { AmazonApp } from './ids';

/**
 * What the sandbox Login with Amazon remembers, in memory and bounded: sign-ins waiting for a player to be
 * chosen, authorization codes, and access tokens. Every lifetime is read from the sandbox clock, so tests (and
 * the app's expiry prompt) can move time instead of waiting.
 */

/** Login with Amazon's access tokens are "only valid for sixty minutes" (Login with Amazon Access Tokens). */
export const ACCESS_TOKEN_SECONDS = 3600;
/** Authorization codes live five minutes (a sandbox choice; RFC 6749 §4.1.2 recommends at most ten). */
export const AUTHORIZATION_CODE_SECONDS = 300;
/** How long the login page stays usable, as the OpenID providers' interactions do. */
export const PENDING_SIGN_IN_SECONDS = 3600;

/** An authorization request the player has not answered yet (the login page is showing). */
export interface PendingSignIn {
	app: AmazonApp;
	redirectUri: string;
	scope: string;
	codeChallenge: string;
	state: string | undefined;
	expiresAt: number;
}

export interface AuthorizationCode {
	app: AmazonApp;
	player: string;
	redirectUri: string;
	scope: string;
	codeChallenge: string;
	expiresAt: number;
	/** Set once the code has been traded: a second trade revokes this token (RFC 6749 §4.1.2). */
	accessToken?: string;
}

export interface AccessTokenRecord {
	app: AmazonApp;
	player: string;
	scope: string;
	/** Epoch milliseconds by the sandbox clock. */
	issuedAt: number;
	expiresAt: number;
	revoked: boolean;
}

// Keeps memory bounded in a long-running demo; the oldest entry goes first.
const MAX_ENTRIES = 10_000;

/** A Map that forgets its oldest entry past MAX_ENTRIES. */
class BoundedMap<V> extends Map<string, V> {
	override set(key: string, value: V): this {
		super.set(key, value);
		if (this.size > MAX_ENTRIES) {
			const oldest = this.keys().next().value;
			if (oldest !== undefined) this.delete(oldest);
		}
		return this;
	}
}

export class AmazonStore {
	readonly #now: () => number;
	readonly #pending = new BoundedMap<PendingSignIn>();
	readonly #codes = new BoundedMap<AuthorizationCode>();
	readonly #tokens = new BoundedMap<AccessTokenRecord>();

	constructor(now: () => number) {
		this.#now = now;
	}

	now(): number {
		return this.#now();
	}

	/** Remembers a sign-in; returns the id its login page posts to. */
	addPending(request: Omit<PendingSignIn, 'expiresAt'>): string {
		const id = randomBytes(18).toString('base64url');
		this.#pending.set(id, {
			...request,
			expiresAt: this.#now() + PENDING_SIGN_IN_SECONDS * 1000,
		});
		return id;
	}

	/** The sign-in behind `id` while it is still open. */
	findPending(id: string): PendingSignIn | undefined {
		const pending = this.#pending.get(id);
		return pending && pending.expiresAt > this.#now() ? pending : undefined;
	}

	/** Ends a sign-in (answered or cancelled): its login page can be sent only once. */
	takePending(id: string): PendingSignIn | undefined {
		const pending = this.findPending(id);
		this.#pending.delete(id);
		return pending;
	}

	issueCode(pending: PendingSignIn, player: string): string {
		const code = randomBytes(15).toString('base64url');
		const { app, redirectUri, scope, codeChallenge } = pending;
		this.#codes.set(code, {
			app,
			player,
			redirectUri,
			scope,
			codeChallenge,
			expiresAt: this.#now() + AUTHORIZATION_CODE_SECONDS * 1000,
		});
		return code;
	}

	findCode(code: string): AuthorizationCode | undefined {
		const found = this.#codes.get(code);
		return found && found.expiresAt > this.#now() ? found : undefined;
	}

	/** An opaque bearer token shaped like Login with Amazon's: `Atza|`, 350 characters or more. */
	issueAccessToken(app: AmazonApp, player: string, scope: string): string {
		const token = `Atza|${randomBytes(300).toString('base64url')}`;
		const issuedAt = Math.floor(this.#now() / 1000) * 1000;
		this.#tokens.set(token, {
			app,
			player,
			scope,
			issuedAt,
			expiresAt: issuedAt + ACCESS_TOKEN_SECONDS * 1000,
			revoked: false,
		});
		return token;
	}

	/** The token's record while it is valid: known, not expired by the sandbox clock, not revoked. */
	validAccessToken(token: string): AccessTokenRecord | undefined {
		const found = this.#tokens.get(token);
		return found && !found.revoked && found.expiresAt > this.#now() ? found : undefined;
	}

	/** Revokes a token; false when the provider never issued it. */
	revoke(token: string): boolean {
		const found = this.#tokens.get(token);
		if (found) found.revoked = true;
		return found !== undefined;
	}
}
