/**
 * A guest's progress, kept when the guest signs in (Amazon Cognito identity pools). Before any linking call
 * the app snapshots the guest's best run and saves into the outbox, owned by the guest identity:
 * - Cognito links the login to the guest identity (the id stays): the run is already recorded (same runId,
 *   so nothing counts twice) and the player's role raises TopScore with it, which puts it on the
 *   leaderboard; the saves are already there and are not written again (send.ts);
 * - the login already had its own identity, so Cognito merges the guest into it and the guest identity
 *   stops working: the outbox sends the snapshot as the player (the guest is recorded as carried into
 *   them), so the run and the saves land under the player's identity; a slot the player already uses is a
 *   conflict they resolve, never an overwrite.
 * What the guest queued and never sent is carried the same way. Snapshot twice, send twice: the run's id is
 * its idempotency key, a save already in the outbox is not queued again.
 */
import { ownerOf, type PlayerOutbox, type SaveWrite } from './outbox';
import type { GameData } from './data';
import type { PlayerIdentity } from '../config/data-layout';
import { listSaves, loadSave } from './saves';
import { loadMyRuns, loadMyStats, type RunRecord } from './scores';
import type { OutboxEntry } from '../vault/outbox';

export interface CarrySnapshot {
	/** The best run queued, if the guest has one. */
	bestRun: RunRecord | null;
	/** The save slots queued. */
	saves: number[];
}

/** How many of the guest's latest runs are searched for the best one (the game keeps a few dozen). */
const RUNS_SEARCHED = 100;

/**
 * Reads the guest's best run and saves with the guest's credentials and queues them (the outbox is in the
 * vault: they survive a closed tab, going offline, expired credentials). Throws if AWS can't be read: the
 * sign-in must then wait, or the guest's progress could be lost in a merge.
 */
export async function snapshotGuestProgress(
	data: GameData,
	guest: PlayerIdentity,
	queue: Pick<PlayerOutbox, 'queueCarried'>,
	pending: () => Promise<OutboxEntry[]>,
): Promise<CarrySnapshot> {
	const [stats, runs, slots, waiting] = await Promise.all([
		loadMyStats(data, guest),
		loadMyRuns(data, guest, RUNS_SEARCHED),
		listSaves(data, guest),
		pending(),
	]);
	const mine = waiting.filter((entry) => {
		const owner = ownerOf(entry.payload);
		return owner !== null && owner.segment === guest.segment && owner.id === guest.id;
	});
	const found = runs.reduce<(typeof runs)[number] | null>(
		(top, run) => (top === null || run.score > top.score ? run : top),
		null,
	);
	const displayName = stats?.displayName ?? 'Guest';
	let bestRun: RunRecord | null =
		found === null
			? null
			: {
					runId: found.runId,
					score: found.score,
					playedAt: found.playedAt,
					durationMs: found.durationMs,
					displayName,
					won: found.won ?? true,
				};
	const top = stats?.topScore ?? null;
	if (top !== null && stats?.topScoreAt && (bestRun === null || top > bestRun.score)) {
		// The best run is older than the runs searched: carried from the summary, under an id of its own.
		bestRun = {
			runId: `guest-best-${guest.id.replace(/\W/g, '')}`,
			score: top,
			playedAt: stats.topScoreAt,
			durationMs: 0,
			displayName,
			won: true,
		};
	}
	if (bestRun !== null) await queue.queueCarried({ kind: 'score', run: bestRun });
	const saves: number[] = [];
	for (const { slot } of slots) {
		// A save still waiting in the outbox is newer than the stored one, and is carried itself; a
		// snapshot of this slot already waiting is not queued twice.
		const waitingForSlot = mine.some(
			(entry) => entry.kind === 'save' && (entry.payload as SaveWrite).slot === slot,
		);
		if (waitingForSlot) continue;
		const loaded = await loadSave(data, guest, slot);
		if (!loaded) continue;
		await queue.queueCarried({
			kind: 'save',
			slot,
			state: loaded.save.state,
			savedAt: loaded.save.savedAt,
		});
		saves.push(slot);
	}
	return { bestRun, saves };
}
