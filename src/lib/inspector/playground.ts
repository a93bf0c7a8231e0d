import type { CallLog, CallLogEntry } from '../aws/call-log';
import type { PlayerIdentity } from '../config/data-layout';
import { AppError } from '../errors';
import { activeSource } from '../federation/runtime';
import type { CredentialRecord } from '../federation/source';
import type { GameData } from '../game/data';
import { loadProfile } from '../game/profile';
import { loadMyStats } from '../game/scores';
import { explainAwsError } from './explain-error';
import { runGameCallsProbe } from './game-probe';
import type { AwsErrorExplanation } from './types';

/**
 * The session-policy playground: re-assume the role with a scope-down policy, then run the game's own
 * calls with those credentials and report which became denied.
 */

/**
 * New credentials from the player's own credential source with `policy` as the session policy. They only
 * sign the playground's calls: nothing stores them, and the player's session goes on with its own.
 */
export async function reassumeWithPolicy(policy: string | null): Promise<CredentialRecord> {
	const source = activeSource();
	if (!source) throw new AppError('credentials-expired', 'Sign in to re-assume the role.');
	return source.obtain(null, policy ? { policy } : {});
}

export interface GameCallResult {
	name: string;
	ok: boolean;
	error: AwsErrorExplanation | null;
	/** The logged calls this game function made (newest last). */
	entries: CallLogEntry[];
}

interface GameCall {
	name: string;
	run: (data: GameData, player: PlayerIdentity) => Promise<unknown>;
}

/** Runs each call in turn, never throwing: each result says allowed or denied and why. */
export async function runCalls(
	calls: readonly GameCall[],
	data: GameData,
	player: PlayerIdentity,
	log: CallLog,
): Promise<GameCallResult[]> {
	const results: GameCallResult[] = [];
	for (const call of calls) {
		const before = new Set(log.entries().map((e) => e.id));
		let error: AwsErrorExplanation | null = null;
		try {
			await call.run(data, player);
		} catch (thrown) {
			error = explainAwsError(thrown);
		}
		const entries = log.entries().filter((e) => !before.has(e.id));
		results.push({ name: call.name, ok: error === null, error, entries });
	}
	return results;
}

/** Someone else at your provider: `bob`, or `alice` when you are bob (same segment, another sub). */
function otherPlayer(player: PlayerIdentity): PlayerIdentity {
	return { segment: player.segment, id: player.id === 'bob' ? 'alice' : 'bob' };
}

/** Demo denials: the same game functions, pointed at another player's data. */
export const DENIED_DEMOS: readonly GameCall[] = [
	{
		name: "Read another player's profile (S3)",
		run: (data, player) => loadProfile(data, otherPlayer(player)),
	},
	{
		name: "Read another player's stats (DynamoDB)",
		run: (data, player) => loadMyStats(data, otherPlayer(player)),
	},
];

/** The operation a probed IAM action is logged under (`dynamodb:UpdateItem` → `UpdateItem`). */
const operationOf = (action: string) => action.split(':')[1] ?? action;

/**
 * The game's own calls (game-probe.ts: profile read, a dry-run score write, the leaderboard) with
 * `data`'s credentials; each result carries the logged calls it made, for the denial explanation.
 */
export async function probeGameCalls(
	data: GameData,
	player: PlayerIdentity,
	log: CallLog,
): Promise<GameCallResult[]> {
	const before = new Set(log.entries().map((e) => e.id));
	const outcomes = await runGameCallsProbe(data, player);
	const made = log.entries().filter((e) => !before.has(e.id));
	return outcomes.map((outcome) => ({
		name: outcome.name,
		ok: outcome.ok,
		error: outcome.error,
		entries: made.filter((e) => e.operation === operationOf(outcome.action)),
	}));
}
