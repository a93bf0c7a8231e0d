/**
 * Issue 11: wildcard matching on hostile input. `evaluate()` with the player role's own policies and a session
 * policy holding a 20-`*` Resource pattern, against a 1 KB and a 10 KB key that just miss it (the worst case for
 * a backtracking matcher); beside it, in the same run, the old regex matcher (bench/baseline/) on the same 1 KB
 * key, in a child process killed after a timeout — it never finishes 10 KB. Then one `evaluate()` at the largest
 * sizes STS and S3 allow (a 2,048-character session policy, a 1,024-byte key) for each hostile policy shape,
 * beside the goal of 5 ms.
 */
import { evaluate, parsePolicy, type AuthzRequest, type PolicyStatement } from '../src/lib/iam';
import { playerPrefix } from '../src/lib/config/data-layout';
import { loadInfra, policySetFor } from '../sandbox/infra';
import { timeBaseline } from './baseline/time-in-child';

const GOAL_MS = 5;
const MAX_SESSION_POLICY = 2048;
const MAX_S3_KEY = 1024;
const BASELINE_TIMEOUT_MS = 10_000;
const BASELINE_GROWTH_TIMEOUT_MS = 3_000;

const infra = loadInfra({
	accountId: '123456789012',
	region: 'us-east-1',
	providers: [{ url: 'http://localhost:4000', clientId: 'fedplay-web' }],
	bucketName: 'fedplay-game-data',
	tableName: 'GameScores',
});
const BUCKET = `arn:aws:s3:::${infra.bucketName}`;
const ROLE = infra.roles[0]!;
/** alice's own folder, which the role grants: only the session policy stands in the way. */
const FOLDER = playerPrefix({ segment: ROLE.dataSegment!, id: 'alice' });

const sessionPolicy = (statement: PolicyStatement) =>
	JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

/** `shape(run)` with `unit` repeated as often as fits a 2,048-character session policy. */
function largest(shape: (run: string) => PolicyStatement, unit: string): string {
	let count = 1;
	while (sessionPolicy(shape(unit.repeat(count + 1))).length <= MAX_SESSION_POLICY) count++;
	return sessionPolicy(shape(unit.repeat(count)));
}

function policiesWith(sessionText: string) {
	const session = parsePolicy(sessionText, 'session-policy', 'session');
	return policySetFor(infra, { roleArn: ROLE.arn, sessionPolicies: [session] });
}

function request(key: string, context: Record<string, string> = {}): AuthzRequest {
	return {
		principal: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
		action: 's3:GetObject',
		resource: `${BUCKET}/${key}`,
		context: { 'localhost:4000:sub': 'alice', 'localhost:4000:aud': 'fedplay-web', ...context },
	};
}

interface Timing {
	/** Mean of warm calls on one parsed policy: what each request of the session costs. */
	warm: number;
	/** Median and worst first call on a freshly parsed copy, which compiles the policy's patterns. */
	firstMedian: number;
	firstMax: number;
}

const FRESH_COPIES = 21;
const WARM_RUNS = 200;

/** Milliseconds per `evaluate()`, warm and first (compiling), for one session policy and request. */
function timeEvaluate(sessionText: string, req: AuthzRequest): Timing {
	const firsts: number[] = [];
	let policies = policiesWith(sessionText);
	for (let copy = 0; copy < FRESH_COPIES; copy++) {
		policies = policiesWith(sessionText);
		const start = performance.now();
		evaluate(req, policies);
		firsts.push(performance.now() - start);
	}
	firsts.sort((x, y) => x - y);
	for (let i = 0; i < 20; i++) evaluate(req, policies);
	const start = performance.now();
	for (let i = 0; i < WARM_RUNS; i++) evaluate(req, policies);
	return {
		warm: (performance.now() - start) / WARM_RUNS,
		firstMedian: firsts[Math.floor(FRESH_COPIES / 2)]!,
		firstMax: firsts[FRESH_COPIES - 1]!,
	};
}

const describeTiming = (t: Timing) =>
	`${ms(t.warm)} per call; first call (compiles the policy) median ${ms(t.firstMedian)}, ` +
	`worst of ${FRESH_COPIES} ${ms(t.firstMax)}`;

const ms = (value: number) => `${value < 0.1 ? value.toFixed(4) : value.toFixed(2)} ms`;
const key = (length: number) => `${FOLDER}${'a'.repeat(length - FOLDER.length)}`;

const twentyStars = `${BUCKET}/${FOLDER}${'*a'.repeat(19)}*b`;

async function benchTwentyStars(): Promise<void> {
	const policy = sessionPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: twentyStars });
	for (const length of [1024, 10_240]) {
		const timing = timeEvaluate(policy, request(key(length)));
		console.log(
			`iam wildcards: evaluate, 20-\`*\` session policy, ${length / 1024} KB key: ` +
				describeTiming(timing),
		);
	}
	await benchBaseline();
}

async function benchBaseline(): Promise<void> {
	// The growth of the old matcher on short keys, until it first overruns, shows why 1 KB never ends.
	for (const length of [16, 20, 24, 28, 32]) {
		const value = `${BUCKET}/${FOLDER}${'a'.repeat(length)}`;
		const result = await timeBaseline(
			{ kind: 'arn', pattern: twentyStars, value },
			BASELINE_GROWTH_TIMEOUT_MS,
		);
		const shown =
			result === 'timeout' ? `over ${BASELINE_GROWTH_TIMEOUT_MS / 1000} s` : ms(result.ms);
		console.log(
			`  baseline (old regex matcher), same pattern, ${length}-character key tail: ${shown}`,
		);
		if (result === 'timeout') break;
	}
	const value = `${BUCKET}/${key(1024)}`;
	const result = await timeBaseline(
		{ kind: 'arn', pattern: twentyStars, value },
		BASELINE_TIMEOUT_MS,
	);
	console.log(
		`  baseline (old regex matcher), same pattern, 1 KB key: ` +
			(result === 'timeout'
				? `did not finish in ${BASELINE_TIMEOUT_MS / 1000} s (killed); 10 KB not attempted`
				: `${ms(result.ms)}`),
	);
}

/** The hostile shapes, each at the largest session policy STS accepts. */
const SHAPES: [string, string, AuthzRequest][] = [
	[
		'Resource, `*a` repeated',
		largest(
			(run) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/${run}*b` }),
			'*a',
		),
		request(key(MAX_S3_KEY)),
	],
	[
		'Resource, one run of `a?`',
		largest(
			(run) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*${run}b*` }),
			'a?',
		),
		request(key(MAX_S3_KEY)),
	],
	[
		'StringLike on s3:prefix, `*a` repeated',
		largest(
			(run) => ({
				Effect: 'Allow',
				Action: 's3:*',
				Resource: '*',
				Condition: { StringLike: { 's3:prefix': `${run}*b` } },
			}),
			'*a',
		),
		request(key(MAX_S3_KEY), { 's3:prefix': key(MAX_S3_KEY) }),
	],
	[
		'ArnLike, `*` inside an ARN segment',
		largest(
			(run) => ({
				Effect: 'Allow',
				Action: 's3:*',
				Resource: '*',
				Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:${run}*b:::x` } },
			}),
			'*a',
		),
		request(key(MAX_S3_KEY), { 'aws:SourceArn': `arn:aws:${'a'.repeat(MAX_S3_KEY)}:::x` }),
	],
];

function benchLargest(): void {
	for (const [shape, policy, req] of SHAPES) {
		const timing = timeEvaluate(policy, req);
		console.log(
			`iam wildcards: evaluate at the STS/S3 limits (${policy.length}-character session policy, ` +
				`${MAX_S3_KEY}-byte key), ${shape}: ${describeTiming(timing)} ` +
				`(goal < ${GOAL_MS} ms per evaluation: warm ${(timing.warm / GOAL_MS).toFixed(3)}×, ` +
				`first-call median ${(timing.firstMedian / GOAL_MS).toFixed(3)}× of goal)`,
		);
	}
}

export async function benchIamWildcards(): Promise<void> {
	await benchTwentyStars();
	benchLargest();
}
