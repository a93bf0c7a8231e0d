/**
 * Every write of game data goes through the vault's outbox first (IndexedDB), and leaves it only once AWS
 * has acknowledged it. `sendWrite` performs one write and says what the runner should do with it:
 * 'ok' (ack), 'denied' (set aside, explained, kept for the player to discard) or 'retry' (backoff).
 */
import { samePlayer, type PlayerIdentity } from '../config/data-layout';
import { explainAwsError } from '../inspector/explain-error';
import * as outbox from '../vault/outbox';
import type { OutboxEntry, OutboxWrite } from '../vault/outbox';
import {
	createOutboxRunner,
	type OutboxRunner,
	type OutboxRunnerDeps,
	type SendResult,
} from '../vault/outbox-runner';
import type { GameData } from './clients';
import { saveProfile, type Profile } from './profile';
import { isConflictError, type ConflictError } from './s3-json';
import { saveGame, type SaveSlot } from './saves';
import { recordRun, type RunRecord } from './scores';
import { conflictExplanation, isRetryable } from './write-outcome';

export { CONFLICT_PREFIX, isConflictExplanation } from './write-outcome';

/**
 * Outbox payloads. `owner` is who queued the write (provider segment and identity), so it is never sent on
 * someone else's behalf. No payload holds a key or a partition: they are computed from the session's
 * identity when the write is sent (data-layout.ts).
 */
export interface ProfileWrite {
	owner: PlayerIdentity;
	profile: Profile;
	baseEtag: string | null;
	/** An earlier queued write of the same file: if it is what changed the ETag, that is no conflict. */
	afterWriteId?: string;
}

export interface SaveWrite {
	owner: PlayerIdentity;
	slot: SaveSlot;
	state: Record<string, unknown>;
	savedAt: string;
	baseEtag: string | null;
	afterWriteId?: string;
}

export type ScoreWrite = RunRecord & { owner: PlayerIdentity };

export interface GameWritesOptions {
	data: GameData;
	/** The signed-in player: their provider's data segment and their `sub`. */
	player: PlayerIdentity;
	/** The runner's timers, locks and backoff (tests); `send` is always `sendWrite`. */
	runner?: Omit<OutboxRunnerDeps, 'send'>;
	store?: Pick<typeof outbox, 'enqueue' | 'pending'>;
	newId?: () => string;
	now?: () => Date;
}

export interface GameWrites {
	queueScore(run: Omit<RunRecord, 'runId'> & { runId?: string }): Promise<string>;
	queueProfile(profile: Profile, baseEtag: string | null): Promise<string>;
	queueSave(
		slot: SaveSlot,
		state: Record<string, unknown>,
		baseEtag: string | null,
	): Promise<string>;
	sendWrite(write: OutboxEntry): Promise<SendResult>;
	runner: OutboxRunner;
}

/**
 * The outbox glue for one signed-in player. Each `queue…` stores the write in the outbox first, then
 * kicks the runner, and resolves with the write's id once stored. Call `runner.start()` after sign-in
 * (it then delivers whatever an earlier session or a closed tab left behind) and `runner.stop()` at
 * sign-out.
 */
export function createGameWrites(options: GameWritesOptions): GameWrites {
	const { data, player } = options;
	const store = options.store ?? outbox;
	const newId = options.newId ?? (() => crypto.randomUUID());
	const now = options.now ?? (() => new Date());
	const runner = createOutboxRunner({ ...options.runner, send: sendWrite });

	async function queue(kind: OutboxWrite['kind'], id: string, payload: unknown): Promise<string> {
		await store.enqueue({ id, kind, createdAt: now().getTime(), payload });
		runner.kick();
		return id;
	}

	/** The last write of the same file still waiting, so the new one can follow it. */
	async function predecessor(
		kind: 'profile' | 'save',
		slot?: SaveSlot,
	): Promise<string | undefined> {
		const waiting = (await store.pending()).filter((entry) => {
			const owner = ownerOf(entry.payload);
			const mine = owner !== null && samePlayer(owner, player);
			const sameFile =
				kind === 'profile' || (entry.payload as Partial<SaveWrite> | null)?.slot === slot;
			return entry.kind === kind && mine && sameFile;
		});
		return waiting.at(-1)?.id;
	}

	async function sendWrite(write: OutboxEntry): Promise<SendResult> {
		const owner = ownerOf(write.payload);
		if (owner === null || !samePlayer(owner, player))
			return { outcome: 'denied', detail: NOT_YOURS };
		try {
			await perform(data, player, write);
			return 'ok';
		} catch (error) {
			if (isConflictError(error)) return alreadyApplied(error, write) ? 'ok' : conflict(error);
			const explanation = explainAwsError(error);
			if (isRetryable(error, explanation)) {
				return {
					outcome: 'retry',
					detail: `${explanation.code ?? 'Error'}: ${explanation.summary}`,
				};
			}
			return { outcome: 'denied', detail: explanation.summary };
		}
	}

	return {
		queueScore: (run) => {
			const runId = run.runId ?? newId();
			return queue('score', runId, { ...run, runId, owner: player } satisfies ScoreWrite);
		},
		async queueProfile(profile, baseEtag) {
			const afterWriteId = await predecessor('profile');
			const payload: ProfileWrite = {
				owner: player,
				profile,
				baseEtag,
				...(afterWriteId ? { afterWriteId } : {}),
			};
			return queue('profile', newId(), payload);
		},
		async queueSave(slot, state, baseEtag) {
			const afterWriteId = await predecessor('save', slot);
			const savedAt = now().toISOString();
			const payload: SaveWrite = {
				owner: player,
				slot,
				state,
				savedAt,
				baseEtag,
				...(afterWriteId ? { afterWriteId } : {}),
			};
			return queue('save', newId(), payload);
		},
		sendWrite,
		runner,
	};
}

/**
 * A write queued by someone else (another player, the same `sub` at another provider, or a write from
 * before the per-provider layout, which has no owner segment) is never sent with this session's
 * credentials: its data would land in this player's folder.
 */
const NOT_YOURS =
	'This write was queued by another signed-in player (or before the data layout changed); it is never sent with your credentials.';

/** The owner a payload names; `null` when it names none (an older payload, or not an object). */
function ownerOf(payload: unknown): PlayerIdentity | null {
	const owner = (payload as { owner?: Partial<PlayerIdentity> } | null)?.owner;
	return typeof owner?.segment === 'string' && typeof owner.id === 'string'
		? { segment: owner.segment, id: owner.id }
		: null;
}

/** Performs one outbox write against AWS, as `player`: keys and partitions come from them now. */
async function perform(data: GameData, player: PlayerIdentity, write: OutboxEntry): Promise<void> {
	if (write.kind === 'score') {
		const { owner: _owner, ...run } = write.payload as ScoreWrite;
		await recordRun(data, player, run);
		return;
	}
	const put =
		write.kind === 'profile'
			? (etag: string | null) => {
					const p = write.payload as ProfileWrite;
					return saveProfile(data, player, p.profile, etag, write.id);
				}
			: (etag: string | null) => {
					const p = write.payload as SaveWrite;
					const save = { version: 1 as const, slot: p.slot, savedAt: p.savedAt, state: p.state };
					return saveGame(data, player, save, etag, write.id);
				};
	const payload = write.payload as ProfileWrite | SaveWrite;
	try {
		await put(payload.baseEtag);
	} catch (error) {
		// Our own earlier write moved the ETag: write on top of it (once; a real conflict still surfaces).
		const remote = isConflictError(error) ? error.remote : null;
		const ownPredecessor =
			payload.afterWriteId !== undefined &&
			(remote?.value as { writeId?: string } | undefined)?.writeId === payload.afterWriteId;
		if (!ownPredecessor || remote === null) throw error;
		await put(remote.etag);
	}
}

/** The answer to an earlier attempt was lost but the write landed: the remote carries our write id. */
function alreadyApplied(error: ConflictError<unknown>, write: OutboxEntry): boolean {
	return (error.remote?.value as { writeId?: string } | undefined)?.writeId === write.id;
}

function conflict(error: ConflictError<unknown>): SendResult {
	return { outcome: 'denied', detail: conflictExplanation(error) };
}
