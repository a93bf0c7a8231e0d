/**
 * One block of a wildcard pattern — the part between two `*` that match anything — run over a string with the
 * bit-parallel Shift-And algorithm (Baeza-Yates and Gonnet, "A new approach to text searching", 1992), extended
 * with self-loops for the in-segment `*` of ARN patterns, as Navarro and Raffinot's "Flexible Pattern Matching
 * in Strings" does for repeatable characters. It keeps the set of every partial match as one bit per unit, so it
 * never backtracks: each character of the string costs ⌈units / 32⌉ word operations.
 */
import { ANY_ONE, COLON, SEGMENT_ONE } from './wildcard';

export interface Block {
	/** Literal code units (>= 0), `ANY_ONE` and `SEGMENT_ONE`, in order. */
	readonly units: readonly number[];
	/** `loops[i]`: an in-segment `*` (any run without `:`) follows the first `i` units; null when there is none. */
	readonly loops: readonly boolean[] | null;
}

interface Masks {
	words: number;
	/** Per literal code unit: the units it satisfies (that unit, and every one-character wildcard that takes it). */
	byUnit: Map<number, Int32Array>;
	/** For `:` when no unit names it literally, and for any other character no unit names. */
	colon: Int32Array;
	other: Int32Array;
	/** The units followed by an in-segment `*`, which stay matched on any character but `:`. */
	loops: Int32Array | null;
}

const masksCache = new WeakMap<Block, Masks>();

function setBit(mask: Int32Array, bit: number): void {
	mask[bit >>> 5] |= 1 << (bit & 31);
}

function buildMasks(block: Block): Masks {
	const { units, loops } = block;
	const words = Math.ceil(units.length / 32);
	const colon = new Int32Array(words);
	const other = new Int32Array(words);
	units.forEach((unit, bit) => {
		if (unit === ANY_ONE) setBit(colon, bit);
		if (unit === ANY_ONE || unit === SEGMENT_ONE) setBit(other, bit);
	});
	const byUnit = new Map<number, Int32Array>();
	units.forEach((unit, bit) => {
		if (unit < 0) return;
		let mask = byUnit.get(unit);
		if (!mask) byUnit.set(unit, (mask = (unit === COLON ? colon : other).slice()));
		setBit(mask, bit);
	});
	let loopMask: Int32Array | null = null;
	if (loops) {
		loopMask = new Int32Array(words);
		for (let bit = 0; bit < units.length; bit++) if (loops[bit + 1]) setBit(loopMask, bit);
	}
	return { words, byUnit, colon, other, loops: loopMask };
}

function masksOf(block: Block): Masks {
	let masks = masksCache.get(block);
	if (!masks) masksCache.set(block, (masks = buildMasks(block)));
	return masks;
}

// One state buffer, reused: a pattern of many short blocks would otherwise allocate one per block per request.
let scratch = new Int32Array(64);

function scratchState(words: number): Int32Array {
	if (scratch.length < words) scratch = new Int32Array(words);
	scratch.fill(0, 0, words);
	return scratch;
}

/**
 * Runs `block` over `value` from `from`. `anchored`: the match must start at `from` (else at any position from
 * there on). `toEnd`: returns `value.length` when some match ends there, else -1; otherwise returns the end of the
 * earliest-ending match, or -1. Time: O((value.length − from) · ⌈units / 32⌉), no backtracking.
 */
export function scanBlock(
	block: Block,
	value: string,
	from: number,
	anchored: boolean,
	toEnd: boolean,
): number {
	const length = block.units.length;
	if (length === 0 && !toEnd) return from;
	if (length === 0 && !anchored) return value.length;
	const { words, byUnit, colon, other, loops } = masksOf(block);
	const leadingLoop = block.loops?.[0] === true;
	const state = scratchState(words);
	const lastWord = words - 1;
	const lastBit = 1 << ((length - 1) & 31);
	// Whether a match may still start before the next character: always, unless anchored.
	let start = true;
	for (let i = from; i < value.length; i++) {
		const ch = value.charCodeAt(i);
		const mask = byUnit.get(ch) ?? (ch === COLON ? colon : other);
		const loop = ch === COLON ? null : loops;
		let carry = start ? 1 : 0;
		let alive = 0;
		for (let w = 0; w < words; w++) {
			const previous = state[w];
			const next = (((previous << 1) | carry) & mask[w]) | (loop ? previous & loop[w] : 0);
			carry = previous >>> 31;
			state[w] = next;
			alive |= next;
		}
		if (anchored) start = start && leadingLoop && ch !== COLON;
		if (!toEnd && (state[lastWord] & lastBit) !== 0) return i + 1;
		if (anchored && !start && alive === 0) return -1;
	}
	if (!toEnd) return -1;
	const matched = length === 0 ? start : (state[lastWord] & lastBit) !== 0;
	return matched ? value.length : -1;
}
