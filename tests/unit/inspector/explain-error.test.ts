import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';
import type { AwsErrorExplanation } from '../../../src/lib/inspector/types';
import { corpus, type CorpusEntry } from './corpus';

/** The fields a denial message can state; the accuracy figures are computed over these. */
const FIELDS = ['principal', 'action', 'resource', 'denyKind', 'policyType'] as const;
type Field = (typeof FIELDS)[number];

/** What the entry expects for each field: a field left out of `expected` is one the message does not state. */
function expectedFields(entry: CorpusEntry): Record<Field, string | null> {
	return Object.fromEntries(FIELDS.map((f) => [f, entry.expected[f] ?? null])) as Record<
		Field,
		string | null
	>;
}

interface Tally {
	right: number;
	total: number;
}

/** Per-field accuracy over the corpus: over every field, and over the fields each message states. */
function accuracy(read: (entry: CorpusEntry) => AwsErrorExplanation): {
	all: Tally;
	stated: Tally;
} {
	const all = { right: 0, total: 0 };
	const stated = { right: 0, total: 0 };
	for (const entry of corpus) {
		const got = read(entry);
		for (const [field, want] of Object.entries(expectedFields(entry))) {
			const right = (got[field as Field] ?? null) === want ? 1 : 0;
			all.right += right;
			all.total += 1;
			if (want !== null) {
				stated.right += right;
				stated.total += 1;
			}
		}
	}
	return { all, stated };
}

const percent = ({ right, total }: Tally): string => `${((100 * right) / total).toFixed(1)} %`;

describe('explainAwsError over the corpus of real messages', () => {
	it('has at least 150 messages, each with its source', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(150);
		for (const entry of corpus) expect(entry.source).toMatch(/^(https?:\/\/|constructed: )/);
	});

	it.each(corpus.map((entry) => [entry.source, entry] as const))('reads %s', (_source, entry) => {
		const explanation = explainAwsError(entry.input);
		expect(explanation).toMatchObject({ ...entry.expected, ...expectedFields(entry) });
		expect(explanation.summary.length).toBeGreaterThan(10);
		expect(explanation.hints.length).toBeGreaterThan(0);
	});

	it('reads at least 97 % of all fields and of the fields the messages state', () => {
		const { all, stated } = accuracy((entry) => explainAwsError(entry.input));
		console.log(
			`explainer accuracy on ${corpus.length} messages: all fields ${percent(all)} (${all.right}/${all.total}), stated fields ${percent(stated)} (${stated.right}/${stated.total})`,
		);
		expect(all.right / all.total).toBeGreaterThanOrEqual(0.97);
		expect(stated.right / stated.total).toBeGreaterThanOrEqual(0.97);
	});
});
