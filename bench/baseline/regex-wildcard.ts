/**
 * BASELINE ONLY — the wildcard matcher `src/lib/iam` used before issue 11, kept so `npm run bench` can measure
 * what it replaced. It compiles `*` into `.*` (or `[^:]*`) and lets the backtracking RegExp engine search: with a
 * dozen `*` and a long key it runs for minutes. Never import it from `src/` or `sandbox/`.
 *
 * The functions below are the old `src/lib/iam/wildcard.ts` unchanged, plus `regexWildcardMatches`, which
 * composes them the way the old `match.ts` and `operators.ts` did for a pattern without policy variables.
 */

const MAX_CACHED = 2000;
const cache = new Map<string, RegExp>();

/** The anchored RegExp for a pattern source, compiled once. */
export function patternRegExp(source: string, ignoreCase = false): RegExp {
	const key = ignoreCase ? `i${source}` : `s${source}`;
	let regexp = cache.get(key);
	if (!regexp) {
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

/** Source of an ARN pattern (Resource, ArnLike), continuing at ARN segment `segment`. */
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

export type BaselineKind = 'action' | 'plain' | 'arn';

/** Whether `value` matches `pattern` (no policy variables) as the old evaluator decided. */
export function regexWildcardMatches(kind: BaselineKind, pattern: string, value: string): boolean {
	const source = kind === 'arn' ? arnSource(pattern, 0, true).source : plainSource(pattern);
	return patternRegExp(source, kind === 'action').test(value);
}
