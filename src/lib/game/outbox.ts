/**
 * Every write of game data goes into the vault's outbox first, and leaves it only once AWS has
 * acknowledged it (send.ts). Queueing needs nothing but the vault, so a run finished the moment after
 * sign-in — offline, before the data layer has loaded — is kept at once.
 *
 * Each write names its `owner` (the provider's data segment and the identity it was queued under), so it is
 * never sent with another player's credentials. No payload holds a key or a partition: they are computed
 * from the session's identity when the write is sent (config/data-layout.ts). When a guest's progress moves
 * to a signed-in player (Cognito, issue 14), it is the owner that is changed, in one place: here.
 */
import { samePlayer, type PlayerIdentity } from '../config/data-layout';
import * as vaultOutbox from '../vault/outbox';
import type { OutboxEntry, OutboxWrite } from '../vault/outbox';
import type { Profile } from './profile';
import type { SaveSlot } from './saves';
import type { RunRecord } from './scores';

export interface ProfileWrite {
	owner: PlayerIdentity;
	profile: Profile;
	baseEtag: string | null;
	/** An earlier queued write of the same file: if it is what changed the ETag, that is no conflict. */
	afterWriteId?: string;
}

export interface SaveWrite {
	owner: PlayerIdentity;
	/** A guest's save snapshotted at sign-in (carry.ts): needs no sending if the identity was linked. */
	carried?: boolean;
	slot: SaveSlot;
	state: Record<string, unknown>;
	savedAt: string;
	baseEtag: string | null;
	afterWriteId?: string;
}

/** `carried`: a guest's best run snapshotted at sign-in (carry.ts). */
export type ScoreWrite = RunRecord & { owner: PlayerIdentity; carried?: boolean };

/** The vault's outbox as the glue uses it; tests pass their own. */
export type OutboxStore = Pick<typeof vaultOutbox, 'enqueue' | 'pending'>;

interface QueueOptions {
	store?: OutboxStore;
	newId?: () => string;
	now?: () => Date;
}

/** The owner a payload names; `null` when it names none (an older payload, or not an object). */
export function ownerOf(payload: unknown): PlayerIdentity | null {
	const owner = (payload as { owner?: Partial<PlayerIdentity> } | null)?.owner;
	return typeof owner?.segment === 'string' && typeof owner.id === 'string'
		? { segment: owner.segment, id: owner.id }
		: null;
}

/** The writes `owner` queued; resolves with the new write's id once it is stored. */
export function outboxFor(owner: PlayerIdentity, options: QueueOptions = {}) {
	const store = options.store ?? vaultOutbox;
	const newId = options.newId ?? (() => crypto.randomUUID());
	const now = options.now ?? (() => new Date());

	async function queue(kind: OutboxWrite['kind'], id: string, payload: unknown): Promise<string> {
		await store.enqueue({ id, kind, createdAt: now().getTime(), payload });
		return id;
	}

	/** The last write of the same file still waiting, so the new one can follow it. */
	async function predecessor(kind: 'profile' | 'save', slot?: SaveSlot) {
		const mine = (entry: OutboxEntry) => {
			const by = ownerOf(entry.payload);
			const sameFile =
				kind === 'profile' || (entry.payload as Partial<SaveWrite> | null)?.slot === slot;
			return entry.kind === kind && by !== null && samePlayer(by, owner) && sameFile;
		};
		return (await store.pending()).filter(mine).at(-1)?.id;
	}

	return {
		/** A guest's best run and saves, snapshotted before sign-in (carry.ts): kept until a player sends them. */
		async queueCarried(
			writes:
				| { kind: 'score'; run: RunRecord }
				| { kind: 'save'; slot: SaveSlot; state: Record<string, unknown>; savedAt: string },
		): Promise<string> {
			if (writes.kind === 'score') {
				const payload: ScoreWrite = { ...writes.run, owner, carried: true };
				return queue('score', writes.run.runId, payload);
			}
			const payload: SaveWrite = {
				owner,
				slot: writes.slot,
				state: writes.state,
				savedAt: writes.savedAt,
				baseEtag: null,
				carried: true,
			};
			return queue('save', newId(), payload);
		},
		queueScore(run: Omit<RunRecord, 'runId'> & { runId?: string }): Promise<string> {
			const runId = run.runId ?? newId();
			return queue('score', runId, { ...run, runId, owner } satisfies ScoreWrite);
		},
		async queueProfile(profile: Profile, baseEtag: string | null): Promise<string> {
			const afterWriteId = await predecessor('profile');
			const payload: ProfileWrite = {
				owner,
				profile,
				baseEtag,
				...(afterWriteId ? { afterWriteId } : {}),
			};
			return queue('profile', newId(), payload);
		},
		async queueSave(
			slot: SaveSlot,
			state: Record<string, unknown>,
			baseEtag: string | null,
		): Promise<string> {
			const afterWriteId = await predecessor('save', slot);
			const savedAt = now().toISOString();
			const payload: SaveWrite = {
				owner,
				slot,
				state,
				savedAt,
				baseEtag,
				...(afterWriteId ? { afterWriteId } : {}),
			};
			return queue('save', newId(), payload);
		},
	};
}

export type PlayerOutbox = ReturnType<typeof outboxFor>;
