/**
 * The team board: one small JSON object per team, `teams/<team>/board.json` in S3, holding the team's best
 * score and a short message. Teammates read and write it; nobody else can, by the role's policy on
 * `${aws:PrincipalTag/team}` alone — the team is the session tag from the ID token, never something the app
 * chooses. Writes are conditional on the ETag (like the profile and saves); as the board is shared, a lost
 * race is merged (the best score is a maximum, the message the newest post's) and written again, and a write
 * carries its id so a replay that already landed is recognised.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import type { GameData } from './data';
import { getJsonIfListed, isConflictError, putJson, type Remote } from './s3-json';

export const MESSAGE_MAX = 140;
const NAME_MAX = 32;

/** Characters a tag value may hold (STS's model), less `/`: the layout's rule for names in a key. */
const TEAM_VALUE = /^[\p{L}\p{Z}\p{N}_.:=+\-@]{1,256}$/u;

const BestSchema = v.object({
	score: v.pipe(v.number(), v.integer(), v.minValue(0)),
	by: v.pipe(v.string(), v.maxLength(NAME_MAX)),
	at: v.string(),
});

const BoardSchema = v.object({
	version: v.literal(1),
	team: v.string(),
	best: v.nullable(BestSchema),
	message: v.nullable(
		v.object({
			text: v.pipe(v.string(), v.maxLength(MESSAGE_MAX)),
			by: v.pipe(v.string(), v.maxLength(NAME_MAX)),
			at: v.string(),
		}),
	),
	writeId: v.optional(v.string()),
});

export type TeamBoard = v.InferOutput<typeof BoardSchema>;

export interface LoadedBoard {
	board: TeamBoard;
	etag: string;
}

/** What a teammate posts: a score (kept if it beats the board's best), a message, or both. */
export interface BoardPost {
	by: string;
	score?: number;
	message?: string;
	/** ISO 8601. */
	at: string;
	/** The write's id: a replay that already landed is recognised by it. */
	writeId: string;
}

/**
 * The team a session's `team` tag names, checked against the data layout: a value with `/` (or nothing, or a
 * value no tag could hold) would name another folder, so it is refused with a clear message.
 */
export function checkedTeam(value: string | null): string {
	if (value === null || value === '') {
		throw new AppError(
			'data-invalid',
			'Your session carries no team tag, so there is no team board for you.',
			{ title: 'No team', hint: 'Team tags come from your identity provider.' },
		);
	}
	if (value.includes('/')) {
		throw new AppError(
			'data-invalid',
			`Your team tag "${value.slice(0, 40)}" contains "/", which would name a folder inside another team's; the team board refuses it.`,
			{
				title: 'This team name cannot be used',
				hint: 'Whoever runs the identity provider: use a team name without "/". The role’s trust policy refuses such a tag too.',
			},
		);
	}
	if (!TEAM_VALUE.test(value)) {
		throw new AppError(
			'data-invalid',
			`Your team tag "${value.slice(0, 40)}" is not a tag value AWS accepts (1–256 letters, digits, spaces and _ . : = + - @).`,
			{ title: 'This team name cannot be used', hint: 'Use a simpler team name.' },
		);
	}
	return value;
}

/** `teams/<team>/board.json`. */
export function teamBoardKey(team: string): string {
	return `teams/${checkedTeam(team)}/board.json`;
}

/** Checks what a player typed before anything is sent: a clear message for each problem. */
export function checkPost(post: Pick<BoardPost, 'score' | 'message'>): string | null {
	if (post.score === undefined && (post.message === undefined || post.message.trim() === '')) {
		return 'Write a message or share a score.';
	}
	if (post.message !== undefined && post.message.trim().length > MESSAGE_MAX) {
		return `Keep the message to ${MESSAGE_MAX} characters (it has ${post.message.trim().length}).`;
	}
	if (post.score !== undefined && (!Number.isInteger(post.score) || post.score < 0)) {
		return 'A score is a whole number of at least 0.';
	}
	return null;
}

/** `board` with `post` applied: the best score is the higher one, the message the newest post's. */
export function applyPost(board: TeamBoard | null, team: string, post: BoardPost): TeamBoard {
	const base: TeamBoard = board ?? { version: 1, team, best: null, message: null };
	const by = post.by.slice(0, NAME_MAX);
	const beats = post.score !== undefined && (base.best === null || post.score > base.best.score);
	const text = post.message?.trim();
	return {
		version: 1,
		team,
		best: beats ? { score: post.score!, by, at: post.at } : base.best,
		message: text ? { text, by, at: post.at } : base.message,
		writeId: post.writeId,
	};
}

/** A stored board, validated; a corrupt one is a clear `data-invalid` error. */
export function parseBoard(body: unknown, key: string): TeamBoard {
	const result = v.safeParse(BoardSchema, body);
	if (!result.success) {
		const where = v.getDotPath(result.issues[0]) ?? 'the document';
		throw new AppError(
			'data-invalid',
			`The team board ${key} is not valid: ${where}: ${result.issues[0].message}`,
			{ title: 'The team board could not be read', hint: 'Post to the board to replace it.' },
		);
	}
	return result.output;
}

/** Reads the team's board; `null` when nobody has posted yet. */
export async function loadTeamBoard(data: GameData, team: string): Promise<LoadedBoard | null> {
	const key = teamBoardKey(team);
	const stored = await getJsonIfListed(data, key);
	return stored === null ? null : { board: parseBoard(stored.body, key), etag: stored.etag };
}

/** How many times a lost race is merged and written again before the player is told. */
const MERGE_ATTEMPTS = 3;

/**
 * Posts to the team's board on top of `base` (what the player saw; `null`: nothing yet): a conditional write,
 * and on a lost race the other writer's board merged with this post and written again. Returns what is stored.
 */
export async function postToTeamBoard(
	data: GameData,
	team: string,
	post: BoardPost,
	base: LoadedBoard | null,
): Promise<LoadedBoard> {
	const key = teamBoardKey(team);
	let current = base;
	for (let attempt = 1; ; attempt++) {
		const board = applyPost(current?.board ?? null, team, post);
		try {
			const etag = await putJson<LoadedBoard>(
				data,
				key,
				board,
				current?.etag ?? null,
				async (): Promise<Remote<LoadedBoard>> => {
					const remote = await loadTeamBoard(data, team);
					return remote === null ? null : { value: remote, etag: remote.etag };
				},
			);
			return { board, etag };
		} catch (error) {
			if (!isConflictError(error)) throw error;
			const remote = (error.remote?.value as LoadedBoard | undefined) ?? null;
			// An earlier attempt landed although its answer was lost.
			if (remote?.board.writeId === post.writeId) return remote;
			if (attempt >= MERGE_ATTEMPTS) throw error;
			current = remote;
		}
	}
}
