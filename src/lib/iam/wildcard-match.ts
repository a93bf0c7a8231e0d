/**
 * Whether a string matches a wildcard pattern (wildcard.ts), in time linear in the string.
 *
 * The pattern is cut at each `*` that matches anything into blocks: `B0 * B1 * … * Bk`. B0 must start the string
 * and Bk end it; each block in between is taken at its earliest-ending match after the previous one. That greedy
 * choice loses nothing: a `*` follows, and it absorbs whatever a later choice would have skipped (the classic
 * argument for glob matching). So no position is ever revisited: each block runs once over the stretch of string
 * between the previous block's end and its own (block-scan.ts), and a block without in-segment `*` is compared in
 * place when it is anchored. Time: O((m + n) · ⌈b / 32⌉) for a pattern of m elements against n characters, where
 * b is the longest block that has to be searched for — at most 64 words per character for the 2,048-character
 * session policies STS accepts — against the exponential time of the backtracking RegExp this replaced. Memory:
 * the pattern's units once (block-scan.ts builds its masks per scan, in scratch space).
 *
 * `?` matches one UTF-16 code unit, as the RegExp it replaced did (JavaScript strings, like Java's, are UTF-16).
 */
import { scanBlock, type Block } from './block-scan';
import { ANY_ONE, ANY_RUN, COLON, SEGMENT_ONE, SEGMENT_RUN, type Elements } from './wildcard';

export interface Pattern {
	/** Every block's literal code units and one-character wildcards, block after block. */
	readonly units: Int32Array;
	/** At least one block; more than one when the pattern has a `*` that matches anything. */
	readonly blocks: readonly Block[];
	readonly ignoreCase: boolean;
}

function toPattern(elements: Elements, ignoreCase: boolean): Pattern {
	const units = new Int32Array(elements.filter((e) => e !== ANY_RUN && e !== SEGMENT_RUN).length);
	const blocks: Block[] = [];
	let start = 0;
	let end = 0;
	let loops: boolean[] | null = null;
	const close = () => {
		blocks.push({ start, end, loops });
		start = end;
		loops = null;
	};
	for (const element of elements) {
		if (element === ANY_RUN) close();
		else if (element === SEGMENT_RUN) {
			loops ??= [];
			loops[end - start] = true;
		} else units[end++] = ignoreCase ? foldUnit(element) : element;
	}
	close();
	return { units, blocks, ignoreCase };
}

const compiled = {
	exact: new WeakMap<Elements, Pattern>(),
	folded: new WeakMap<Elements, Pattern>(),
};

/** The pattern for `elements`, built once per element list. `ignoreCase` for actions. */
export function compilePattern(elements: Elements, ignoreCase = false): Pattern {
	const cache = ignoreCase ? compiled.folded : compiled.exact;
	let pattern = cache.get(elements);
	if (!pattern) {
		pattern = toPattern(elements, ignoreCase);
		cache.set(elements, pattern);
	}
	return pattern;
}

/** Whether `value` matches `pattern`, whole. */
export function wildcardMatches(pattern: Pattern, value: string): boolean {
	const text = pattern.ignoreCase ? foldCase(value) : value;
	const { units, blocks } = pattern;
	const first = blocks[0];
	if (blocks.length === 1) return matchesWhole(units, first, text);
	let at = earliestPrefixEnd(units, first, text);
	for (let i = 1; i < blocks.length - 1 && at >= 0; i++)
		at = scanBlock(units, blocks[i], text, at, false, false);
	return at >= 0 && matchesSuffix(units, blocks[blocks.length - 1], text, at);
}

function unitMatches(unit: number, ch: number): boolean {
	return unit === ch || unit === ANY_ONE || (unit === SEGMENT_ONE && ch !== COLON);
}

/** A block without in-segment `*`, compared in place at `at`. */
function matchesAt(units: Int32Array, block: Block, text: string, at: number): boolean {
	const length = block.end - block.start;
	if (at < 0 || at + length > text.length) return false;
	for (let i = 0; i < length; i++) {
		if (!unitMatches(units[block.start + i], text.charCodeAt(at + i))) return false;
	}
	return true;
}

function matchesWhole(units: Int32Array, block: Block, text: string): boolean {
	if (block.loops) return scanBlock(units, block, text, 0, true, true) >= 0;
	return block.end - block.start === text.length && matchesAt(units, block, text, 0);
}

function earliestPrefixEnd(units: Int32Array, block: Block, text: string): number {
	if (block.loops) return scanBlock(units, block, text, 0, true, false);
	return matchesAt(units, block, text, 0) ? block.end - block.start : -1;
}

function matchesSuffix(units: Int32Array, block: Block, text: string, from: number): boolean {
	if (block.loops) return scanBlock(units, block, text, from, false, true) >= 0;
	const start = text.length - (block.end - block.start);
	return start >= from && matchesAt(units, block, text, start);
}

/**
 * Case folding as a case-insensitive JavaScript RegExp without the `u` flag does it (ECMA-262 Canonicalize), the
 * rule actions were matched by before: one code unit to its upper case, unless that takes more than one unit or
 * maps a non-ASCII unit to ASCII. It never changes the length, so `?` still takes one unit.
 */
function foldUnit(unit: number): number {
	if (unit < 0) return unit;
	if (unit >= 0x61 && unit <= 0x7a) return unit - 0x20;
	if (unit < 0x80) return unit;
	const upper = String.fromCharCode(unit).toUpperCase();
	if (upper.length !== 1) return unit;
	const folded = upper.charCodeAt(0);
	return folded < 0x80 ? unit : folded;
}

function foldCase(text: string): string {
	// eslint-disable-next-line no-control-regex -- a fixed ASCII test, not built from policy text
	if (/^[\x00-\x7f]*$/.test(text)) return text.toUpperCase();
	let folded = '';
	for (let i = 0; i < text.length; i++) folded += String.fromCharCode(foldUnit(text.charCodeAt(i)));
	return folded;
}
