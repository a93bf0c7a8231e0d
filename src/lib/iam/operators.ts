/**
 * The condition operators of the IAM User Guide, "IAM JSON policy elements: Condition operators"
 * (reference_policies_elements_condition_operators). Each compares one request value with one policy value;
 * `negated` operators are the Not… forms, whose values combine with NOR instead of OR.
 */
import { ipInCidr } from './ip';
import type { Resolved } from './variables';
import { compilePattern, wildcardMatches } from './wildcard-match';

export interface BaseOperator {
	negated: boolean;
	compare(actual: string, expected: Resolved): boolean;
}

const op = (negated: boolean, compare: BaseOperator['compare']): BaseOperator => ({
	negated,
	compare,
});

const equals = (a: string, e: Resolved) => a === e.value;
const equalsIgnoreCase = (a: string, e: Resolved) => a.toLowerCase() === e.value.toLowerCase();
const like = (a: string, e: Resolved) => wildcardMatches(compilePattern(e.plain), a);
// ArnEquals and ArnLike behave alike: both match each colon-delimited segment case-sensitively with wildcards.
const arnLike = (a: string, e: Resolved) => wildcardMatches(compilePattern(e.arn), a);
const ip = (a: string, e: Resolved) => ipInCidr(a, e.value);

function toNumber(text: string): number | null {
	const value = text.trim() === '' ? NaN : Number(text);
	return Number.isFinite(value) ? value : null;
}

/** ISO 8601 dates and times, or POSIX epoch seconds (how `aws:EpochTime` and many policies write them). */
function toTime(text: string): number | null {
	const trimmed = text.trim();
	const value = /^-?\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed);
	return Number.isFinite(value) ? value : null;
}

function numeric(parse: (t: string) => number | null, test: (a: number, e: number) => boolean) {
	return (a: string, e: Resolved): boolean => {
		const actual = parse(a);
		const expected = parse(e.value);
		return actual !== null && expected !== null && test(actual, expected);
	};
}

const eq = (a: number, e: number) => a === e;
const lt = (a: number, e: number) => a < e;
const le = (a: number, e: number) => a <= e;
const gt = (a: number, e: number) => a > e;
const ge = (a: number, e: number) => a >= e;

function bool(a: string, e: Resolved): boolean {
	const actual = a.toLowerCase();
	return (actual === 'true' || actual === 'false') && actual === e.value.toLowerCase();
}

export const OPERATORS: Readonly<Record<string, BaseOperator>> = {
	StringEquals: op(false, equals),
	StringNotEquals: op(true, equals),
	StringEqualsIgnoreCase: op(false, equalsIgnoreCase),
	StringNotEqualsIgnoreCase: op(true, equalsIgnoreCase),
	StringLike: op(false, like),
	StringNotLike: op(true, like),
	NumericEquals: op(false, numeric(toNumber, eq)),
	NumericNotEquals: op(true, numeric(toNumber, eq)),
	NumericLessThan: op(false, numeric(toNumber, lt)),
	NumericLessThanEquals: op(false, numeric(toNumber, le)),
	NumericGreaterThan: op(false, numeric(toNumber, gt)),
	NumericGreaterThanEquals: op(false, numeric(toNumber, ge)),
	DateEquals: op(false, numeric(toTime, eq)),
	DateNotEquals: op(true, numeric(toTime, eq)),
	DateLessThan: op(false, numeric(toTime, lt)),
	DateLessThanEquals: op(false, numeric(toTime, le)),
	DateGreaterThan: op(false, numeric(toTime, gt)),
	DateGreaterThanEquals: op(false, numeric(toTime, ge)),
	Bool: op(false, bool),
	BinaryEquals: op(false, equals),
	IpAddress: op(false, ip),
	NotIpAddress: op(true, ip),
	ArnEquals: op(false, arnLike),
	ArnLike: op(false, arnLike),
	ArnNotEquals: op(true, arnLike),
	ArnNotLike: op(true, arnLike),
};
