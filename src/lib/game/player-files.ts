/**
 * Which of the player's files exist, from one ListObjectsV2 of their own prefix (the role allows s3:ListBucket
 * only with `s3:prefix` under it). A new player has none: nothing is read, so no request fails.
 */
import { playerPrefix, type PlayerIdentity } from '../config/data-layout';
import type { GameData } from './data';
import { profileKey } from './profile';
import { listKeys } from './s3-json';
import { savesFromListing, type SaveSummary } from './saves';

export interface PlayerFiles {
	/** Whether `profile.json` exists: only then is it read. */
	profile: boolean;
	/** The filled save slots, as listed (no read needed). */
	saves: SaveSummary[];
}

export async function listPlayerFiles(
	data: GameData,
	player: PlayerIdentity,
): Promise<PlayerFiles> {
	const objects = await listKeys(data, playerPrefix(player));
	const profile = profileKey(player);
	return {
		profile: objects.some((object) => object.key === profile),
		saves: savesFromListing(objects, player),
	};
}
