/**
 * Session tags and source identity as a web identity token carries them (IAM User Guide, "Passing session tags
 * using AssumeRoleWithWebIdentity"; "Monitor and control actions taken with assumed roles"):
 *
 *   "https://aws.amazon.com/tags": {
 *     "principal_tags": { "team": ["red"], "role": ["organizer"] },
 *     "transitive_tag_keys": ["team"]
 *   },
 *   "https://aws.amazon.com/source_identity": "carol@fedplay-id.example"
 *
 * STS returns no tags in its answer (only SourceIdentity), so the app reads them from the token it sent: what
 * STS accepted is what the session carries. Pure: no request, no storage.
 */

export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** AWS's limits on session tags (IAM User Guide, "Session tags", and STS's `Tag` shape). */
export const TAG_LIMITS = { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 } as const;
/** Characters IAM allows in tag keys and values (STS's model: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export interface SessionTags {
	/** Key → value, as the token states them (a value is a one-element list there). */
	tags: Record<string, string>;
	/** The keys that pass on to a chained role. */
	transitiveTagKeys: string[];
}

/** Why a tag claim could not be read; STS would refuse it with ValidationError "Unable to validate tags". */
export class TagClaimError extends Error {
	override readonly name = 'TagClaimError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function checkMember(what: string, value: string, max: number, min: number): void {
	if (value.length < min || value.length > max) {
		throw new TagClaimError(`${what} "${value.slice(0, 40)}" must be ${min}–${max} characters.`);
	}
	if (!TAG_CHARACTERS.test(value)) {
		throw new TagClaimError(
			`${what} "${value.slice(0, 40)}" has characters tags may not hold (letters, digits, spaces and _ . : / = + - @ only).`,
		);
	}
}

/**
 * The session tags in a token's claims; `null` when the token has no tag claim. Throws `TagClaimError` for a
 * claim STS would refuse (more than 50 tags, a key or value too long or with other characters, a value that
 * is not a one-element list, keys equal but for case, a transitive key that names no tag).
 */
export function sessionTagsOf(claims: Record<string, unknown>): SessionTags | null {
	const claim = claims[TAGS_CLAIM];
	if (claim === undefined) return null;
	if (!isRecord(claim)) throw new TagClaimError('The tag claim is not an object.');
	const principal = claim['principal_tags'] ?? {};
	const transitive = claim['transitive_tag_keys'] ?? [];
	if (!isRecord(principal)) throw new TagClaimError('principal_tags is not an object.');
	if (!Array.isArray(transitive)) throw new TagClaimError('transitive_tag_keys is not a list.');
	const entries = Object.entries(principal);
	if (entries.length > TAG_LIMITS.maxTags) {
		throw new TagClaimError(
			`The token carries ${entries.length} tags; a session may have at most ${TAG_LIMITS.maxTags}.`,
		);
	}
	const tags: Record<string, string> = {};
	const lower = new Map<string, string>();
	for (const [key, values] of entries) {
		checkMember('Tag key', key, TAG_LIMITS.maxKeyLength, 1);
		if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string') {
			throw new TagClaimError(`Tag ${key} must have exactly one value, as a one-element list.`);
		}
		checkMember(`The value of tag ${key}`, values[0], TAG_LIMITS.maxValueLength, 0);
		if (lower.has(key.toLowerCase())) {
			throw new TagClaimError(
				`Tags ${lower.get(key.toLowerCase())} and ${key} differ only in case; tag keys are case-insensitive.`,
			);
		}
		lower.set(key.toLowerCase(), key);
		tags[key] = values[0];
	}
	const transitiveTagKeys = transitive.map((key: unknown) => {
		if (typeof key !== 'string') throw new TagClaimError('A transitive tag key is not a string.');
		const named = lower.get(key.toLowerCase());
		if (named === undefined) {
			throw new TagClaimError(`Transitive tag key ${key} names no tag of the token.`);
		}
		return named;
	});
	return { tags, transitiveTagKeys };
}

/** The token's source identity; `null` when it sets none (or sets something that is not a string). */
export function sourceIdentityOf(claims: Record<string, unknown>): string | null {
	const value = claims[SOURCE_IDENTITY_CLAIM];
	return typeof value === 'string' && value !== '' ? value : null;
}

/** A tag's value regardless of the key's case (tag keys are case-insensitive); `null` when absent. */
export function tagValue(tags: Record<string, string> | undefined, key: string): string | null {
	if (!tags) return null;
	const found = Object.keys(tags).find((k) => k.toLowerCase() === key.toLowerCase());
	return found === undefined ? null : (tags[found] ?? null);
}
