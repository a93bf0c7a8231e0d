/**
 * Wildcard patterns (`*` any run, `?` one character) as RegExp sources, built once per policy string at parse
 * time; only substituted variable values are escaped per request. RegExps are cached by source.
 */

const MAX_CACHED = 2000;
const cache = new Map<string, RegExp>();

/** The anchored RegExp for a pattern source, compiled once. */
export function patternRegExp(source: string, ignoreCase = false): RegExp {
	const key = ignoreCase ? `i${source}` : `s${source}`;
	let regexp = cache.get(key);
	if (!regexp) {
		// A crude bound: policies are few, but substituted values (one per player) are not.
		if (cache.size >= MAX_CACHED) cache.clear();
		regexp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
		cache.set(key, regexp);
	}
	return regexp;
}

/** Source matching `text` literally: escapes, substituted values. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Source of a plain wildcard pattern (Action, StringLike). */
export function plainSource(text: string): string {
	return text
		.split('*')
		.map((run) => run.split('?').map(escapeRegExp).join('.'))
		.join('.*');
}

/**
 * Source of an ARN pattern (Resource, ArnLike), continuing at ARN segment `segment` (0-based: text after the
 * n-th colon). IAM User Guide, "IAM JSON policy elements: Resource", Using wildcards in resource ARNs: wildcards
 * work within the colon-separated segments, and "if the * wildcard is the last character of a resource ARN
 * segment, it can expand to match beyond the colon boundaries". The sixth segment (the resource id) may itself
 * contain colons, so from there on wildcards match anything. `endsPattern` tells whether `text` ends the pattern.
 */
export function arnSource(text: string, segment: number, endsPattern: boolean) {
	let source = '';
	let run = '';
	const flush = () => {
		source += escapeRegExp(run);
		run = '';
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		const inPrefix = segment < 5;
		if (ch === ':') segment++;
		if (ch !== '*' && ch !== '?') {
			run += ch;
			continue;
		}
		flush();
		const next = i + 1 < text.length ? text.charAt(i + 1) : endsPattern ? ':' : '';
		if (ch === '?') source += inPrefix ? '[^:]' : '.';
		else source += inPrefix && next !== ':' ? '[^:]*' : '.*';
	}
	flush();
	return { source, segment };
}
