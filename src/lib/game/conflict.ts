/**
 * A write that lost to another writer (another tab or device changed the same file since the player read
 * it), as a state of its own: which file, the player's version, and what is stored there now. Pure: the
 * outbox keeps the state (`conflict`), the session offers "keep mine" or "take theirs".
 */
import type { OutboxEntry } from '../vault/outbox';
import type { ProfileWrite, SaveWrite } from './outbox';
import type { Profile } from './profile';
import type { SaveSlot } from './saves';
import type { ConflictError } from './s3-json';

type ConflictFile = { kind: 'profile' } | { kind: 'save'; slot: SaveSlot };

export interface WriteConflict {
	/** The outbox write that lost. */
	id: string;
	file: ConflictFile;
	/** The player's version: what the write would have stored. */
	mine: { profile: Profile } | { state: Record<string, unknown> };
	/** The ETag of what is stored there now; null when the other writer deleted it. */
	remoteEtag: string | null;
	/** What happened, in words for the player. */
	explanation: string;
}

/** What the send step hands the outbox for a lost conditional write. */
export function conflictOutcome(error: ConflictError<unknown>) {
	const file = error.key.endsWith('profile.json') ? 'your profile' : 'this save';
	const now =
		error.remote === null ? 'it has been deleted there' : 'a newer version is stored there';
	return {
		outcome: 'conflict' as const,
		detail: `Conflict: ${file} was changed in another tab or device since you edited it (${now}). Load the latest version, then keep yours or take theirs.`,
		remoteEtag: error.remote?.etag ?? null,
	};
}

/** The conflict an outbox entry is in; null for any other state (or an unreadable payload). */
export function conflictOf(entry: OutboxEntry): WriteConflict | null {
	if (entry.state !== 'conflict' || entry.payload === null) return null;
	const base = {
		id: entry.id,
		remoteEtag: entry.remoteEtag ?? null,
		explanation: entry.explanation ?? '',
	};
	if (entry.kind === 'profile') {
		const { profile } = entry.payload as ProfileWrite;
		return { ...base, file: { kind: 'profile' }, mine: { profile } };
	}
	if (entry.kind === 'save') {
		const { slot, state } = entry.payload as SaveWrite;
		return { ...base, file: { kind: 'save', slot }, mine: { state } };
	}
	return null;
}
