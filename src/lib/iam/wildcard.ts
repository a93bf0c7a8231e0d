/**
 * Wildcard patterns as element lists, read once per policy string at parse time: each element is a UTF-16 code
 * unit to match literally (>= 0) or one of the wildcards below. Substituted variable values become code units
 * only, so a `sub` of `*` stays a literal `*`. Matching is in wildcard-match.ts; no RegExp is ever built from
 * policy text (a backtracking RegExp let one session policy freeze the sandbox: issue 11).
 */

/** `*`: any run of characters, `:` included. */
export const ANY_RUN = -1;
/** `?`: any one character. */
export const ANY_ONE = -2;
/** `*` inside one of the first five ARN segments: any run of characters other than `:`. */
export const SEGMENT_RUN = -3;
/** `?` inside one of the first five ARN segments: any one character other than `:`. */
export const SEGMENT_ONE = -4;

export type Elements = readonly number[];

export const COLON = 0x3a;

/** `text` as literal code units (substituted values, `${*}` escapes). */
export function literalElements(text: string): number[] {
	const elements = new Array<number>(text.length);
	for (let i = 0; i < text.length; i++) elements[i] = text.charCodeAt(i);
	return elements;
}

/** A plain wildcard pattern (Action, StringLike): `*` and `?` match anything. */
export function plainElements(text: string): number[] {
	const elements = literalElements(text);
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		if (ch === '*') elements[i] = ANY_RUN;
		else if (ch === '?') elements[i] = ANY_ONE;
	}
	return elements;
}

/**
 * An ARN pattern (Resource, ArnLike), continuing at ARN segment `segment` (0-based: text after the n-th colon).
 * IAM User Guide, "IAM JSON policy elements: Resource", Using wildcards in resource ARNs: wildcards work within
 * the colon-separated segments, and "if the * wildcard is the last character of a resource ARN segment, it can
 * expand to match beyond the colon boundaries". The sixth segment (the resource id) may itself contain colons,
 * so from there on wildcards match anything. `endsPattern` tells whether `text` ends the pattern.
 */
export function arnElements(text: string, segment: number, endsPattern: boolean) {
	const elements = literalElements(text);
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		const inPrefix = segment < 5;
		if (ch === ':') segment++;
		if (ch === '?') elements[i] = inPrefix ? SEGMENT_ONE : ANY_ONE;
		else if (ch === '*') {
			const next = i + 1 < text.length ? text.charAt(i + 1) : endsPattern ? ':' : '';
			elements[i] = inPrefix && next !== ':' ? SEGMENT_RUN : ANY_RUN;
		}
	}
	return { elements, segment };
}
