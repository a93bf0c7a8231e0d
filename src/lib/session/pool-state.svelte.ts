/**
 * What the screens show of an Amazon Cognito identity pool session: whether it is a guest, the identity id,
 * the flow that ran and the token's `amr`. Null fields for a direct (AssumeRoleWithWebIdentity) session.
 */
class PoolSession {
	#guest = $state.raw(false);
	#identityId = $state.raw<string | null>(null);
	#flow = $state.raw<string | null>(null);
	#amr = $state.raw<readonly string[]>([]);
	#carried = $state.raw<readonly string[]>([]);
	#notice = $state.raw<string | null>(null);

	/** Playing as a guest (an unauthenticated identity). */
	get guest() {
		return this.#guest;
	}
	get identityId() {
		return this.#identityId;
	}
	/** `enhanced` or `basic`. */
	get flow() {
		return this.#flow;
	}
	get amr() {
		return this.#amr;
	}
	/** Guest identities carried into this one at sign-in. */
	get carried() {
		return this.#carried;
	}
	/** The outcome of keeping a guest's progress, in words. */
	get notice() {
		return this.#notice;
	}

	set(info: {
		guest: boolean;
		identityId: string | null;
		flow: string | null;
		amr: readonly string[];
		carried: readonly string[];
	}) {
		this.#guest = info.guest;
		this.#identityId = info.identityId;
		this.#flow = info.flow;
		this.#amr = info.amr;
		this.#carried = info.carried;
	}

	tell(notice: string | null) {
		this.#notice = notice;
	}

	reset() {
		this.set({ guest: false, identityId: null, flow: null, amr: [], carried: [] });
		this.#notice = null;
	}
}

export const poolSession = new PoolSession();
