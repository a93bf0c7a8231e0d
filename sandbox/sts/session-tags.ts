/**
 * Session tags (IAM User Guide, "Passing session tags in AWS STS"): at most 50, keys of 1–128 and values of 0–256
 * characters from `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, one value per key, keys unique regardless of case, transitive keys
 * among the tags; in a role chain the calling session's transitive tags pass on and cannot be set again.
 */
import { AwsError } from '../errors';
import type { SessionTag } from '../sessions';
import { readList, readStructureList } from './query-lists';
import { listLengthProblems, memberProblems, type MemberRule } from './validation';

/** Tags and their transitive keys, as a request or a token asks for them. */
export interface TagRequest {
	tags: SessionTag[];
	transitiveTagKeys: string[];
}

export const NO_TAGS: TagRequest = { tags: [], transitiveTagKeys: [] };
const MAX_TAGS = 50;
// The STS model's tagKeyType and tagValueType. AWS prints no value for a tag member in its validation errors.
const KEY: MemberRule = {
	member: 'key',
	required: true,
	minLength: 1,
	maxLength: 128,
	pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
	patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
	sensitive: true,
};
const VALUE: MemberRule = {
	member: 'value',
	required: true,
	minLength: 0,
	maxLength: 256,
	pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
	patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
	sensitive: true,
};

/** `Tags` and `TransitiveTagKeys` of an AssumeRole request, with their violations of the STS model. */
export function readTagParameters(params: Map<string, string>): {
	request: TagRequest;
	problems: string[];
} {
	const entries = readStructureList(params, 'Tags');
	const transitiveTagKeys = readList(params, 'TransitiveTagKeys');
	const problems = [
		...listLengthProblems(entries.length, 'tags', MAX_TAGS),
		...entries.flatMap((entry, i) => [
			...memberProblems(entry.get('Key'), { ...KEY, member: `tags.${i + 1}.member.key` }),
			...memberProblems(entry.get('Value'), { ...VALUE, member: `tags.${i + 1}.member.value` }),
		]),
		...listLengthProblems(transitiveTagKeys.length, 'transitiveTagKeys', MAX_TAGS),
		...transitiveTagKeys.flatMap((key, i) =>
			memberProblems(key, { ...KEY, member: `transitiveTagKeys.${i + 1}.member` }),
		),
	];
	const tags = entries.map((entry) => ({
		key: entry.get('Key') ?? '',
		value: entry.get('Value') ?? '',
	}));
	return { request: { tags, transitiveTagKeys }, problems };
}

/**
 * The tag claim of a web identity token (`{"principal_tags": {"team": ["red"]}, "transitive_tag_keys": [...]}`).
 * AWS answers a claim it cannot use with `ValidationError` "Unable to validate tags" (seen in the wild; AWS
 * documents no finer message for tokens), so every shape and model violation gets that answer here. A tag value
 * must be a one-element array of a string, as AWS documents it: stricter than AWS may be about a bare string.
 */
export function tagsFromClaim(claim: unknown): TagRequest {
	if (claim === undefined) return NO_TAGS;
	const unusable = () => new AwsError('ValidationError', 400, 'Unable to validate tags');
	if (!isRecord(claim)) throw unusable();
	const principalTags = claim['principal_tags'] ?? {};
	const transitive = claim['transitive_tag_keys'] ?? [];
	if (!isRecord(principalTags) || !Array.isArray(transitive)) throw unusable();
	const tags = Object.entries(principalTags).map(([key, values]) => {
		if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string')
			throw unusable();
		return { key, value: values[0] };
	});
	if (!transitive.every((key): key is string => typeof key === 'string')) throw unusable();
	const problems = [
		...listLengthProblems(tags.length, 'tags', MAX_TAGS),
		...tags.flatMap((tag) => [
			...memberProblems(tag.key, KEY),
			...memberProblems(tag.value, VALUE),
		]),
		...listLengthProblems(transitive.length, 'transitiveTagKeys', MAX_TAGS),
		...transitive.flatMap((key) => memberProblems(key, KEY)),
	];
	if (problems.length > 0) throw unusable();
	return { tags, transitiveTagKeys: transitive };
}

/**
 * STS's own rules beyond the model, in its words (recorded against AWS in LocalStack's STS snapshot tests): keys
 * are unique regardless of case, and every transitive key names one of the requested tags (regardless of case).
 * Returns the request with each transitive key spelled as its tag is.
 */
export function checkTagRules(request: TagRequest): TagRequest {
	const byLowerKey = new Map<string, string>();
	for (const { key } of request.tags) {
		if (byLowerKey.has(key.toLowerCase())) {
			throw invalidParameter(
				'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
			);
		}
		byLowerKey.set(key.toLowerCase(), key);
	}
	const transitive = new Set<string>();
	for (const key of request.transitiveTagKeys) {
		const tagKey = byLowerKey.get(key.toLowerCase());
		if (tagKey === undefined) {
			throw invalidParameter(
				'The specified transitive tag key must be included in the requested tags.',
			);
		}
		transitive.add(tagKey);
	}
	return { tags: request.tags, transitiveTagKeys: [...transitive] };
}

/**
 * Role chaining: the calling session's transitive tags pass on, still transitive, and a request that sets one of
 * their keys again (regardless of case) is refused, in AWS's words.
 */
export function chainTags(caller: TagRequest, request: TagRequest): TagRequest {
	const passing = new Set(caller.transitiveTagKeys.map((key) => key.toLowerCase()));
	const inherited = caller.tags.filter((tag) => passing.has(tag.key.toLowerCase()));
	const clash = [...request.tags.map((tag) => tag.key), ...request.transitiveTagKeys].some((key) =>
		passing.has(key.toLowerCase()),
	);
	if (clash) {
		throw invalidParameter(
			"One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
		);
	}
	return {
		tags: [...inherited, ...request.tags],
		transitiveTagKeys: [...inherited.map((tag) => tag.key), ...request.transitiveTagKeys],
	};
}

/** What the trust policy sees of the tags a session will get: `aws:RequestTag/<key>`, `aws:TagKeys`,
 * `sts:TransitiveTagKeys` (the latter two absent when empty). */
export function tagRequestContext(request: TagRequest): Record<string, string | string[]> {
	const context: Record<string, string | string[]> = {};
	for (const { key, value } of request.tags) context[`aws:RequestTag/${key}`] = value;
	if (request.tags.length > 0) context['aws:TagKeys'] = request.tags.map((tag) => tag.key);
	if (request.transitiveTagKeys.length > 0)
		context['sts:TransitiveTagKeys'] = [...request.transitiveTagKeys];
	return context;
}

function invalidParameter(message: string): AwsError {
	return new AwsError('InvalidParameterValue', 400, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
