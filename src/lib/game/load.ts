/** What the app shows right after sign-in, read in parallel: one round trip's wait, not three. */
import type { PlayerIdentity } from '../config/data-layout';
import type { GameData } from './clients';
import { loadLeaderboard, markYou, type LeaderboardEntry } from './leaderboard';
import { loadProfile, type LoadedProfile } from './profile';
import { loadMyStats, type MyStats } from './scores';

export interface PlayerData {
	profile: LoadedProfile | null;
	stats: MyStats | null;
	/** The top 10, the player's own row marked. */
	leaderboard: LeaderboardEntry[];
}

/** Profile (S3), own stats and the leaderboard (DynamoDB), all three requests in flight at once. */
export async function loadPlayerData(data: GameData, player: PlayerIdentity): Promise<PlayerData> {
	const [profile, stats, board] = await Promise.all([
		loadProfile(data, player),
		loadMyStats(data, player),
		loadLeaderboard(data, 10),
	]);
	return { profile, stats, leaderboard: markYou(board, stats) };
}
