import * as v from 'valibot';
import { vault } from './backend';
import { isSealed, seal, unseal } from './crypto';

/*
 * What the vault keeps of Amazon Cognito identities beyond a set of credentials (which the purge deletes once
 * expired): the guest's identity id, sealed, because for a pool that allows guests the id alone is enough to
 * get the guest's credentials (GetCredentialsForIdentity without Logins), and it must outlive any one set of
 * them or the guest would lose their data; and which guest identities were carried into which signed-in
 * identity (linked or merged), so the outbox sends a guest's writes as the player they became.
 * Both go with the rest at sign-out (wipeVault).
 */

const GUEST_PREFIX = 'cognito-guest|';
const CARRIED_PREFIX = 'cognito-carried|';

const aad = (poolId: string) => `meta|${GUEST_PREFIX}${poolId}`;

/** Remember the guest identity of `poolId` (sealed). */
export async function saveGuestIdentity(poolId: string, identityId: string): Promise<void> {
	const sealed = await seal(identityId, aad(poolId));
	await (await vault()).meta.put(`${GUEST_PREFIX}${poolId}`, sealed);
}

/** The guest identity of `poolId` this browser holds; null when none (or unreadable). */
export async function loadGuestIdentity(poolId: string): Promise<string | null> {
	const stored = await (await vault()).meta.get(`${GUEST_PREFIX}${poolId}`);
	if (!isSealed(stored)) return null;
	try {
		return await unseal(stored, aad(poolId));
	} catch {
		return null;
	}
}

export async function deleteGuestIdentity(poolId: string): Promise<void> {
	await (await vault()).meta.delete(`${GUEST_PREFIX}${poolId}`);
}

const CarriedSchema = v.object({ into: v.string(), from: v.array(v.string()) });

/**
 * Record that the guest identity `from` became `into` at sign-in (the same id when linked, another when
 * merged). Idempotent: recording the same pair twice keeps one.
 */
export async function recordCarriedGuest(
	poolId: string,
	from: string,
	into: string,
): Promise<void> {
	const key = `${CARRIED_PREFIX}${poolId}|${into}`;
	const meta = (await vault()).meta;
	const existing = await meta.get(key);
	const before = v.is(CarriedSchema, existing) ? existing.from : [];
	if (before.includes(from)) return;
	await meta.put(key, { into, from: [...before, from] });
}

/** The guest identities carried into `into` in this browser. */
export async function carriedGuests(poolId: string, into: string): Promise<string[]> {
	const stored = await (await vault()).meta.get(`${CARRIED_PREFIX}${poolId}|${into}`);
	return v.is(CarriedSchema, stored) ? stored.from.filter((id) => id !== into) : [];
}
