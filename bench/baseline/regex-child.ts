/**
 * Child-process entry for the baseline: runs the old regex matcher once on the job in argv[2] and reports the
 * time to the parent. It runs in its own process because it may never finish; the parent kills it on timeout.
 */
import { regexWildcardMatches, type BaselineKind } from './regex-wildcard';

export interface BaselineJob {
	kind: BaselineKind;
	pattern: string;
	value: string;
}

export interface BaselineResult {
	ms: number;
	matched: boolean;
}

const job = JSON.parse(process.argv[2] ?? '{}') as BaselineJob;
const start = performance.now();
const matched = regexWildcardMatches(job.kind, job.pattern, job.value);
const result: BaselineResult = { ms: performance.now() - start, matched };
process.send?.(result);
