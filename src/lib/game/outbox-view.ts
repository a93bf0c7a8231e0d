/**
 * What the player sees of the outbox and of their last run: pure functions from outbox entries to words,
 * so the state class stays thin and the rules are unit-tested. No payload (player data) is shown here.
 */
import type { OutboxEntry } from '../vault/outbox';

type WriteView =
	| { state: 'pending' | 'sending' | 'waiting' }
	| { state: 'retrying'; attempts: number; nextAttemptAt: number; lastError: string | null }
	| { state: 'denied'; explanation: string }
	| { state: 'conflict'; explanation: string };

export interface PendingWrite {
	id: string;
	kind: OutboxEntry['kind'];
	/** "Score 1,234", "Profile", "Save slot 2": the payload's gist, never the whole payload. */
	label: string;
	createdAt: number;
	view: WriteView;
}

/** One outbox entry as the "Pending writes" list shows it. */
export function describeWrite(entry: OutboxEntry): PendingWrite {
	const { id, kind, createdAt } = entry;
	return { id, kind, createdAt, label: labelOf(entry), view: viewOf(entry) };
}

function viewOf(entry: OutboxEntry): WriteView {
	if (entry.state === 'denied') {
		return {
			state: 'denied',
			explanation: entry.explanation ?? 'The role’s policy does not allow this write.',
		};
	}
	if (entry.state === 'conflict')
		return { state: 'conflict', explanation: entry.explanation ?? '' };
	if (entry.state === 'retrying') {
		return {
			state: 'retrying',
			attempts: entry.attempts,
			nextAttemptAt: entry.nextAttemptAt,
			lastError: entry.lastError ?? null,
		};
	}
	return { state: entry.state };
}

function labelOf(entry: OutboxEntry): string {
	const payload = (entry.payload ?? {}) as { score?: unknown; slot?: unknown };
	if (entry.kind === 'score') {
		return typeof payload.score === 'number'
			? `Score ${payload.score.toLocaleString('en')}`
			: 'Score';
	}
	if (entry.kind === 'save') {
		return typeof payload.slot === 'number' ? `Save slot ${payload.slot}` : 'Save slot';
	}
	return 'Profile';
}

/** "in 12 s", "in 2 min", "now": when a retrying write is tried again. */
export function formatNextAttempt(nextAttemptAt: number, now: number): string {
	const seconds = Math.ceil((nextAttemptAt - now) / 1000);
	if (seconds <= 0) return 'now';
	if (seconds < 90) return `in ${seconds} s`;
	return `in ${Math.round(seconds / 60)} min`;
}

export type RunStatus = 'saved' | 'sending' | 'queued' | 'waiting' | 'denied';

/**
 * Where the last run's score is: in the outbox (queued while offline or waiting for a retry, sending,
 * denied) or delivered ('saved'). `delivered` is known by the caller, who saw it leave the outbox.
 */
export function runStatus(
	entry: OutboxEntry | undefined,
	delivered: boolean,
	online: boolean,
): RunStatus {
	if (entry === undefined) return delivered ? 'saved' : online ? 'sending' : 'queued';
	if (entry.state === 'denied' || entry.state === 'conflict') return 'denied';
	if (entry.state === 'waiting') return 'waiting';
	if (!online || entry.state === 'retrying') return 'queued';
	return 'sending';
}
