import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';
import { corpus } from './corpus';

describe('explainAwsError over the corpus of real messages', () => {
	it.each(corpus.map((entry) => [entry.source, entry] as const))('reads %s', (_source, entry) => {
		const explanation = explainAwsError(entry.input);
		expect(explanation).toMatchObject(entry.expected);
		expect(explanation.summary.length).toBeGreaterThan(10);
		expect(explanation.hints.length).toBeGreaterThan(0);
	});
});
