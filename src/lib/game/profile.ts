/** The player's profile: `players/<segment>/<sub>/profile.json` in S3, validated on every read. */
import * as v from 'valibot';
import { AppError } from '../errors';
import { playerPrefix, type PlayerIdentity } from '../config/data-layout';
import type { GameData } from './data';
import { getJson, putJson, type Remote } from './s3-json';

const ProfileSchema = v.object({
	version: v.literal(1),
	displayName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)),
	avatarColor: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3a7bd5')),
	preferences: v.object({
		reducedMotion: v.optional(v.boolean()),
		sound: v.optional(v.boolean()),
	}),
});

export type Profile = v.InferOutput<typeof ProfileSchema>;

/** A profile as read: with its ETag (for the next conditional write) and the id of the write that made it. */
export interface LoadedProfile {
	profile: Profile;
	etag: string;
	/** The outbox write id stored with the document; lets a replayed write see it already landed. */
	writeId?: string;
}

export function profileKey(player: PlayerIdentity): string {
	return `${playerPrefix(player)}profile.json`;
}

/** Validates a stored document; a corrupt one is a clear `data-invalid` error, never a crash later. */
export function parseStoredProfile(body: unknown, key: string): Omit<LoadedProfile, 'etag'> {
	const result = v.safeParse(ProfileSchema, body);
	if (!result.success) {
		const where = v.getDotPath(result.issues[0]) ?? 'the document';
		throw new AppError(
			'data-invalid',
			`The stored profile ${key} is not valid: ${where}: ${result.issues[0].message}`,
			{ title: 'Your profile could not be read', hint: 'Save your profile again to replace it.' },
		);
	}
	const writeId = (body as { writeId?: unknown }).writeId;
	return { profile: result.output, ...(typeof writeId === 'string' ? { writeId } : {}) };
}

/** Reads the profile; `null` when the player has none yet. */
export async function loadProfile(
	data: GameData,
	player: PlayerIdentity,
): Promise<LoadedProfile | null> {
	const key = profileKey(player);
	const stored = await getJson(data, key);
	return stored === null ? null : { ...parseStoredProfile(stored.body, key), etag: stored.etag };
}

/**
 * Saves the profile on top of `expectedEtag` (`null`: create). Returns the new ETag; throws
 * `ConflictError<LoadedProfile>` with the current remote version when someone else wrote first.
 */
export async function saveProfile(
	data: GameData,
	player: PlayerIdentity,
	profile: Profile,
	expectedEtag: string | null,
	writeId?: string,
): Promise<string> {
	const valid = v.parse(ProfileSchema, profile);
	return putJson<LoadedProfile>(
		data,
		profileKey(player),
		writeId === undefined ? valid : { ...valid, writeId },
		expectedEtag,
		async (): Promise<Remote<LoadedProfile>> => {
			const remote = await loadProfile(data, player);
			return remote === null ? null : { value: remote, etag: remote.etag };
		},
	);
}
