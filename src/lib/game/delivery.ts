/**
 * Which of this tab's writes have been delivered, told from the outbox alone: a write that has left the
 * outbox, and was not discarded, was acknowledged by AWS (in this tab or another one). Pure bookkeeping, so
 * the game session only asks "what was delivered, and what must be read again?".
 */
import type { OutboxKind } from '../vault/types';

/** The parts of the player's data the screens show, each read on its own. */
export type ReadPart = 'profile' | 'stats' | 'leaderboard' | 'runs' | 'saves';

/** What a delivered write of each kind changed, so must be read again. */
const CHANGES: Record<OutboxKind, ReadPart[]> = {
	score: ['stats', 'leaderboard', 'runs'],
	profile: ['profile'],
	save: ['saves'],
};

/** The parts that writes of `kinds` change, each once. */
export function partsChangedBy(kinds: Iterable<OutboxKind>): ReadPart[] {
	return [...new Set([...kinds].flatMap((kind) => CHANGES[kind]))];
}

/**
 * Ids that left the outbox since the last look: those seen before, and those this tab queued before the
 * read started, that are gone now and were not discarded. They were acknowledged by AWS.
 */
export function deliveredIds(
	before: Iterable<string>,
	now: readonly { id: string }[],
	discarded: ReadonlySet<string>,
): string[] {
	const present = new Set(now.map((e) => e.id));
	return [...new Set(before)].filter((id) => !present.has(id) && !discarded.has(id));
}

interface Delivered {
	/** The ids of the writes that were delivered since the last look. */
	ids: string[];
	/** The parts those writes changed. */
	reread: ReadPart[];
}

/** This tab's view of its writes on their way. */
export class DeliveryTracker {
	/** Outbox reads started so far; a queued id counts as delivered only in a read started after it. */
	#reads = 0;
	/** The newest read observed: an older one finishing later knows less, and is ignored. */
	#observed = 0;
	#watch = new Map<string, { kind: OutboxKind; afterRead: number }>();
	#discarded = new Set<string>();

	/** This tab queued `id` (it may be delivered before the next read even starts). */
	queued(id: string, kind: OutboxKind): void {
		if (!this.#watch.has(id)) this.#watch.set(id, { kind, afterRead: this.#reads });
	}

	/** The player gave up on `id`: its leaving the outbox is no delivery. */
	discarded(id: string): void {
		this.#discarded.add(id);
	}

	/** A read of the outbox begins; pass its number to `observe` with what it found. */
	readStarted(): number {
		return ++this.#reads;
	}

	/**
	 * What read number `read` found in the outbox: which writes were delivered since the last look; null
	 * when a newer read has been observed already (this one's entries are stale: do not show them).
	 */
	observe(read: number, entries: readonly { id: string; kind: OutboxKind }[]): Delivered | null {
		if (read < this.#observed) return null;
		this.#observed = read;
		const watched = [...this.#watch].filter(([, w]) => w.afterRead < read).map(([id]) => id);
		const ids = deliveredIds(watched, entries, this.#discarded);
		for (const entry of entries) this.#watch.set(entry.id, { kind: entry.kind, afterRead: 0 });
		const kinds = ids.map((id) => this.#watch.get(id)?.kind).filter((k) => k !== undefined);
		for (const id of ids) this.#watch.delete(id);
		return { ids, reread: partsChangedBy(kinds) };
	}
}
