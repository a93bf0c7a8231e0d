/**
 * The game's data layer: the chunk that brings lib/aws's S3 and DynamoDB calls (and the SDK's SigV4
 * signer), loaded once the player is signed in (layer-loader.ts retries it while offline). Everything in
 * here needs the network; queueing writes does not (outbox.ts).
 */
import type { PlayerIdentity } from '../config/data-layout';
import type { ReadPart } from './delivery';
import type { GameData } from './data';
import { loadLeaderboard, markYou, type LeaderboardEntry } from './leaderboard';
import { loadProfile, type LoadedProfile } from './profile';
import { listPlayerFiles, type PlayerFiles } from './player-files';
import type { SaveSummary } from './saves';
import { loadMyRuns, loadMyStats, type MyStats, type RunHistoryItem } from './scores';

export { createGameData } from './data';
export { markYou, loadProfile };
export { deleteSave, loadSave } from './saves';
export { resolveConflict } from './resolve';
export { createDelivery } from './send';
export { snapshotGuestProgress } from './carry';

/** What the screens show of the player's data, part by part. */
export interface PlayerData {
	profile: LoadedProfile | null;
	stats: MyStats | null;
	leaderboard: LeaderboardEntry[];
	runs: RunHistoryItem[];
	saves: SaveSummary[];
}

/** Every part, as read right after sign-in. */
export const ALL_PARTS: readonly ReadPart[] = ['profile', 'stats', 'leaderboard', 'runs', 'saves'];

/** Each part's read or why it failed. */
type PartsRead = { [K in ReadPart]?: { value: PlayerData[K] } | { error: unknown } };

type Reader<K extends ReadPart> = (
	data: GameData,
	player: PlayerIdentity,
	files: () => Promise<PlayerFiles>,
) => Promise<PlayerData[K]>;

/** Profile and saves come from one listing of the player's prefix; the profile is read only if listed. */
const READERS: { [K in ReadPart]: Reader<K> } = {
	profile: async (data, player, files) =>
		(await files()).profile ? loadProfile(data, player) : null,
	stats: (data, player) => loadMyStats(data, player),
	leaderboard: (data) => loadLeaderboard(data, 10),
	runs: (data, player) => loadMyRuns(data, player, 5),
	saves: async (_data, _player, files) => (await files()).saves,
};

/**
 * Reads `parts` of the player's data, every request in flight at once (one round trip's wait, not five;
 * the profile, when it exists, one more after the listing); a part that fails does not hold the others back.
 */
export async function readPlayerData(
	data: GameData,
	player: PlayerIdentity,
	parts: readonly ReadPart[],
): Promise<PartsRead> {
	let listing: Promise<PlayerFiles> | undefined;
	const files = () => (listing ??= listPlayerFiles(data, player));
	const settled = await Promise.allSettled(parts.map((part) => READERS[part](data, player, files)));
	const read: Record<string, { value: unknown } | { error: unknown }> = {};
	settled.forEach((result, i) => {
		read[parts[i]!] =
			result.status === 'fulfilled' ? { value: result.value } : { error: result.reason };
	});
	return read as PartsRead;
}
