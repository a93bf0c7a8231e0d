/**
 * Resolving a conflict (conflict.ts) with the player's choice: "keep mine" queues the player's version again
 * on top of what is stored now; "use theirs" takes what is stored now. Either way the caller then discards
 * the write that lost.
 */
import type { PlayerIdentity } from '../config/data-layout';
import type { OutboxKind } from '../vault/types';
import type { WriteConflict } from './conflict';
import type { GameData } from './data';
import type { PlayerOutbox } from './outbox';
import { loadProfile, type LoadedProfile } from './profile';
import { loadSave } from './saves';

export interface Resolved {
	/** The write queued for "keep mine". */
	queued: { id: string; kind: OutboxKind } | null;
	/** The profile to show now (a profile conflict only). */
	profile?: LoadedProfile | null;
}

export async function resolveConflict(
	conflict: WriteConflict,
	choice: 'mine' | 'theirs',
	on: { data: GameData; player: PlayerIdentity; queue: PlayerOutbox },
): Promise<Resolved> {
	const { data, player, queue } = on;
	if (conflict.file.kind === 'profile' && 'profile' in conflict.mine) {
		const remote = await loadProfile(data, player);
		if (choice === 'theirs') return { queued: null, profile: remote };
		const mine = conflict.mine.profile;
		const id = await queue.queueProfile(mine, remote?.etag ?? null);
		return {
			queued: { id, kind: 'profile' },
			profile: { profile: mine, etag: remote?.etag ?? '' },
		};
	}
	if (conflict.file.kind === 'save' && 'state' in conflict.mine && choice === 'mine') {
		const { slot } = conflict.file;
		const remote = await loadSave(data, player, slot);
		const id = await queue.queueSave(slot, conflict.mine.state, remote?.etag ?? null);
		return { queued: { id, kind: 'save' } };
	}
	return { queued: null };
}
