import { isOAuth2Provider, type SignInProvider } from '../config/providers';
import type { AppError } from '../errors';
import type { CallerIdentity } from '../federation/sts';

export type SessionStatus = 'signed-out' | 'signing-in' | 'assuming-role' | 'ready' | 'error';

/** The ID token claims the app shows. The token itself is never kept here. */
export interface IdentityClaims {
	sub: string;
	iss: string;
	name?: string;
}

/** What the identity card shows once the role is assumed; no secret, no session token. */
export interface ReadySession {
	assumedRoleArn: string;
	callerIdentity: CallerIdentity;
	/** The AccessKeyId as the app shows it (`ASIA…WXYZ`: lib/federation's `showAccessKeyId`). */
	accessKeyIdShown: string;
	expiration: Date;
}

/**
 * The player's session as the UI sees it. Holds only what can be rendered: the AccessKeyId comes in redacted,
 * and the secret key and session token never pass through here.
 */
class Session {
	#status = $state.raw<SessionStatus>('signed-out');
	#provider = $state.raw<SignInProvider | null>(null);
	#claims = $state.raw<IdentityClaims | null>(null);
	#assumedRoleArn = $state.raw<string | null>(null);
	#callerIdentity = $state.raw<CallerIdentity | null>(null);
	#accessKeyIdRedacted = $state.raw<string | null>(null);
	#expiration = $state.raw<Date | null>(null);
	#error = $state.raw<AppError | null>(null);
	#persistent = $state.raw(true);

	get status() {
		return this.#status;
	}
	get provider() {
		return this.#provider;
	}
	get claims() {
		return this.#claims;
	}
	get assumedRoleArn() {
		return this.#assumedRoleArn;
	}
	get callerIdentity() {
		return this.#callerIdentity;
	}
	get accessKeyIdRedacted() {
		return this.#accessKeyIdRedacted;
	}
	get expiration() {
		return this.#expiration;
	}
	get error() {
		return this.#error;
	}
	/**
	 * Whether this session's credentials can carry session tags (the team features). False on the OAuth 2.0
	 * path: an access token has no claims to tag the session with, so the UI says the features are off.
	 */
	get supportsSessionTags() {
		return this.#provider !== null && !isOAuth2Provider(this.#provider);
	}
	/**
	 * Whether the credentials are renewed without the player. False on the OAuth 2.0 path (no refresh token):
	 * the session ends with its credentials, and the player is told ahead of time (expiry.ts).
	 */
	get renewsWithoutPlayer() {
		return this.#provider === null || !isOAuth2Provider(this.#provider);
	}
	/** False when the browser refused IndexedDB: the session lives in this tab and ends with a reload. */
	get persistent() {
		return this.#persistent;
	}

	/** Where the vault keeps the session: told once at start-up. */
	storage(mode: 'indexeddb' | 'memory') {
		this.#persistent = mode === 'indexeddb';
	}

	signingIn(provider: SignInProvider | null) {
		this.reset();
		this.#status = 'signing-in';
		this.#provider = provider;
	}

	assumingRole(provider: SignInProvider, claims: IdentityClaims) {
		this.#provider = provider;
		this.#claims = claims;
		this.#error = null;
		this.#status = 'assuming-role';
	}

	ready(result: ReadySession) {
		this.#assumedRoleArn = result.assumedRoleArn;
		this.#callerIdentity = result.callerIdentity;
		this.#accessKeyIdRedacted = result.accessKeyIdShown;
		this.#expiration = result.expiration;
		this.#error = null;
		this.#status = 'ready';
	}

	/** New credentials (a refresh here or in another tab): what the card shows follows them. */
	credentialsChanged(accessKeyIdShown: string, expiration: Date) {
		this.#accessKeyIdRedacted = accessKeyIdShown;
		this.#expiration = expiration;
	}

	/** GetCallerIdentity answered again (after "refresh now" or a check). */
	identityConfirmed(callerIdentity: CallerIdentity) {
		this.#callerIdentity = callerIdentity;
	}

	fail(error: AppError) {
		this.#error = error;
		this.#status = 'error';
	}

	reset() {
		this.#status = 'signed-out';
		this.#provider = null;
		this.#claims = null;
		this.#assumedRoleArn = null;
		this.#callerIdentity = null;
		this.#accessKeyIdRedacted = null;
		this.#expiration = null;
		this.#error = null;
	}
}

export const session = new Session();
