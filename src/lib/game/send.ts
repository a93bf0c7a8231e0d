/**
 * Delivery of outbox writes to AWS, as the signed-in player: `sendWrite` performs one write and tells the
 * outbox runner what to do with it — 'ok' (acknowledged), 'retry' (later, with backoff), 'denied' (set
 * aside with AWS's words, kept for the player to discard) or 'conflict' (another writer won: the player
 * chooses). Keys and partitions come from the player when the write is sent, never from the payload.
 */
import { awsErrorFacts, describeAwsError, isRetryableAwsError } from '../aws/errors';
import { sendsAs, type PlayerIdentity } from '../config/data-layout';
import { isAppError } from '../errors';
import type { OutboxEntry } from '../vault/outbox';
import {
	createOutboxRunner,
	type OutboxRunner,
	type OutboxRunnerDeps,
	type SendResult,
} from './outbox-runner';
import { conflictOutcome } from './conflict';
import type { GameData } from './data';
import { ownerOf, type ProfileWrite, type SaveWrite, type ScoreWrite } from './outbox';
import { saveProfile } from './profile';
import { isConflictError, type ConflictError } from './s3-json';
import { saveGame } from './saves';
import { recordRun } from './scores';

/**
 * A write queued by someone else (another player, the same `sub` at another provider, or a write from
 * before the per-provider layout, which has no owner segment) is never sent with this session's
 * credentials: its data would land in this player's folder.
 */
const NOT_YOURS =
	'This write was queued by another signed-in player (or before the data layout changed); it is never sent with your credentials.';

/** Performs one outbox write as `player` and says what became of it. Never throws. */
export async function sendWrite(
	data: GameData,
	player: PlayerIdentity,
	write: OutboxEntry,
	/** The signed-in player's display name now: a guest's carried run is shown under it, not as "Guest". */
	displayName?: () => string,
): Promise<SendResult> {
	const owner = ownerOf(write.payload);
	if (owner === null || !sendsAs(owner, player)) return { outcome: 'denied', detail: NOT_YOURS };
	const carried = (write.payload as { carried?: unknown }).carried === true;
	// A guest's snapshot (carry.ts) is for the player the guest becomes. Sent by a guest (a sign-in that
	// did not finish), it is not needed: the data is still the guest's, and the next sign-in snapshots again.
	// A save is already there when Cognito linked the login to the guest identity (the same id).
	if (carried && (player.guest === true || (write.kind === 'save' && owner.id === player.id))) {
		return 'ok';
	}
	try {
		await perform(data, player, write, carried ? displayName?.() : undefined);
		return 'ok';
	} catch (error) {
		if (isConflictError(error)) {
			return alreadyApplied(error, write) ? 'ok' : conflictOutcome(error);
		}
		// No credentials until the player signs in again: the write waits for them, not for a backoff.
		if (needsSignIn(error)) return { outcome: 'wait', detail: await describeAwsError(error) };
		if (isRetryableAwsError(error))
			return { outcome: 'retry', detail: await describeAwsError(error) };
		// What AWS refused, in its own words (they name the action and the resource).
		const detail = isAppError(error) ? error.message : awsErrorFacts(error).message;
		return { outcome: 'denied', detail };
	}
}

/** The credential provider could not get credentials without the player (their session ended). */
function needsSignIn(error: unknown): boolean {
	return (
		isAppError(error) && (error.code === 'session-expired' || error.code === 'credentials-expired')
	);
}

/** The outbox runner for `player`: delivers this browser's writes in order, one at a time. */
export function createDelivery(options: {
	data: GameData;
	player: PlayerIdentity;
	/** The runner's timers, locks and backoff (tests); `send` is always `sendWrite`. */
	runner?: Omit<OutboxRunnerDeps, 'send'>;
	/** The session's watch on the endpoint: told of every answer, and wakes the runner on recovery. */
	connectivity?: OutboxRunnerDeps['connectivity'];
	/** The player's display name when a write is sent (a guest's carried run takes it then). */
	displayName?: () => string;
}): OutboxRunner {
	const { data, player, connectivity, displayName } = options;
	return createOutboxRunner({
		...(connectivity ? { connectivity } : {}),
		...options.runner,
		send: (write) => sendWrite(data, player, write, displayName),
	});
}

/** Performs one outbox write against AWS, as `player`: keys and partitions come from them now. */
async function perform(
	data: GameData,
	player: PlayerIdentity,
	write: OutboxEntry,
	/** For a guest's carried run: the name of the player it is sent as (it was queued as "Guest"). */
	carriedName?: string,
): Promise<void> {
	if (write.kind === 'score') {
		const { owner: _owner, ...run } = write.payload as ScoreWrite;
		await recordRun(data, player, carriedName ? { ...run, displayName: carriedName } : run);
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
