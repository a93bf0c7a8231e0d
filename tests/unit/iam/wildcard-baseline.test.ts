/**
 * The linear-time matcher decides exactly as the backtracking RegExp it replaced (kept as the benchmark baseline
 * in bench/baseline/regex-wildcard.ts), on thousands of short random patterns and strings drawn from the
 * characters that matter: `*`, `?`, `:` (ARN segments), `/`, letters in both cases and a non-ASCII pair.
 * Short, so the RegExp stays fast; seeded, so a failure is reproducible.
 */
import { describe, expect, it } from 'vitest';
import {
	arnSource,
	escapeRegExp,
	patternRegExp,
	regexWildcardMatches,
	type BaselineKind,
} from '../../../bench/baseline/regex-wildcard';
import { compilePattern, wildcardMatches } from '../../../src/lib/iam/wildcard-match';
import { arnElements, plainElements } from '../../../src/lib/iam/wildcard';
import { resourcePatternCovers } from './helpers';

/** mulberry32: a small seeded generator, so every run draws the same cases. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function draw(next: () => number, alphabet: string, maxLength: number): string {
	const length = Math.floor(next() * (maxLength + 1));
	let text = '';
	for (let i = 0; i < length; i++) text += alphabet.charAt(Math.floor(next() * alphabet.length));
	return text;
}

/** A string the pattern matches (wildcards filled in at random), with one character changed half the time. */
function instantiate(next: () => number, pattern: string): string {
	let text = '';
	for (const ch of pattern) {
		if (ch === '*') text += draw(next, VALUES, 3);
		else if (ch === '?') text += draw(next, VALUES, 0) || VALUES.charAt(Math.floor(next() * 6));
		else text += ch;
	}
	if (text && next() < 0.5) {
		const at = Math.floor(next() * text.length);
		text = text.slice(0, at) + VALUES.charAt(Math.floor(next() * 6)) + text.slice(at + 1);
	}
	return text;
}

const CASES = 4000;
const VALUES = 'ab:/Aé';

function newMatches(kind: BaselineKind, pattern: string, value: string): boolean {
	const elements = kind === 'arn' ? arnElements(pattern, 0, true).elements : plainElements(pattern);
	return wildcardMatches(compilePattern(elements, kind === 'action'), value);
}

describe('the wildcard matcher against the RegExp it replaced', () => {
	it.each<[BaselineKind, string, number]>([
		['plain', 'ab:*?', 10],
		['action', 'aAbéÉ:*?', 10],
		// Colons are frequent, so patterns reach past the fifth segment, where ARN wildcards change meaning.
		['arn', 'a::*?/', 14],
		// Blocks longer than one and two 32-bit words, with few `*` so that the RegExp stays fast.
		['plain', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab?*', 90],
		['arn', 'aaaaaaaaaaaaaaaaaaaaaaaaaab?:*', 90],
	])('decides %s patterns alike (alphabet %j)', (kind, patternAlphabet, maxLength) => {
		const next = random(patternAlphabet.length * 1000 + maxLength);
		const differences: string[] = [];
		for (let i = 0; i < CASES; i++) {
			const pattern = draw(next, patternAlphabet, maxLength);
			const value = next() < 0.5 ? draw(next, VALUES, maxLength) : instantiate(next, pattern);
			const expected = regexWildcardMatches(kind, pattern, value);
			if (newMatches(kind, pattern, value) !== expected)
				differences.push(`${pattern} ~ ${value}: expected ${expected}`);
		}
		expect(differences).toEqual([]);
	});

	it('decides Resource patterns with a substituted variable alike, the value staying literal', () => {
		const next = random(0x5eed);
		const differences: string[] = [];
		for (let i = 0; i < CASES; i++) {
			const before = draw(next, 'a::*?', 8);
			const after = draw(next, 'a:*?', 5);
			const sub = draw(next, 'a:*?', 3);
			const pattern = `${before}${sub}${after}`;
			const resource = next() < 0.5 ? draw(next, VALUES + '*?', 14) : instantiate(next, pattern);
			// The old evaluator: ARN source of each text piece, around the escaped value.
			const head = arnSource(before, 0, false);
			const tail = after ? arnSource(after, head.segment, true).source : '';
			const source = `${head.source}${escapeRegExp(sub)}${tail}`;
			const expected = patternRegExp(source).test(resource);
			// Most of these patterns are no ARN IAM would take, so the evaluator's matcher reads them directly.
			const covered = resourcePatternCovers(`${before}\${t:v}${after}`, resource, { 't:v': sub });
			if (covered !== expected)
				differences.push(`${before}\${${sub}}${after} ~ ${resource}: expected ${expected}`);
		}
		expect(differences).toEqual([]);
	});
});
