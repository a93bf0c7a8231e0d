/**
 * One block of a wildcard pattern — the part between two `*` that match anything — run over a string with the
 * bit-parallel Shift-And algorithm (Baeza-Yates and Gonnet, "A new approach to text searching", 1992), extended
 * with self-loops for the in-segment `*` of ARN patterns, as Navarro and Raffinot's "Flexible Pattern Matching
 * in Strings" does for repeatable characters. It keeps the set of every partial match as one bit per unit, so it
 * never backtracks: each character of the string costs ⌈units / 32⌉ word operations.
 */
import { ANY_ONE, COLON, SEGMENT_ONE } from './wildcard';

export interface Block {
	/** The block is `units[start..end)` of its pattern: literal code units (>= 0), `ANY_ONE`, `SEGMENT_ONE`. */
	readonly start: number;
	readonly end: number;
	/** `loops[i]`: an in-segment `*` (any run without `:`) follows the block's first `i` units; null if none. */
	readonly loops: readonly boolean[] | null;
}

// The masks are built per scan into this scratch space, not kept per block: building them costs no more than the
// scan that needs them, and a 2,048-character policy would otherwise hold a megabyte of them per session.
// Rows of `words` words: the units `:` satisfies, those any other character satisfies, the units followed by an
// in-segment `*`, then one row per distinct literal code unit of the block (`rowOf`).
const COLON_ROW = 0;
const OTHER_ROW = 1;
const LOOP_ROW = 2;
const rowOf = new Map<number, number>();
const distinct: number[] = [];
let rows = new Int32Array(256);
let state = new Int32Array(64);

function setBit(row: number, words: number, bit: number): void {
	rows[row * words + (bit >>> 5)] |= 1 << (bit & 31);
}

function prepareMasks(units: Int32Array, block: Block, words: number): void {
	rowOf.clear();
	distinct.length = 0;
	for (let i = block.start; i < block.end; i++) {
		const unit = units[i];
		if (unit < 0 || rowOf.has(unit)) continue;
		rowOf.set(unit, LOOP_ROW + 1 + distinct.length);
		distinct.push(unit);
	}
	const size = (LOOP_ROW + 1 + distinct.length) * words;
	if (rows.length < size) rows = new Int32Array(size);
	rows.fill(0, 0, size);
	for (let bit = 0; bit < block.end - block.start; bit++) {
		const unit = units[block.start + bit];
		if (unit === ANY_ONE) setBit(COLON_ROW, words, bit);
		if (unit === ANY_ONE || unit === SEGMENT_ONE) setBit(OTHER_ROW, words, bit);
		if (unit >= 0) setBit(rowOf.get(unit)!, words, bit);
		if (block.loops?.[bit + 1]) setBit(LOOP_ROW, words, bit);
	}
	// A literal unit's row also takes the one-character wildcards that accept it.
	for (let k = 0; k < distinct.length; k++) {
		const row = (LOOP_ROW + 1 + k) * words;
		const base = (distinct[k] === COLON ? COLON_ROW : OTHER_ROW) * words;
		for (let w = 0; w < words; w++) rows[row + w] |= rows[base + w];
	}
}

function clearedState(words: number): Int32Array {
	if (state.length < words) state = new Int32Array(words);
	state.fill(0, 0, words);
	return state;
}

/**
 * Runs the block over `value` from `from`. `anchored`: the match must start at `from` (else at any position from
 * there on). `toEnd`: returns `value.length` when some match ends there, else -1; otherwise returns the end of the
 * earliest-ending match, or -1. Time: O(⌈u / 32⌉ · (u + value.length − from)) for a block of u units.
 */
export function scanBlock(
	units: Int32Array,
	block: Block,
	value: string,
	from: number,
	anchored: boolean,
	toEnd: boolean,
): number {
	const length = block.end - block.start;
	if (length === 0 && !toEnd) return from;
	if (length === 0 && !anchored) return value.length;
	const words = Math.ceil(length / 32);
	prepareMasks(units, block, words);
	const current = clearedState(words);
	const leadingLoop = block.loops?.[0] === true;
	const hasLoops = block.loops !== null;
	const lastWord = words - 1;
	const lastBit = 1 << ((length - 1) & 31);
	// Whether a match may still start before the next character: always, unless anchored.
	let start = true;
	for (let i = from; i < value.length; i++) {
		const ch = value.charCodeAt(i);
		const mask = (rowOf.get(ch) ?? (ch === COLON ? COLON_ROW : OTHER_ROW)) * words;
		const loop = hasLoops && ch !== COLON;
		let carry = start ? 1 : 0;
		let alive = 0;
		for (let w = 0; w < words; w++) {
			const previous = current[w];
			const stays = loop ? previous & rows[LOOP_ROW * words + w] : 0;
			const next = (((previous << 1) | carry) & rows[mask + w]) | stays;
			carry = previous >>> 31;
			current[w] = next;
			alive |= next;
		}
		if (anchored) start = start && leadingLoop && ch !== COLON;
		if (!toEnd && (current[lastWord] & lastBit) !== 0) return i + 1;
		if (anchored && !start && alive === 0) return -1;
	}
	if (!toEnd) return -1;
	const matched = length === 0 ? start : (current[lastWord] & lastBit) !== 0;
	return matched ? value.length : -1;
}
