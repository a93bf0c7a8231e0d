/**
 * Scores in DynamoDB `GameScores` (AWS's documented model): partition key `UserId` (`<segment>/<sub>`,
 * data-layout.ts), sort key `GameTitle`. One summary item per player (`GameTitle: 'TokenRush'`, the only kind with
 * `TopScore`, so the only kind in `GameTitleIndex`) and one history item per run in the same partition,
 * which the role's `dynamodb:LeadingKeys` condition allows.
 */
import { marshall, unmarshall, type AttributeMap } from '../aws/dynamodb-json';
import { playerPartition, type PlayerIdentity } from '../config/data-layout';
import type { GameData } from './data';

export const GAME_TITLE = 'TokenRush';
const RUN_PREFIX = `${GAME_TITLE}#run#`;

/** One finished run, as the game reports it. `runId` is a client UUID: the write's idempotency key. */
export interface RunRecord {
	runId: string;
	score: number;
	/** ISO 8601. */
	playedAt: string;
	durationMs: number;
	displayName: string;
	won: boolean;
}

export interface MyStats {
	topScore: number | null;
	topScoreAt: string | null;
	wins: number;
	losses: number;
	runs: number;
	displayName: string | null;
}

export interface RunHistoryItem {
	runId: string;
	score: number;
	playedAt: string;
	durationMs: number;
	won: boolean | null;
}

interface RecordRunResult {
	/** False when this run had already been recorded (a replay): nothing was counted twice. */
	counted: boolean;
	/** True when this run raised the player's TopScore. */
	newTopScore: boolean;
}

function runSortKey(playedAt: string, runId: string): string {
	return `${RUN_PREFIX}${playedAt}#${runId}`;
}

/**
 * Records a run exactly once in effect, however often it is replayed: (a) one transaction puts the run
 * item (only if absent) and counts it in the summary — a replay fails the condition and changes nothing;
 * (b) a conditional update raises TopScore only if the new score is higher, so TopScore only goes up,
 * even with two tabs racing or an old run arriving late.
 */
export async function recordRun(
	data: GameData,
	player: PlayerIdentity,
	run: RunRecord,
): Promise<RecordRunResult> {
	const userId = playerPartition(player);
	const summaryKey = { UserId: userId, GameTitle: GAME_TITLE };
	let counted = true;
	try {
		await data.dynamodb.call('TransactWriteItems', {
			TransactItems: [
				{
					Put: {
						TableName: data.table,
						Item: marshall({
							UserId: userId,
							GameTitle: runSortKey(run.playedAt, run.runId),
							RunId: run.runId,
							Score: run.score,
							PlayedAt: run.playedAt,
							DurationMs: run.durationMs,
							Won: run.won,
						}),
						ConditionExpression: 'attribute_not_exists(GameTitle)',
					},
				},
				{
					Update: {
						TableName: data.table,
						Key: marshall(summaryKey),
						UpdateExpression: `ADD Runs :one, ${run.won ? 'Wins' : 'Losses'} :one SET DisplayName = :n`,
						ExpressionAttributeValues: marshall({ ':one': 1, ':n': run.displayName }),
					},
				},
			],
		});
	} catch (error) {
		if (!isRunAlreadyRecorded(error)) throw error;
		counted = false;
	}
	return {
		counted,
		newTopScore: await raiseTopScore(data, summaryKey, run, player.guest === true),
	};
}

/** TransactionCanceledException whose first item (the run's Put) failed its condition. */
function isRunAlreadyRecorded(error: unknown): boolean {
	const e = error as { name?: unknown; CancellationReasons?: { Code?: string }[] } | null;
	return (
		e?.name === 'TransactionCanceledException' &&
		e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
	);
}

/**
 * A guest (Cognito unauthenticated identity) raises `GuestTopScore` instead: its role may not write
 * `TopScore`, so no guest item enters GameTitleIndex, the leaderboard, until the guest signs in.
 */
async function raiseTopScore(
	data: GameData,
	summaryKey: { UserId: string; GameTitle: string },
	run: RunRecord,
	guest: boolean,
): Promise<boolean> {
	const top = guest ? 'GuestTopScore' : 'TopScore';
	try {
		await data.dynamodb.call('UpdateItem', {
			TableName: data.table,
			Key: marshall(summaryKey),
			UpdateExpression: `SET ${top} = :s, ${top}DateTime = :t, DisplayName = :n`,
			ConditionExpression: `attribute_not_exists(${top}) OR ${top} < :s`,
			ExpressionAttributeValues: marshall({
				':s': run.score,
				':t': run.playedAt,
				':n': run.displayName,
			}),
		});
		return true;
	} catch (error) {
		// Not a new best: exactly what the condition is for.
		if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return false;
		throw error;
	}
}

/** The player's summary item; `null` before the first run. */
export async function loadMyStats(data: GameData, player: PlayerIdentity): Promise<MyStats | null> {
	const answer = await data.dynamodb.call('GetItem', {
		TableName: data.table,
		Key: marshall({ UserId: playerPartition(player), GameTitle: GAME_TITLE }),
		ConsistentRead: true,
	});
	if (answer.Item === undefined) return null;
	const item = unmarshall(answer.Item as AttributeMap);
	// A guest's best is GuestTopScore; once signed in (linked) the higher of the two is the player's.
	const guestBest = typeof item.GuestTopScore === 'number' ? item.GuestTopScore : null;
	const best = typeof item.TopScore === 'number' ? item.TopScore : null;
	const guestWins = guestBest !== null && (best === null || guestBest > best);
	const at = guestWins ? item.GuestTopScoreDateTime : item.TopScoreDateTime;
	return {
		topScore: guestWins ? guestBest : best,
		topScoreAt: typeof at === 'string' ? at : null,
		wins: numberOr0(item.Wins),
		losses: numberOr0(item.Losses),
		runs: numberOr0(item.Runs),
		displayName: typeof item.DisplayName === 'string' ? item.DisplayName : null,
	};
}

/** The player's latest runs, newest first (a Query on their own partition only). */
export async function loadMyRuns(
	data: GameData,
	player: PlayerIdentity,
	limit = 20,
): Promise<RunHistoryItem[]> {
	const answer = await data.dynamodb.call('Query', {
		TableName: data.table,
		KeyConditionExpression: 'UserId = :u AND begins_with(GameTitle, :p)',
		ExpressionAttributeValues: marshall({ ':u': playerPartition(player), ':p': RUN_PREFIX }),
		ScanIndexForward: false,
		Limit: limit,
	});
	return items(answer).map((item) => ({
		runId: String(item.RunId),
		score: numberOr0(item.Score),
		playedAt: String(item.PlayedAt),
		durationMs: numberOr0(item.DurationMs),
		won: typeof item.Won === 'boolean' ? item.Won : null,
	}));
}

/** A Query answer's items as plain objects. */
export function items(answer: Record<string, unknown>): Record<string, unknown>[] {
	return ((answer.Items ?? []) as AttributeMap[]).map(unmarshall);
}

function numberOr0(value: unknown): number {
	return typeof value === 'number' ? value : 0;
}
