import type { AppError } from '../errors';
import type { CredentialProviderState } from '../federation/credential-provider';

/** What the credential panel shows; no secret passes through here (the AccessKeyId is not one). */
class CredentialStatus {
	#status = $state.raw<CredentialProviderState['status']>('idle');
	#held = $state.raw(false);
	#expiration = $state.raw<number | null>(null);
	#lastRefreshAt = $state.raw<number | null>(null);
	#error = $state.raw<AppError | null>(null);
	#skewMs = $state.raw(0);
	#notice = $state.raw<string | null>(null);

	/** 'refreshing' while new credentials are being fetched (in this tab). */
	get status() {
		return this.#status;
	}
	/** True while the page holds credentials (false after "forget" until the next AWS call). */
	get held() {
		return this.#held;
	}
	/** Expiration, epoch ms on AWS's clock. */
	get expiration() {
		return this.#expiration;
	}
	/** When STS last issued credentials, epoch ms on AWS's clock. */
	get lastRefreshAt() {
		return this.#lastRefreshAt;
	}
	get error() {
		return this.#error;
	}
	/** AWS time minus device time, ms. */
	get skewMs() {
		return this.#skewMs;
	}
	/** The outcome of the player's last action, in words. */
	get notice() {
		return this.#notice;
	}

	/** Follow the credential provider. */
	update(state: CredentialProviderState) {
		this.#status = state.status;
		this.#held = state.accessKeyId !== null;
		this.#expiration = state.expiration;
		this.#error = state.error;
		if (state.lastRefreshAt !== null) this.#lastRefreshAt = state.lastRefreshAt;
	}

	/** Credentials read back from the vault on a reload: when they were obtained. */
	restored(obtainedAt: number) {
		this.#lastRefreshAt = obtainedAt;
	}

	observeSkew(skewMs: number) {
		this.#skewMs = skewMs;
	}

	tell(notice: string | null, error: AppError | null = null) {
		this.#notice = notice;
		this.#error = error;
	}

	reset() {
		this.#status = 'idle';
		this.#held = false;
		this.#expiration = null;
		this.#lastRefreshAt = null;
		this.#error = null;
		this.#notice = null;
	}
}

export const credentialStatus = new CredentialStatus();
