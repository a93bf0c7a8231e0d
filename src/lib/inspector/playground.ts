import { currentUser } from '../auth/sign-in';
import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import { roleSessionName } from '../federation/session-name';
import { assumeRoleWithWebIdentity, type AssumedRole } from '../federation/sts';
import type { GameData } from '../game/clients';
import { loadLeaderboard } from '../game/leaderboard';
import { loadProfile } from '../game/profile';
import { loadMyStats, recordRun } from '../game/scores';
import type { CallLog, CallLogEntry } from './call-log';
import { explainAwsError } from './explain-error';
import type { AwsErrorExplanation } from './types';

/**
 * The session-policy playground: re-assume the role with a scope-down policy, then run the game's own
 * calls with those credentials and report which became denied.
 */

/** Re-assumes the player's role with `policy` as the session policy, with the ID token still held. */
export async function reassumeWithPolicy(input: {
	config: RuntimeConfig;
	provider: ProviderConfig;
	baseUrl: string;
	policy: string | null;
}): Promise<AssumedRole> {
	const user = await currentUser(input.provider, input.baseUrl);
	if (!user?.id_token) {
		throw new AppError('session-expired', 'The ID token has expired: sign in again to re-assume.');
	}
	return assumeRoleWithWebIdentity({
		config: input.config,
		provider: input.provider,
		idToken: user.id_token,
		sessionName: roleSessionName(user.profile),
		...(input.policy ? { policy: input.policy } : {}),
	});
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
	run: (data: GameData, sub: string) => Promise<unknown>;
}

/** The app's own reads and writes, through src/lib/game: what a player's session must be able to do. */
export const GAME_CALLS: readonly GameCall[] = [
	{ name: 'Read your profile (S3 GetObject)', run: (data, sub) => loadProfile(data, sub) },
	{ name: 'Read your stats (DynamoDB GetItem)', run: (data, sub) => loadMyStats(data, sub) },
	{
		name: 'Record a run (DynamoDB TransactWriteItems)',
		run: (data, sub) =>
			recordRun(data, {
				sub,
				runId: crypto.randomUUID(),
				score: 1,
				playedAt: new Date().toISOString(),
				durationMs: 1000,
				displayName: 'Inspector',
				won: false,
			}),
	},
	{
		name: 'Read the leaderboard (DynamoDB Query on GameTitleIndex)',
		run: (data) => loadLeaderboard(data),
	},
];

/** Runs each call in turn, never throwing: each result says allowed or denied and why. */
export async function runCalls(
	calls: readonly GameCall[],
	data: GameData,
	sub: string,
	log: CallLog,
): Promise<GameCallResult[]> {
	const results: GameCallResult[] = [];
	for (const call of calls) {
		const before = new Set(log.entries().map((e) => e.id));
		let error: AwsErrorExplanation | null = null;
		try {
			await call.run(data, sub);
		} catch (thrown) {
			error = explainAwsError(thrown);
		}
		const entries = log.entries().filter((e) => !before.has(e.id));
		results.push({ name: call.name, ok: error === null, error, entries });
	}
	return results;
}

/** Someone else's sub: `bob`, or `alice` when you are bob. */
export function otherPlayer(sub: string): string {
	return sub === 'bob' ? 'alice' : 'bob';
}

/** Demo denials: the same game functions, pointed at another player's data. */
export const DENIED_DEMOS: readonly GameCall[] = [
	{
		name: "Read another player's profile (S3)",
		run: (data, sub) => loadProfile(data, otherPlayer(sub)),
	},
	{
		name: "Read another player's stats (DynamoDB)",
		run: (data, sub) => loadMyStats(data, otherPlayer(sub)),
	},
];
