/**
 * Issue 11: a session policy with many `*` and one request with a long key used to block the event loop for
 * minutes (the old matcher compiled wildcards into a backtracking RegExp). Every `*`-heavy shape IAM reads —
 * Resource, NotResource, Action, StringLike, ArnLike, in-segment ARN wildcards, `?`-dense runs — against 1 KB and
 * 10 KB strings and against the largest sizes AWS allows: a 2,048-character session policy (STS
 * AssumeRoleWithWebIdentity `Policy`), a 1,024-byte S3 key and a 2,048-byte DynamoDB partition key.
 *
 * These are guards against a hang, not speed tests: the timeout is generous and only there so a regression fails
 * instead of stalling the run. Each case also checks the decision, with strings that just miss and just match.
 */
import { describe, expect, it } from 'vitest';
import {
	evaluate,
	parsePolicy,
	type AuthzRequest,
	type PolicyStatement,
} from '../../../src/lib/iam';
import { request } from './helpers';

const HANG_GUARD_MS = 60_000;
const BUCKET = 'arn:aws:s3:::fedplay-data';
/** STS AssumeRoleWithWebIdentity: `Policy` is 1–2,048 characters. */
const MAX_SESSION_POLICY = 2048;
/** S3: object keys up to 1,024 bytes of UTF-8. */
const MAX_S3_KEY = 1024;
/** DynamoDB: a partition key value up to 2,048 bytes. */
const MAX_PARTITION_KEY = 2048;

const document = (statement: PolicyStatement) => ({
	Version: '2012-10-17',
	Statement: [{ Sid: 'Scope', ...statement }],
});

/** The statement with `stars` repeated as often as fits a 2,048-character session policy. */
function largest(statement: (stars: string) => PolicyStatement, unit = '*a'): PolicyStatement {
	let count = 1;
	while (JSON.stringify(document(statement(unit.repeat(count + 1)))).length <= MAX_SESSION_POLICY)
		count++;
	return statement(unit.repeat(count));
}

const twelve = '*a'.repeat(12);
const a = (length: number) => 'a'.repeat(length);
const allowAll = parsePolicy(
	{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
	'Role',
	'identity-based',
);

/** Evaluates `req` under the role (allows everything) and the session policy, which therefore decides. */
function underSessionPolicy(statement: PolicyStatement, req: AuthzRequest) {
	const text = JSON.stringify(document(statement));
	expect(text.length).toBeLessThanOrEqual(MAX_SESSION_POLICY);
	const session = parsePolicy(text, 'session-policy', 'session');
	return evaluate(req, { identity: [allowAll], session: [session] }).decision;
}

const resource = (stars: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: 's3:GetObject',
	Resource: `${BUCKET}/players/${stars}*b`,
});
const notResource = (stars: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: 's3:GetObject',
	NotResource: `${BUCKET}/players/${stars}*b`,
});
const action = (stars: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: `s3:${stars}*b`,
	Resource: '*',
});
const stringLike = (key: string) => (stars: string) => ({
	Effect: 'Allow' as const,
	Action: '*',
	Resource: '*',
	Condition: { StringLike: { [key]: `${stars}*b` } },
});
const arnLike = (stars: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: '*',
	Resource: '*',
	Condition: { ArnLike: { 'aws:SourceArn': `${BUCKET}/${stars}*b` } },
});
/** `*` inside the service segment: `[^:]*` runs, which backtracked just as badly. */
const inSegment = (stars: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: '*',
	Resource: '*',
	Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:${stars}*b:::x` } },
});
/** One long run of `?` and letters between two `*`: a single block as long as the policy allows. */
const questionMarks = (run: string): PolicyStatement => ({
	Effect: 'Allow',
	Action: 's3:GetObject',
	Resource: `${BUCKET}/*${run}b*`,
});

const s3Object = (key: string) => request({ resource: `${BUCKET}/${key}` });
const withKey = (name: string, value: string) => request({ context: { [name]: value } });

type Case = [string, PolicyStatement, AuthzRequest, 'allow' | 'deny'];

describe('wildcard matching on hostile sizes finishes, and decides right', () => {
	it.each<Case>([
		['Resource, 12 `*`, 1 KB key', resource(twelve), s3Object(`players/${a(1024)}`), 'deny'],
		['Resource, 12 `*`, 10 KB key', resource(twelve), s3Object(`players/${a(10240)}`), 'deny'],
		[
			'Resource, 12 `*`, 10 KB key ending in b',
			resource(twelve),
			s3Object(`players/${a(10240)}b`),
			'allow',
		],
		[
			'Resource, largest policy, largest S3 key',
			largest(resource),
			s3Object(`players/${a(MAX_S3_KEY - 8)}`),
			'deny',
		],
		[
			'Resource, largest policy, largest S3 key ending in b',
			largest(resource),
			s3Object(`players/${a(MAX_S3_KEY - 9)}b`),
			'allow',
		],
		[
			'NotResource, largest policy, 10 KB key',
			largest(notResource),
			s3Object(`players/${a(10240)}`),
			'allow',
		],
		[
			'Action, largest policy, 10 KB action',
			largest(action),
			request({ action: `s3:${a(10240)}` }),
			'deny',
		],
		[
			'Action, largest policy, 1 KB action ending in B',
			largest(action),
			request({ action: `s3:${a(1024)}B` }),
			'allow',
		],
		[
			'StringLike, 12 `*`, 10 KB value',
			stringLike('s3:prefix')(twelve),
			withKey('s3:prefix', a(10240)),
			'deny',
		],
		[
			'StringLike, largest policy, largest S3 key as prefix',
			largest(stringLike('s3:prefix')),
			withKey('s3:prefix', a(MAX_S3_KEY)),
			'deny',
		],
		[
			'StringLike, largest policy, largest DynamoDB partition key',
			largest(stringLike('dynamodb:LeadingKeys')),
			withKey('dynamodb:LeadingKeys', a(MAX_PARTITION_KEY)),
			'deny',
		],
		[
			'StringLike, largest policy, largest partition key ending in b',
			largest(stringLike('dynamodb:LeadingKeys')),
			withKey('dynamodb:LeadingKeys', `${a(MAX_PARTITION_KEY - 1)}b`),
			'allow',
		],
		[
			'ArnLike, largest policy, 10 KB ARN',
			largest(arnLike),
			withKey('aws:SourceArn', `${BUCKET}/${a(10240)}`),
			'deny',
		],
		[
			'ArnLike, `*` inside a segment, 10 KB segment',
			largest(inSegment),
			withKey('aws:SourceArn', `arn:aws:${a(10240)}:::x`),
			'deny',
		],
		[
			'ArnLike, `*` inside a segment, 1 KB segment ending in b',
			largest(inSegment),
			withKey('aws:SourceArn', `arn:aws:${a(1024)}b:::x`),
			'allow',
		],
		// The run is longer than the largest S3 key, so no key matches it; a 10 KB string can.
		[
			'`?` run, largest policy, largest S3 key',
			largest(questionMarks, 'a?'),
			s3Object(`${a(MAX_S3_KEY - 1)}b`),
			'deny',
		],
		[
			'`?` run, largest policy, 10 KB key',
			largest(questionMarks, 'a?'),
			s3Object(a(10240)),
			'deny',
		],
		[
			'`?` run, largest policy, 10 KB key ending in b',
			largest(questionMarks, 'a?'),
			s3Object(`${a(10239)}b`),
			'allow',
		],
	])('%s', { timeout: HANG_GUARD_MS }, (_name, statement, req, decision) => {
		expect(underSessionPolicy(statement, req)).toBe(decision);
	});
});
