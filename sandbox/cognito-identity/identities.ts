/**
 * The identities of the sandbox's pools, in memory (the sandbox starts empty, like its storage). An identity
 * is `REGION:GUID`, one per pool and login: the same login always finds the same identity. An identity with
 * no login is unauthenticated (a guest's). Linking adds a login to an identity; merging moves another
 * identity's logins to it and disables the other, which is refused from then on (Cognito Developer Guide,
 * "Identity pools authentication flow": "Once merged, one identity becomes the parent/owner of all associated
 * logins and the other is disabled").
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors';

/** One login: a provider (a Logins key or the developer provider name) and whom it names there. */
export interface Login {
	provider: string;
	/** The token's `sub`, or the developer user identifier. */
	subject: string;
}

export interface Identity {
	id: string;
	poolId: string;
	logins: Login[];
	/** Epoch ms. */
	creationDate: number;
	lastModifiedDate: number;
	/** Merged into another identity (or left without logins by UnlinkIdentity): refused from then on. */
	disabled: boolean;
}

/**
 * A bound on memory, since anyone may create guest identities: a sandbox choice (AWS sets no limit on
 * identities; its model lists LimitExceededException for GetId).
 */
export const MAX_IDENTITIES_PER_POOL = 50_000;

export class IdentityStore {
	readonly #region: string;
	readonly #now: () => number;
	readonly #byId = new Map<string, Identity>();
	readonly #byLogin = new Map<string, string>();
	readonly #countByPool = new Map<string, number>();

	constructor(region: string, now: () => number) {
		this.#region = region;
		this.#now = now;
	}

	get(id: string): Identity | undefined {
		return this.#byId.get(id);
	}

	/** The identity `login` belongs to in `poolId`, if any. */
	findByLogin(poolId: string, login: Login): Identity | undefined {
		const id = this.#byLogin.get(loginKey(poolId, login));
		return id === undefined ? undefined : this.#byId.get(id);
	}

	/** A new identity in `poolId` holding `logins` (none: a guest). */
	create(poolId: string, logins: readonly Login[]): Identity {
		const count = this.#countByPool.get(poolId) ?? 0;
		if (count >= MAX_IDENTITIES_PER_POOL) {
			throw new AwsError(
				'LimitExceededException',
				400,
				`The Fedplay sandbox keeps at most ${MAX_IDENTITIES_PER_POOL} identities per identity pool.`,
			);
		}
		const now = this.#now();
		const identity: Identity = {
			id: `${this.#region}:${randomUUID()}`,
			poolId,
			logins: [],
			creationDate: now,
			lastModifiedDate: now,
			disabled: false,
		};
		this.#byId.set(identity.id, identity);
		this.#countByPool.set(poolId, count + 1);
		this.link(identity, logins);
		return identity;
	}

	/** Adds each login that `identity` does not hold yet (each must belong to no other identity). */
	link(identity: Identity, logins: readonly Login[]): void {
		for (const login of logins) {
			if (identity.logins.some((l) => sameLogin(l, login))) continue;
			identity.logins.push(login);
			this.#byLogin.set(loginKey(identity.poolId, login), identity.id);
			identity.lastModifiedDate = this.#now();
		}
	}

	/** Moves `other`'s logins to `survivor` and disables `other`. */
	merge(survivor: Identity, other: Identity): void {
		const moved = other.logins.splice(0);
		this.link(survivor, moved);
		this.#disable(other);
	}

	/** Removes the logins of `providers` from `identity`; without any left it can no longer be reached. */
	unlink(identity: Identity, providers: readonly string[]): void {
		const removed = identity.logins.filter((l) => providers.includes(l.provider));
		identity.logins = identity.logins.filter((l) => !providers.includes(l.provider));
		for (const login of removed) this.#byLogin.delete(loginKey(identity.poolId, login));
		identity.lastModifiedDate = this.#now();
		if (removed.length > 0 && identity.logins.length === 0) this.#disable(identity);
	}

	/** The identities of `poolId`, oldest first. */
	inPool(poolId: string): Identity[] {
		return [...this.#byId.values()].filter((identity) => identity.poolId === poolId);
	}

	clear(): void {
		this.#byId.clear();
		this.#byLogin.clear();
		this.#countByPool.clear();
	}

	#disable(identity: Identity): void {
		identity.disabled = true;
		identity.lastModifiedDate = this.#now();
	}
}

export function sameLogin(a: Login, b: Login): boolean {
	return a.provider === b.provider && a.subject === b.subject;
}

function loginKey(poolId: string, login: Login): string {
	return JSON.stringify([poolId, login.provider, login.subject]);
}
