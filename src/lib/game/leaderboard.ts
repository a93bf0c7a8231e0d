/**
 * The global leaderboard: a Query on `GameTitleIndex` (partition GameTitle, sort TopScore) that asks
 * only for the public attributes the role's Leaderboard statement allows (`dynamodb:Attributes`,
 * `dynamodb:Select = SPECIFIC_ATTRIBUTES`), so no answer ever carries another player's UserId (sub).
 */
import { marshall } from '../aws/dynamodb-json';
import type { GameData } from './data';
import { GAME_TITLE, items, type MyStats } from './scores';

/** Exactly the policy's public attributes (infra template, statement `Leaderboard`), minus the key. */
const LEADERBOARD_ATTRIBUTES = ['DisplayName', 'TopScore', 'TopScoreDateTime'] as const;
const LEADERBOARD_INDEX = 'GameTitleIndex';

export interface LeaderboardEntry {
	/** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
	rank: number;
	displayName: string;
	topScore: number;
	/** When the top score was set, ISO 8601. */
	at: string;
	/** The signed-in player's own row (see `markYou`). */
	you: boolean;
}

/** The top `limit` players, best first. */
export async function loadLeaderboard(data: GameData, limit = 10): Promise<LeaderboardEntry[]> {
	const answer = await data.dynamodb.call('Query', {
		TableName: data.table,
		IndexName: LEADERBOARD_INDEX,
		KeyConditionExpression: 'GameTitle = :g',
		ExpressionAttributeValues: marshall({ ':g': GAME_TITLE }),
		ProjectionExpression: LEADERBOARD_ATTRIBUTES.join(', '),
		Select: 'SPECIFIC_ATTRIBUTES',
		ScanIndexForward: false,
		Limit: limit,
	});
	return rankEntries(items(answer));
}

/** Ranks index items already sorted by TopScore, descending. */
export function rankEntries(items: Record<string, unknown>[]): LeaderboardEntry[] {
	const entries: LeaderboardEntry[] = [];
	items.forEach((item, i) => {
		const topScore = typeof item.TopScore === 'number' ? item.TopScore : 0;
		const previous = entries[i - 1];
		entries.push({
			rank: previous !== undefined && previous.topScore === topScore ? previous.rank : i + 1,
			displayName: typeof item.DisplayName === 'string' ? item.DisplayName : 'Anonymous',
			topScore,
			at: typeof item.TopScoreDateTime === 'string' ? item.TopScoreDateTime : '',
			you: false,
		});
	});
	return entries;
}

/**
 * Marks the player's own row by comparing with their own summary item (name, score and time), since the
 * index answer deliberately carries no UserId. At most one row is marked.
 */
export function markYou(entries: LeaderboardEntry[], mine: MyStats | null): LeaderboardEntry[] {
	let marked = false;
	return entries.map((entry) => {
		const you =
			!marked &&
			mine !== null &&
			entry.topScore === mine.topScore &&
			entry.at === mine.topScoreAt &&
			entry.displayName === mine.displayName;
		marked ||= you;
		return { ...entry, you };
	});
}
