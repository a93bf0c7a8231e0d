/**
 * The inspector explains a call with the very mapping the gateway decided it with (src/lib/iam/request), so
 * the two cannot disagree. A session makes the game's own calls, reaches for another player's data, tries
 * every leaderboard variant that once leaked UserId, and does it all again under scope-down session
 * policies; the app's call log records each signed request (redacted). For every S3 and DynamoDB call the
 * gateway answered after asking IAM, the request the inspector rebuilds from that record is allowed by the
 * session's known policies exactly when the gateway allowed it — and a denial names the same action and
 * resource the gateway's AccessDenied named.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import {
	AbortMultipartUploadCommand,
	CompleteMultipartUploadCommand,
	CopyObjectCommand,
	CreateMultipartUploadCommand,
	DeleteObjectsCommand,
	ListMultipartUploadsCommand,
	ListPartsCommand,
	PutObjectCommand,
	UploadPartCommand,
	type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { CallLog, type CallLogEntry } from '../../src/lib/aws/call-log';
import { attachCallLog } from '../../src/lib/aws/call-log-middleware';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { loadLeaderboard } from '../../src/lib/game/leaderboard';
import { loadProfile, saveProfile } from '../../src/lib/game/profile';
import { deleteSave, listSaves, loadSave, saveGame } from '../../src/lib/game/saves';
import { loadMyRuns, loadMyStats, recordRun } from '../../src/lib/game/scores';
import { evaluate, type PolicySet } from '../../src/lib/iam';
import type { AuthzRequest } from '../../src/lib/iam/types';
import { explainCall } from '../../src/lib/inspector/explain-call';
import { explainEntryDenial } from '../../src/lib/inspector/explain-entry';
import { runGameCallsProbe } from '../../src/lib/inspector/game-probe';
import { DENIED_DEMOS } from '../../src/lib/inspector/playground';
import { POLICY_PRESETS } from '../../src/lib/inspector/presets';
import {
	playerOf,
	requestContextOf,
	type SessionIdentity,
} from '../../src/lib/inspector/request-context';
import { knownPolicySet, roleFromTemplate } from '../../src/lib/inspector/role-policies';
import { sessionFacts, sessionIdentity } from '../../src/lib/inspector/session-facts';
import { assumePlayerRole, clientsFor, destroyClients, startTestSandbox } from './gateway-clients';
import { LEAK_ATTEMPTS, PUBLIC_READS } from './leaderboard-variants';

let sandbox: Sandbox;
let config: ReturnType<typeof sandboxRuntimeConfig>;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	config = sandboxRuntimeConfig(sandbox);
});

afterAll(async () => {
	await sandbox?.close();
});

interface Session {
	log: CallLog;
	identity: SessionIdentity;
	policies: PolicySet;
}

/**
 * Signs alice in (with `policy` as the session policy) and makes every call, each logged; the identity and
 * policies are the inspector's own, read from the log and the bundled template as the panel reads them.
 */
async function playSession(policy: object | null): Promise<Session> {
	const log = new CallLog();
	const credentials = await assumePlayerRole(sandbox, 'alice', policy ?? undefined, log);
	const facts = sessionFacts(log.entries());
	const identity = sessionIdentity(facts, config, config.providers[0]!.dataSegment);
	if (facts === null || identity === null) throw new Error('the log shows no session');
	const data = createGameData({
		config,
		credentials: async () => credentials,
		callLog: log,
		maxAttempts: 1,
	});
	const raw = clientsFor(sandbox, credentials);
	attachCallLog(raw.dynamodb, log);
	attachCallLog(raw.s3, log);
	try {
		await gameCalls(data, identity);
		await s3ToolCalls(raw.s3);
		for (const [, input] of [...LEAK_ATTEMPTS, ...PUBLIC_READS]) {
			await raw.dynamodb.send(new QueryCommand(input)).catch(() => undefined);
		}
	} finally {
		data.destroy();
		destroyClients(raw);
	}
	const policies = knownPolicySet(roleFromTemplate(config, facts.roleArn!), facts.sessionPolicy);
	return { log, identity, policies };
}

/** What the game does with its own data, then the inspector's demos at another player's. */
async function gameCalls(data: GameData, identity: SessionIdentity): Promise<void> {
	const player = playerOf(identity)!;
	const profile = {
		version: 1 as const,
		displayName: 'Alice',
		avatarColor: '#3a7bd5',
		preferences: {},
	};
	const save = {
		version: 1 as const,
		slot: 2 as const,
		savedAt: '2026-01-01T00:00:00.000Z',
		state: { level: 3 },
	};
	const run = {
		runId: '7d3c1f5e-0000-4000-8000-000000000001',
		score: 42,
		playedAt: '2026-01-01T00:00:00.000Z',
		durationMs: 60_000,
		displayName: 'Alice',
		won: true,
	};
	const calls: (() => Promise<unknown>)[] = [
		() => loadProfile(data, player),
		() => saveProfile(data, player, profile, null),
		() => saveGame(data, player, save, null),
		() => listSaves(data, player),
		() => loadSave(data, player, 2),
		() => deleteSave(data, player, 2),
		() => recordRun(data, player, run),
		() => loadMyStats(data, player),
		() => loadMyRuns(data, player),
		() => loadLeaderboard(data),
		() => runGameCallsProbe(data, player),
		...DENIED_DEMOS.map((demo) => () => demo.run(data, player)),
	];
	for (const call of calls) await call().catch(() => undefined);
}

/**
 * What AWS's own tools do beyond the game's calls (issue 13): a multipart upload, copies, DeleteObjects of
 * her own keys, and the same reaching into bob's folder (each denied by IAM).
 */
async function s3ToolCalls(s3: S3Client): Promise<void> {
	const Bucket = 'fedplay-game-data';
	const own = 'players/oidc1/alice/tools';
	const bobs = 'players/oidc1/bob/profile.json';
	const attempt = (call: () => Promise<unknown>) => call().catch(() => undefined);
	await attempt(() => s3.send(new PutObjectCommand({ Bucket, Key: `${own}/a`, Body: 'a' })));
	const created = await s3
		.send(new CreateMultipartUploadCommand({ Bucket, Key: `${own}/big` }))
		.catch(() => undefined);
	const UploadId = created?.UploadId ?? 'none';
	const part = await s3
		.send(new UploadPartCommand({ Bucket, Key: `${own}/big`, UploadId, PartNumber: 1, Body: 'p' }))
		.catch(() => undefined);
	await attempt(() => s3.send(new ListPartsCommand({ Bucket, Key: `${own}/big`, UploadId })));
	await attempt(() =>
		s3.send(
			new CompleteMultipartUploadCommand({
				Bucket,
				Key: `${own}/big`,
				UploadId,
				MultipartUpload: { Parts: [{ ETag: part?.ETag ?? '"x"', PartNumber: 1 }] },
			}),
		),
	);
	const second = await s3
		.send(new CreateMultipartUploadCommand({ Bucket, Key: `${own}/aborted` }))
		.catch(() => undefined);
	await attempt(() =>
		s3.send(
			new AbortMultipartUploadCommand({
				Bucket,
				Key: `${own}/aborted`,
				UploadId: second?.UploadId ?? 'none',
			}),
		),
	);
	for (const [Key, CopySource] of [
		[`${own}/copy`, `${Bucket}/${own}/a`],
		[`${own}/stolen`, `${Bucket}/${bobs}`],
		['players/oidc1/bob/planted', `${Bucket}/${own}/a`],
	] as const) {
		await attempt(() => s3.send(new CopyObjectCommand({ Bucket, Key, CopySource })));
	}
	await attempt(() =>
		s3.send(
			new DeleteObjectsCommand({
				Bucket,
				Delete: { Objects: [{ Key: `${own}/a` }, { Key: bobs }, { Key: `${own}/copy` }] },
			}),
		),
	);
	await attempt(() => s3.send(new ListPartsCommand({ Bucket, Key: bobs, UploadId: 'anything' })));
	await attempt(() => s3.send(new ListMultipartUploadsCommand({ Bucket })));
}

/** The storage calls the gateway answered after asking IAM: allowed, or denied by IAM. */
function decidedCalls(log: CallLog): CallLogEntry[] {
	return log
		.entries()
		.filter((e) => e.service !== 'STS')
		.filter(
			(e) => e.ok || e.error?.category === 'access-denied' || e.status === 404 || isConditional(e),
		);
}

/** Errors the service gives only after IAM allowed the request. */
function isConditional(entry: CallLogEntry): boolean {
	return [
		'ConditionalCheckFailedException',
		'TransactionCanceledException',
		'PreconditionFailed',
	].includes(entry.error?.code ?? '');
}

const sessions: [string, object | null][] = [
	['the role alone', null],
	...POLICY_PRESETS.map((preset): [string, object] => [
		`session policy "${preset.id}"`,
		preset.document,
	]),
];

/**
 * A DeleteObjects is decided key by key: the gateway answers 200 and names each key it refused in an
 * `<Error>`; the inspector's one request per key must be denied exactly for those.
 */
function perKeyDisagreements(
	entry: CallLogEntry,
	requests: AuthzRequest[],
	policies: PolicySet,
): string[] {
	const errors = (entry.output?.Errors ?? []) as { Key?: string; Code?: string }[];
	const refused = new Set(errors.filter((e) => e.Code === 'AccessDenied').map((e) => e.Key));
	expect(requests.length).toBeGreaterThan(0);
	return requests.flatMap((request) => {
		const key = request.resource.replace(/^arn:aws:s3:::[^/]+\//, '');
		const gatewayAllowed = !refused.has(key);
		const inspectorAllowed = evaluate(request, policies).decision === 'allow';
		return gatewayAllowed === inspectorAllowed
			? []
			: [`DeleteObjects of ${key}: gateway ${gatewayAllowed}, inspector ${inspectorAllowed}`];
	});
}

describe.each(sessions)('with %s', (_name, policy) => {
	let session: Session;
	beforeAll(async () => {
		session = await playSession(policy);
	}, 60_000);

	it('rebuilds every call the gateway decided, and decides it the same way', () => {
		const calls = decidedCalls(session.log);
		expect(calls.length).toBeGreaterThan(20);
		// The tools' operations are among them, each rebuilt from the log.
		const operations = new Set(calls.map((e) => e.operation));
		for (const operation of ['CopyObject', 'DeleteObjects', 'ListMultipartUploads']) {
			expect([...operations], operation).toContain(operation);
		}
		const disagreements = calls.flatMap((entry) => {
			const requests = requestContextOf(entry, session.identity);
			if (entry.operation === 'DeleteObjects' && entry.ok)
				return perKeyDisagreements(entry, requests, session.policies);
			const gatewayAllowed = entry.ok || entry.error?.category !== 'access-denied';
			const inspectorAllowed =
				requests.length > 0 &&
				requests.every((r) => evaluate(r, session.policies).decision === 'allow');
			return inspectorAllowed === gatewayAllowed
				? []
				: [
						`${entry.operation} ${entry.request?.url}: gateway ${gatewayAllowed}, inspector ${inspectorAllowed}`,
					];
		});
		expect(disagreements).toEqual([]);
	});

	it('names, for each denial, the action and resource the gateway named', () => {
		const denials = decidedCalls(session.log).filter(
			(e) => !e.ok && e.error?.category === 'access-denied',
		);
		expect(denials.length).toBeGreaterThan(0);
		for (const entry of denials) {
			const [first] = explainEntryDenial(entry, session.identity, session.policies);
			expect(first?.explanation.decision.decision, entry.request?.url).toBe('deny');
			const explained = explainCall(entry);
			expect([first?.action, first?.resource]).toEqual([explained?.action, explained?.resource]);
		}
	});
});
