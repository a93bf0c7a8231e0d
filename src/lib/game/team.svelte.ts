/**
 * The team board and the tournament results as the screens see them. The team is the session's `team` tag
 * (from the ID token), so a path whose tokens carry no session tags (an OAuth 2.0 access token, Amazon
 * Cognito) has no team features, and says so. Reading and posting use the player's own session; publishing
 * the results uses the tournament role, a chained session lib/session takes for an organizer.
 */
import { describeAwsError } from '../aws/errors';
import { isAppError } from '../errors';
import type { GameAccess, GameData } from './data';
import { loadWhenOnline, type LoaderDeps, type Loading } from './layer-loader';
import type { LoadedResults } from './results';
import { isConflictError } from './s3-json';
import { checkedTeam, checkPost, type LoadedBoard } from './team-board';

type Layer = typeof import('./team-layer');

export type TeamAvailability =
	/** Not started (nobody signed in). */
	| 'idle'
	/** The sign-in path carries no session tags at all. */
	| 'no-tags-on-this-path'
	/** Tags are possible but this session has no usable team tag. */
	| 'no-team'
	| 'ready';

export interface TeamStart {
	/** Whether the credential source's tokens can carry session tags (`CredentialSource.supportsSessionTags`). */
	supportsSessionTags: boolean;
	/** The session's tags (key → value); null when it has none. */
	tags: Record<string, string> | null;
	/** The player's name, shown with their posts. */
	name: string;
	/** Whether this player may take the tournament role (tag role=organizer, and a role configured). */
	organizer: boolean;
	/** The player's own session. */
	access: GameAccess;
	/** Tests: a ready layer. */
	layer?: Layer;
	/** Tests: the loader's timers and "online" events. */
	loader?: LoaderDeps;
}

const tagValue = (tags: Record<string, string> | null, key: string): string | null => {
	const found = Object.keys(tags ?? {}).find((k) => k.toLowerCase() === key);
	return found === undefined ? null : (tags?.[found] ?? null);
};

class TeamPlay {
	#availability = $state.raw<TeamAvailability>('idle');
	#team = $state.raw<string | null>(null);
	#teamProblem = $state.raw<string | null>(null);
	#board = $state.raw<LoadedBoard | null>(null);
	#boardError = $state.raw<string | null>(null);
	#posting = $state.raw(false);
	#postError = $state.raw<string | null>(null);
	#results = $state.raw<LoadedResults | null>(null);
	#resultsError = $state.raw<string | null>(null);
	#resultsLoaded = $state.raw(false);
	#organizer = $state.raw(false);
	#publishing = $state.raw(false);
	#publishError = $state.raw<string | null>(null);
	#publishNote = $state.raw<string | null>(null);

	#epoch = 0;
	#name = '';
	#access: GameAccess | null = null;
	/** The SDK chunk, loaded whenever the network allows (like the game's data layer). */
	#layer: Loading<Layer> | null = null;
	#data: GameData | null = null;

	get availability() {
		return this.#availability;
	}
	get team() {
		return this.#team;
	}
	/** Why the session's team tag cannot be used (a `/` in it, say), in words for the player. */
	get teamProblem() {
		return this.#teamProblem;
	}
	get board() {
		return this.#board?.board ?? null;
	}
	get boardError() {
		return this.#boardError;
	}
	get posting() {
		return this.#posting;
	}
	get postError() {
		return this.#postError;
	}
	get results() {
		return this.#results?.results ?? null;
	}
	get resultsLoaded() {
		return this.#resultsLoaded;
	}
	get resultsError() {
		return this.#resultsError;
	}
	get organizer() {
		return this.#organizer;
	}
	get publishing() {
		return this.#publishing;
	}
	get publishError() {
		return this.#publishError;
	}
	get publishNote() {
		return this.#publishNote;
	}

	/** After sign-in: the team from the session's tags, then the board and the results read. */
	async start(start: TeamStart): Promise<void> {
		this.reset();
		const epoch = this.#epoch;
		this.#name = start.name;
		this.#access = start.access;
		this.#organizer = start.organizer;
		const ready = start.layer;
		this.#layer = loadWhenOnline(
			ready ? () => Promise.resolve(ready) : () => import('./team-layer'),
			start.loader,
		);
		if (!start.supportsSessionTags) this.#availability = 'no-tags-on-this-path';
		else {
			try {
				this.#team = checkedTeam(tagValue(start.tags, 'team'));
				this.#availability = 'ready';
			} catch (error) {
				this.#availability = 'no-team';
				// checkedTeam's own AppError: its message, no AWS words to fetch.
				this.#teamProblem = isAppError(error) ? error.message : String(error);
			}
		}
		if (epoch !== this.#epoch) return;
		await Promise.all([
			this.#availability === 'ready' ? this.refreshBoard() : null,
			this.refreshResults(),
		]);
	}

	reset(): void {
		this.#epoch++;
		this.#data?.destroy();
		this.#data = null;
		this.#access = null;
		this.#layer?.stop();
		this.#layer = null;
		this.#availability = 'idle';
		this.#team = null;
		this.#teamProblem = null;
		this.#board = null;
		this.#boardError = null;
		this.#posting = false;
		this.#postError = null;
		this.#results = null;
		this.#resultsError = null;
		this.#resultsLoaded = false;
		this.#organizer = false;
		this.#publishing = false;
		this.#publishError = null;
		this.#publishNote = null;
	}

	async #connected(): Promise<{ layer: Layer; data: GameData }> {
		if (!this.#layer || !this.#access) throw new Error('Nobody is signed in.');
		const layer = await this.#layer.loaded;
		this.#data ??= layer.createGameData(this.#access);
		return { layer, data: this.#data };
	}

	async refreshBoard(): Promise<void> {
		const team = this.#team;
		if (team === null) return;
		const epoch = this.#epoch;
		try {
			const { layer, data } = await this.#connected();
			const board = await layer.loadTeamBoard(data, team);
			if (epoch !== this.#epoch) return;
			this.#board = board;
			this.#boardError = null;
		} catch (error) {
			const problem = await describeAwsError(error);
			if (epoch === this.#epoch) this.#boardError = problem;
		}
	}

	/**
	 * Posts a message and/or a score to the team board. Returns true when stored; on failure the player's
	 * words stay where they typed them and the error says why.
	 */
	async post(input: { message?: string; score?: number }): Promise<boolean> {
		const team = this.#team;
		this.#postError = null;
		const problem = checkPost(input);
		if (problem) {
			this.#postError = problem;
			return false;
		}
		if (team === null) {
			this.#postError = this.#teamProblem ?? 'You have no team board.';
			return false;
		}
		const epoch = this.#epoch;
		this.#posting = true;
		try {
			const { layer, data } = await this.#connected();
			const stored = await layer.postToTeamBoard(
				data,
				team,
				{
					by: this.#name,
					at: new Date().toISOString(),
					writeId: crypto.randomUUID(),
					...(input.message?.trim() ? { message: input.message.trim() } : {}),
					...(input.score === undefined ? {} : { score: input.score }),
				},
				this.#board,
			);
			if (epoch !== this.#epoch) return false;
			this.#board = stored;
			return true;
		} catch (error) {
			const problem = isConflictError(error)
				? 'Your teammates kept changing the board at the same moment; your post was not lost: try again.'
				: await describeAwsError(error);
			if (epoch === this.#epoch) this.#postError = problem;
			return false;
		} finally {
			if (epoch === this.#epoch) this.#posting = false;
		}
	}

	/** Reads the published results with the player's own session. */
	async refreshResults(): Promise<void> {
		const epoch = this.#epoch;
		try {
			const { layer, data } = await this.#connected();
			const results = await layer.loadResults(data);
			if (epoch !== this.#epoch) return;
			this.#results = results;
			this.#resultsError = null;
		} catch (error) {
			const problem = await describeAwsError(error);
			if (epoch === this.#epoch) this.#resultsError = problem;
		} finally {
			if (epoch === this.#epoch) this.#resultsLoaded = true;
		}
	}

	/**
	 * Publishes the standings with the tournament role (`tournament`: the chained session's access, taken by
	 * lib/session), on top of the results last read; another organizer's newer results are replaced on
	 * purpose (they are read again first, so nothing is overwritten blind).
	 */
	async publish(
		tournament: () => Promise<GameAccess>,
		rows: readonly { displayName: string; topScore: number }[],
	): Promise<boolean> {
		const epoch = this.#epoch;
		this.#publishError = null;
		this.#publishNote = null;
		if (rows.length === 0) {
			this.#publishError = 'There are no scores on the leaderboard to publish yet.';
			return false;
		}
		this.#publishing = true;
		let data: GameData | null = null;
		try {
			const { layer } = await this.#connected();
			const access = await tournament();
			data = layer.createGameData(access);
			const results = layer.resultsFrom(rows, this.#name, new Date());
			let etag = this.#results?.etag ?? null;
			try {
				etag = await layer.publishResults(data, results, etag);
			} catch (error) {
				if (!isConflictError(error)) throw error;
				etag = await layer.publishResults(data, results, error.remote?.etag ?? null);
			}
			if (epoch !== this.#epoch) return false;
			this.#results = { results, etag };
			this.#publishNote =
				'Published with the tournament role (a chained session); every player reads them with their own.';
			return true;
		} catch (error) {
			const problem = await describeAwsError(error);
			if (epoch === this.#epoch) this.#publishError = problem;
			return false;
		} finally {
			data?.destroy();
			if (epoch === this.#epoch) this.#publishing = false;
		}
	}
}

/** The page's one team state. */
export const teamPlay = new TeamPlay();
