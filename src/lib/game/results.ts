/**
 * The tournament results: one object, `tournament/results.json`, that every player reads with their own session
 * and only the tournament role writes — a role an organizer takes from her player session (role chaining). The
 * results are the leaderboard's top entries at the moment she publishes. Writes are conditional on the ETag.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import type { GameData } from './data';
import { getJsonIfListed, putJson, type Remote } from './s3-json';

export const RESULTS_KEY = 'tournament/results.json';
export const MAX_STANDINGS = 10;

const ResultsSchema = v.object({
	version: v.literal(1),
	title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60)),
	standings: v.pipe(
		v.array(
			v.object({
				name: v.pipe(v.string(), v.maxLength(32)),
				score: v.pipe(v.number(), v.integer(), v.minValue(0)),
			}),
		),
		v.maxLength(MAX_STANDINGS),
	),
	publishedBy: v.pipe(v.string(), v.maxLength(64)),
	publishedAt: v.string(),
});

export type TournamentResults = v.InferOutput<typeof ResultsSchema>;

export interface LoadedResults {
	results: TournamentResults;
	etag: string;
}

/** Results from leaderboard rows: the best `MAX_STANDINGS`, highest first. */
export function resultsFrom(
	rows: readonly { displayName: string; topScore: number }[],
	publishedBy: string,
	at: Date,
	title = 'Token Rush tournament',
): TournamentResults {
	const standings = [...rows]
		.sort((a, b) => b.topScore - a.topScore)
		.slice(0, MAX_STANDINGS)
		.map((row) => ({ name: row.displayName.slice(0, 32), score: row.topScore }));
	return v.parse(ResultsSchema, {
		version: 1,
		title,
		standings,
		publishedBy: publishedBy.slice(0, 64),
		publishedAt: at.toISOString(),
	});
}

export function parseResults(body: unknown): TournamentResults {
	const result = v.safeParse(ResultsSchema, body);
	if (!result.success) {
		const where = v.getDotPath(result.issues[0]) ?? 'the document';
		throw new AppError(
			'data-invalid',
			`The tournament results are not valid: ${where}: ${result.issues[0].message}`,
			{ title: 'The results could not be read', hint: 'An organizer can publish them again.' },
		);
	}
	return result.output;
}

/** Reads the published results (with the reader's own session); `null` when none are published. */
export async function loadResults(data: GameData): Promise<LoadedResults | null> {
	const stored = await getJsonIfListed(data, RESULTS_KEY);
	return stored === null ? null : { results: parseResults(stored.body), etag: stored.etag };
}

/**
 * Publishes `results` with the tournament role's session, on top of `expectedEtag` (`null`: first time).
 * Throws `ConflictError<LoadedResults>` when another organizer published meanwhile.
 */
export function publishResults(
	data: GameData,
	results: TournamentResults,
	expectedEtag: string | null,
): Promise<string> {
	return putJson<LoadedResults>(
		data,
		RESULTS_KEY,
		v.parse(ResultsSchema, results),
		expectedEtag,
		async (): Promise<Remote<LoadedResults>> => {
			const remote = await loadResults(data);
			return remote === null ? null : { value: remote, etag: remote.etag };
		},
	);
}
