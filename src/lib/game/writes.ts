/**
 * Every write of game data goes through the vault's outbox first (IndexedDB), and leaves it only once AWS
 * has acknowledged it. `sendWrite` performs one write and says what the runner should do with it:
 * 'ok' (ack), 'denied' (set aside, explained, kept for the player to discard) or 'retry' (backoff).
 */
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

/** Outbox payloads. `sub` is the owner, so a write is never sent on someone else's behalf. */
export interface ProfileWrite {
	sub: string;
	profile: Profile;
	baseEtag: string | null;
	/** An earlier queued write of the same file: if it is what changed the ETag, that is no conflict. */
	afterWriteId?: string;
}

export interface SaveWrite {
	sub: string;
	slot: SaveSlot;
	state: Record<string, unknown>;
	savedAt: string;
	baseEtag: string | null;
	afterWriteId?: string;
}

export type ScoreWrite = RunRecord;

export interface GameWritesOptions {
	data: GameData;
	/** The signed-in player's sub. */
	sub: string;
	/** The runner's timers, locks and backoff (tests); `send` is always `sendWrite`. */
	runner?: Omit<OutboxRunnerDeps, 'send'>;
	store?: Pick<typeof outbox, 'enqueue' | 'pending'>;
	newId?: () => string;
	now?: () => Date;
}

export interface GameWrites {
	queueScore(run: Omit<RunRecord, 'sub' | 'runId'> & { runId?: string }): Promise<string>;
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
	const { data, sub } = options;
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
			const p = entry.payload as Partial<SaveWrite> | null;
			return entry.kind === kind && p?.sub === sub && (kind === 'profile' || p?.slot === slot);
		});
		return waiting.at(-1)?.id;
	}

	async function sendWrite(write: OutboxEntry): Promise<SendResult> {
		try {
			await perform(data, write);
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
			return queue('score', runId, { ...run, runId, sub } satisfies ScoreWrite);
		},
		async queueProfile(profile, baseEtag) {
			const afterWriteId = await predecessor('profile');
			const payload: ProfileWrite = {
				sub,
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
				sub,
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

/** Performs one outbox write against AWS. */
async function perform(data: GameData, write: OutboxEntry): Promise<void> {
	if (write.kind === 'score') {
		await recordRun(data, write.payload as ScoreWrite);
		return;
	}
	const put =
		write.kind === 'profile'
			? (etag: string | null) => {
					const p = write.payload as ProfileWrite;
					return saveProfile(data, p.sub, p.profile, etag, write.id);
				}
			: (etag: string | null) => {
					const p = write.payload as SaveWrite;
					const save = { version: 1 as const, slot: p.slot, savedAt: p.savedAt, state: p.state };
					return saveGame(data, p.sub, save, etag, write.id);
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
