/**
 * "Can this session do what the game needs?": the game's three kinds of call, each tried once with the
 * given clients (the inspector's playground passes clients signed with scoped-down credentials). Nothing
 * the player owns is changed: the score write is a conditional UpdateItem that can never match, so an
 * allowed call ends in ConditionalCheckFailedException after IAM said yes, and a denied one in
 * AccessDeniedException before.
 */
import { marshall } from '../aws/dynamodb-json';
import { playerPartition, type PlayerIdentity } from '../config/data-layout';
import type { GameData } from '../game/data';
import { loadLeaderboard } from '../game/leaderboard';
import { loadProfile } from '../game/profile';
import { GAME_TITLE } from '../game/scores';
import { explainAwsError } from './explain-error';
import type { AwsErrorExplanation } from './types';

interface ProbeOutcome {
	/** What the game does, in words. */
	name: string;
	/** The IAM action AWS authorizes for it. */
	action: string;
	ok: boolean;
	/** Why not, when `ok` is false. */
	error: AwsErrorExplanation | null;
	ms: number;
}

interface ProbeCall {
	name: string;
	action: string;
	run: (data: GameData, player: PlayerIdentity) => Promise<unknown>;
	/** An error that still proves the call was authorized. */
	allowedError?: string;
}

/** A score write that changes nothing: the condition is false for every item, existing or not. */
async function dryRunScoreWrite(data: GameData, player: PlayerIdentity): Promise<void> {
	await data.dynamodb.call('UpdateItem', {
		TableName: data.table,
		Key: marshall({ UserId: playerPartition(player), GameTitle: GAME_TITLE }),
		UpdateExpression: 'SET TopScore = TopScore',
		ConditionExpression: 'attribute_exists(UserId) AND attribute_not_exists(UserId)',
	});
}

const PROBE_CALLS: readonly ProbeCall[] = [
	{
		name: 'Read your profile (S3 GetObject)',
		action: 's3:GetObject',
		run: (data, player) => loadProfile(data, player),
	},
	{
		name: 'Write a score (DynamoDB UpdateItem, dry run)',
		action: 'dynamodb:UpdateItem',
		run: dryRunScoreWrite,
		allowedError: 'ConditionalCheckFailedException',
	},
	{
		name: 'Read the leaderboard (DynamoDB Query on GameTitleIndex)',
		action: 'dynamodb:Query',
		run: (data) => loadLeaderboard(data, 1),
	},
];

/** Tries each of the game's calls in turn and says, for each, allowed or denied and why. Never throws. */
export async function runGameCallsProbe(
	data: GameData,
	player: PlayerIdentity,
): Promise<ProbeOutcome[]> {
	const outcomes: ProbeOutcome[] = [];
	for (const call of PROBE_CALLS) {
		const started = performance.now();
		let error: AwsErrorExplanation | null = null;
		try {
			await call.run(data, player);
		} catch (thrown) {
			const name = (thrown as { name?: unknown } | null)?.name;
			if (call.allowedError === undefined || name !== call.allowedError) {
				error = explainAwsError(thrown);
			}
		}
		const ms = performance.now() - started;
		outcomes.push({ name: call.name, action: call.action, ok: error === null, error, ms });
	}
	return outcomes;
}
