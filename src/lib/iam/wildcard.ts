/**
 * Wildcard patterns (`*` any run, `?` one character) compiled to RegExp once and cached by source, so the
 * gateway pays for a compile only the first time it sees a pattern (after variable substitution).
 */
import type { Part } from './variables';

const MAX_CACHED = 2000;
const cache = new Map<string, RegExp>();

function cached(source: string, flags: string): RegExp {
	const key = `${flags}/${source}`;
	let regexp = cache.get(key);
	if (!regexp) {
		// A crude bound: policies are few, but substituted values (one per player) are not.
		if (cache.size >= MAX_CACHED) cache.clear();
		regexp = new RegExp(source, flags);
		cache.set(key, regexp);
	}
	return regexp;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Plain wildcard match over the whole string (Action, StringLike). */
export function wildcardRegExp(parts: readonly Part[], ignoreCase = false): RegExp {
	let source = '';
	for (const part of parts) {
		if (part.literal) source += escapeRegExp(part.text);
		else
			for (const ch of part.text) source += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch);
	}
	return cached(`^${source}$`, ignoreCase ? 'is' : 's');
}

/**
 * ARN match, segment by segment (Resource, ArnLike). IAM User Guide, "IAM JSON policy elements: Resource",
 * Using wildcards in resource ARNs: wildcards work within the colon-separated segments, and "if the * wildcard is
 * the last character of a resource ARN segment, it can expand to match beyond the colon boundaries". The sixth
 * segment (the resource id) may itself contain colons, so from there on wildcards match anything.
 */
export function arnRegExp(parts: readonly Part[]): RegExp {
	let source = '';
	let segment = 0;
	for (const part of parts) {
		if (part.literal) {
			source += escapeRegExp(part.text);
			continue;
		}
		const text = part.text;
		for (let i = 0; i < text.length; i++) {
			const ch = text.charAt(i);
			const inPrefix = segment < 5;
			if (ch === ':') segment++;
			if (ch === '*') source += inPrefix && !endsSegment(text, i) ? '[^:]*' : '.*';
			else if (ch === '?') source += inPrefix ? '[^:]' : '.';
			else source += escapeRegExp(ch);
		}
	}
	return cached(`^${source}$`, 's');
}

/** True when the character at `i` is the last of its ARN segment: followed by a colon or by the end. */
function endsSegment(text: string, i: number): boolean {
	return i === text.length - 1 || text.charAt(i + 1) === ':';
}
