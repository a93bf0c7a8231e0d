/**
 * mulberry32: a tiny seeded PRNG with a 32-bit state. The whole engine draws from it, never from
 * Math.random, so a seed and an input sequence replay to the same game bit for bit.
 */
export function nextRandom(rngState: number): [value: number, next: number] {
	const next = (rngState + 0x6d2b79f5) >>> 0;
	let t = next;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** A seed for a new run, outside the engine (the engine itself never reads a clock or Math.random). */
export function randomSeed(): number {
	return (Math.random() * 4294967296) >>> 0;
}
