/** Save slots: `players/<segment>/<sub>/saves/slot-<1..3>.json` in S3, written like the profile. */
import * as v from 'valibot';
import { AppError } from '../errors';
import { playerPrefix, type PlayerIdentity } from '../config/data-layout';
import type { GameData } from './data';
import { deleteKey, getJson, listKeys, putJson, type ListedKey, type Remote } from './s3-json';

const SAVE_SLOTS = [1, 2, 3] as const;
export type SaveSlot = (typeof SAVE_SLOTS)[number];

const SlotSchema = v.picklist(SAVE_SLOTS);

const SaveSchema = v.object({
	version: v.literal(1),
	slot: SlotSchema,
	/** ISO 8601. */
	savedAt: v.pipe(v.string(), v.isoTimestamp()),
	/** The game's own state; the data layer only checks that it is a JSON object. */
	state: v.record(v.string(), v.unknown()),
});

type SaveGame = v.InferOutput<typeof SaveSchema>;

export interface LoadedSave {
	save: SaveGame;
	etag: string;
	writeId?: string;
}

/** A slot as listed, without reading it. */
export interface SaveSummary {
	slot: SaveSlot;
	etag: string;
	lastModified: Date | null;
	size: number;
}

export function savesPrefix(player: PlayerIdentity): string {
	return `${playerPrefix(player)}saves/`;
}

function saveKey(player: PlayerIdentity, slot: SaveSlot): string {
	return `${savesPrefix(player)}slot-${v.parse(SlotSchema, slot)}.json`;
}

function parseStoredSave(body: unknown, key: string): Omit<LoadedSave, 'etag'> {
	const result = v.safeParse(SaveSchema, body);
	if (!result.success) {
		const where = v.getDotPath(result.issues[0]) ?? 'the document';
		throw new AppError(
			'data-invalid',
			`The stored save ${key} is not valid: ${where}: ${result.issues[0].message}`,
			{ title: 'This save could not be read', hint: 'Delete the slot or save over it.' },
		);
	}
	const writeId = (body as { writeId?: unknown }).writeId;
	return { save: result.output, ...(typeof writeId === 'string' ? { writeId } : {}) };
}

/** The player's filled slots, in slot order (ListObjectsV2 on their own prefix only). */
export async function listSaves(data: GameData, player: PlayerIdentity): Promise<SaveSummary[]> {
	return savesFromListing(await listKeys(data, savesPrefix(player)), player);
}

/** The filled slots among `objects` (a listing of the player's prefix or of its `saves/` folder). */
export function savesFromListing(
	objects: readonly ListedKey[],
	player: PlayerIdentity,
): SaveSummary[] {
	const prefix = savesPrefix(player);
	const slots: SaveSummary[] = [];
	for (const object of objects) {
		if (!object.key.startsWith(prefix)) continue;
		const match = /^slot-([1-3])\.json$/.exec(object.key.slice(prefix.length));
		if (match === null) continue;
		const { etag, lastModified, size } = object;
		slots.push({ slot: Number(match[1]) as SaveSlot, etag, lastModified, size });
	}
	return slots.sort((a, b) => a.slot - b.slot);
}

export async function loadSave(
	data: GameData,
	player: PlayerIdentity,
	slot: SaveSlot,
): Promise<LoadedSave | null> {
	const key = saveKey(player, slot);
	const stored = await getJson(data, key);
	return stored === null ? null : { ...parseStoredSave(stored.body, key), etag: stored.etag };
}

/** Writes a slot on top of `expectedEtag` (`null`: only if empty); `ConflictError<LoadedSave>` if not. */
export async function saveGame(
	data: GameData,
	player: PlayerIdentity,
	save: SaveGame,
	expectedEtag: string | null,
	writeId?: string,
): Promise<string> {
	const valid = v.parse(SaveSchema, save);
	return putJson<LoadedSave>(
		data,
		saveKey(player, valid.slot),
		writeId === undefined ? valid : { ...valid, writeId },
		expectedEtag,
		async (): Promise<Remote<LoadedSave>> => {
			const remote = await loadSave(data, player, valid.slot);
			return remote === null ? null : { value: remote, etag: remote.etag };
		},
	);
}

export function deleteSave(data: GameData, player: PlayerIdentity, slot: SaveSlot): Promise<void> {
	return deleteKey(data, saveKey(player, slot));
}
