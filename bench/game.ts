/**
 * The game's data layer against the sandbox:
 * (a) "signed in → the player's data shown": fresh data calls + `readPlayerData` with every part, which is
 *     what GameSession runs once signed in (profile, own stats, top 10, recent runs and saves in parallel),
 *     against the sum of the raw round trips measured in the same run — S3 GetObject and ListObjectsV2,
 *     DynamoDB GetItem and two Queries (the same five reads, one at a time), and STS
 *     AssumeRoleWithWebIdentity for the variant that counts the sign-in call on both sides. Against
 *     loopback every request is CPU work (SDK signing and parsing here; SigV4 check, IAM, a proxy hop
 *     and the emulator there), and each process does its CPU work one request at a time, so three
 *     "parallel" reads cost about the sum of three; against AWS the wait is the network, and they
 *     overlap. The completion times of the three parallel reads show which case a run is in. The sandbox runs in a child process (game-sandbox.ts):
 *     in one process the servers' work would share the client's event loop and serialize the
 *     parallel reads, which a browser talking to AWS never sees;
 * (b) the leaderboard query with 100,000 score items in the table, loaded straight into dynalite
 *     (behind the gateway) with BatchWriteItem. Loopback only; every loop is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
	BatchWriteItemCommand,
	DynamoDBClient,
	GetItemCommand,
	QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { sandboxRuntimeConfig } from '../sandbox/app';
import { startOwnGateway } from './own-gateway';
import { createGameData, type GameData } from '../src/lib/game/data';
import { ALL_PARTS, readPlayerData } from '../src/lib/game/data-layer';
import { loadLeaderboard } from '../src/lib/game/leaderboard';
import { profileKey, saveProfile } from '../src/lib/game/profile';
import { savesPrefix } from '../src/lib/game/saves';
import { GAME_TITLE, recordRun } from '../src/lib/game/scores';
import { playerPartition, type PlayerIdentity } from '../src/lib/config/data-layout';

const WARMUP = 5;
const SAMPLES = 40;
const SCORES = Number(process.env.FEDPLAY_BENCH_SCORES ?? 100_000);
const BATCH = 25;
const LOAD_CONCURRENCY = 8;
const QUERY_SAMPLES = 100;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string };

export async function benchGame(): Promise<void> {
	await signedInToShownOutOfProcess();
	await leaderboardAtScale();
}

type Config = ReturnType<typeof sandboxRuntimeConfig>;

/** (a), against a sandbox in a child process (its own event loop, as a real service would have). */
async function signedInToShownOutOfProcess(): Promise<void> {
	const { child, config } = await startChildSandbox();
	try {
		const idToken = async () => {
			const url = `${config.providers[0]!.issuer}/__sandbox/id-token?player=alice`;
			return ((await (await fetch(url)).json()) as { id_token: string }).id_token;
		};
		const target = { config, provider: config.providers[0]!, idToken };
		const { credentials, player } = await signIn(target);
		await seed(config, credentials, player);
		await signedInToShown(target, player);
		await warmReads(config, credentials, player);
	} finally {
		child.kill('SIGTERM');
	}
}

function startChildSandbox(): Promise<{ child: ChildProcess; config: Config }> {
	const child = spawn('node_modules/.bin/tsx', ['bench/game-sandbox.ts'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('child sandbox did not start in 60 s')),
			60_000,
		);
		child.once('exit', (code) => reject(new Error(`child sandbox exited (${code})`)));
		createInterface({ input: child.stdout! }).on('line', (line) => {
			if (!line.startsWith('READY ')) return;
			clearTimeout(timer);
			resolve({ child, config: JSON.parse(line.slice(6)) as Config });
		});
	});
}

interface Target {
	config: Config;
	provider: Config['providers'][number];
	idToken: () => Promise<string>;
}

async function signIn(
	target: Target,
): Promise<{ credentials: Credentials; player: PlayerIdentity }> {
	const sts = new STSClient({ region: target.config.region, endpoint: target.config.endpoint });
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: target.provider.roleArn,
				RoleSessionName: 'bench-alice',
				WebIdentityToken: await target.idToken(),
			}),
		);
		const c = answer.Credentials!;
		return {
			credentials: {
				accessKeyId: c.AccessKeyId!,
				secretAccessKey: c.SecretAccessKey!,
				sessionToken: c.SessionToken!,
			},
			player: { segment: target.provider.dataSegment, id: answer.SubjectFromWebIdentityToken! },
		};
	} finally {
		sts.destroy();
	}
}

/** alice's profile and a first run, so every read has something to return. */
async function seed(
	config: Config,
	credentials: Credentials,
	player: PlayerIdentity,
): Promise<void> {
	const data = createGameData({ config, credentials: async () => credentials });
	const profile = {
		version: 1 as const,
		displayName: 'Alice',
		avatarColor: '#3a7bd5',
		preferences: {},
	};
	await saveProfile(data, player, profile, null);
	const run = { runId: crypto.randomUUID(), score: 1234, durationMs: 60_000, won: true };
	await recordRun(data, player, {
		...run,
		playedAt: new Date().toISOString(),
		displayName: 'Alice',
	});
	data.destroy();
}

/** The five reads GameSession makes once signed in, each as one raw SDK request. */
const RAW_READS: {
	name: string;
	run: (raw: RawClients, config: Config, p: PlayerIdentity) => Promise<unknown>;
}[] = [
	{
		name: 'S3 GetObject (profile)',
		run: (raw, config, player) =>
			raw.s3
				.send(new GetObjectCommand({ Bucket: config.bucket, Key: profileKey(player) }))
				.then((r) => r.Body?.transformToString()),
	},
	{
		name: 'S3 ListObjectsV2 (saves)',
		run: (raw, config, player) =>
			raw.s3.send(
				new ListObjectsV2Command({
					Bucket: config.bucket,
					Prefix: savesPrefix(player),
					MaxKeys: 100,
				}),
			),
	},
	{
		name: 'DynamoDB GetItem (own stats)',
		run: (raw, config, player) =>
			raw.ddb.send(
				new GetItemCommand({
					TableName: config.table,
					Key: { UserId: { S: playerPartition(player) }, GameTitle: { S: GAME_TITLE } },
					ConsistentRead: true,
				}),
			),
	},
	{
		name: 'DynamoDB Query (leaderboard)',
		run: (raw, config) =>
			raw.ddb.send(
				new QueryCommand({
					TableName: config.table,
					IndexName: 'GameTitleIndex',
					KeyConditionExpression: 'GameTitle = :g',
					ExpressionAttributeValues: { ':g': { S: GAME_TITLE } },
					ProjectionExpression: 'DisplayName, TopScore, TopScoreDateTime',
					Select: 'SPECIFIC_ATTRIBUTES',
					ScanIndexForward: false,
					Limit: 10,
				}),
			),
	},
	{
		name: 'DynamoDB Query (recent runs)',
		run: (raw, config, player) =>
			raw.ddb.send(
				new QueryCommand({
					TableName: config.table,
					KeyConditionExpression: 'UserId = :u AND begins_with(GameTitle, :p)',
					ExpressionAttributeValues: {
						':u': { S: playerPartition(player) },
						':p': { S: `${GAME_TITLE}#run#` },
					},
					ScanIndexForward: false,
					Limit: 5,
				}),
			),
	},
];

/** Each raw read once, one after another: the milliseconds of each. */
async function rawRoundTrips(raw: RawClients, config: Config, player: PlayerIdentity) {
	const ms: number[] = [];
	for (const read of RAW_READS) ms.push(await timed(() => read.run(raw, config, player)));
	return ms;
}

/** What GameSession reads right after sign-in: every part, in parallel (data-layer.ts). */
const shownAfterSignIn = (data: GameData, player: PlayerIdentity) =>
	readPlayerData(data, player, ALL_PARTS);

/** (a): fresh calls + GameSession's reads vs. the raw round trips, alternated so both see the same load. */
async function signedInToShown(target: Target, player: PlayerIdentity): Promise<void> {
	const { config } = target;
	const token = await target.idToken();
	const rows = {
		sts: [] as number[],
		raw: RAW_READS.map(() => [] as number[]),
		shown: [] as number[],
		build: [] as number[],
	};
	for (let i = 0; i < WARMUP + SAMPLES; i++) {
		const sts = new STSClient({ region: config.region, endpoint: config.endpoint });
		const t0 = performance.now();
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: target.provider.roleArn,
				RoleSessionName: 'bench-alice',
				WebIdentityToken: token,
			}),
		);
		const stsMs = performance.now() - t0;
		sts.destroy();
		const c = answer.Credentials!;
		const credentials = async () => ({
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		});
		const raw = rawClients(config, credentials);
		const rawMs = await rawRoundTrips(raw, config, player);
		raw.s3.destroy();
		raw.ddb.destroy();
		// Building the calls is timed apart, as for the raw clients (built before their timers).
		const built = performance.now();
		const data = createGameData({ config, credentials, callLog: null });
		const buildMs = performance.now() - built;
		const shownMs = await timed(() => shownAfterSignIn(data, player));
		data.destroy();
		if (i < WARMUP) continue;
		rows.sts.push(stsMs);
		rawMs.forEach((ms, k) => rows.raw[k]!.push(ms));
		rows.shown.push(shownMs);
		rows.build.push(buildMs);
	}
	const [sts, shown, build] = [rows.sts, rows.shown, rows.build].map(median) as [
		number,
		number,
		number,
	];
	const raw = rows.raw.map(median);
	const rawSum = raw.reduce((a, b) => a + b, 0);
	console.log(`signed in → the player's data shown (median of ${SAMPLES}, fresh calls each time)`);
	console.log(`  raw STS AssumeRoleWithWebIdentity     ${fmt(sts)} ms`);
	RAW_READS.forEach((read, k) => console.log(`  raw ${read.name.padEnd(33)} ${fmt(raw[k]!)} ms`));
	console.log(`  GameSession's reads (5, parallel)     ${fmt(shown)} ms`);
	console.log(`  createGameData (not in the ratio)     ${fmt(build)} ms`);
	console.log(
		`  ratio, the same 5 reads: ${fmt(shown)} / (${raw.map(fmt).join(' + ')}) = ${(shown / rawSum).toFixed(2)} (target ≤ 1.2)`,
	);
	console.log(
		`  ratio, STS in both:      ${fmt(sts + shown)} / (${fmt(sts)} + ${fmt(rawSum)}) = ${((sts + shown) / (sts + rawSum)).toFixed(2)}`,
	);
}

/** The same reads on calls already warmed up: what parallel reads cost once first-call set-up is done. */
async function warmReads(
	config: Config,
	credentials: Credentials,
	player: PlayerIdentity,
): Promise<void> {
	const provider = async () => credentials;
	const raw = rawClients(config, provider);
	const data = createGameData({ config, credentials: provider, callLog: null });
	const rows = {
		raw: RAW_READS.map(() => [] as number[]),
		shown: [] as number[],
		done: RAW_READS.map(() => [] as number[]),
	};
	for (let i = 0; i < WARMUP + SAMPLES; i++) {
		const rawMs = await rawRoundTrips(raw, config, player);
		const shownMs = await timed(() => shownAfterSignIn(data, player));
		const done = await completionTimes(data, player);
		if (i < WARMUP) continue;
		rawMs.forEach((ms, k) => rows.raw[k]!.push(ms));
		rows.shown.push(shownMs);
		done.forEach((ms, k) => rows.done[k]!.push(ms));
	}
	const rawMs = rows.raw.map(median);
	const shown = median(rows.shown);
	console.log(
		`  warm calls (built once): GameSession's reads ${fmt(shown)} / (${rawMs.map(fmt).join(' + ')}) = ${(shown / rawMs.reduce((a, b) => a + b, 0)).toFixed(2)}`,
	);
	const finished = rows.done.map(median);
	console.log(
		`  the five parallel reads finish at: ${PARTS_IN_ORDER.map((part, k) => `${part} ${fmt(finished[k]!)}`).join(', ')} ms (staggered: CPU-bound, not waiting)`,
	);
	raw.s3.destroy();
	raw.ddb.destroy();
	data.destroy();
}

const PARTS_IN_ORDER = ['profile', 'saves', 'stats', 'leaderboard', 'runs'] as const;

/** When each of GameSession's five reads finishes, started together. */
async function completionTimes(data: GameData, player: PlayerIdentity) {
	const started = performance.now();
	const at = () => performance.now() - started;
	return Promise.all(PARTS_IN_ORDER.map((part) => readPlayerData(data, player, [part]).then(at)));
}

type RawClients = ReturnType<typeof rawClients>;

function rawClients(config: Config, credentials: () => Promise<Credentials>) {
	const common = { region: config.region, endpoint: config.endpoint, credentials };
	return {
		s3: new S3Client({
			...common,
			forcePathStyle: true,
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
		}),
		ddb: new DynamoDBClient(common),
	};
}

/**
 * (b) In process: a gateway of our own on the sandbox's sessions and infra, so its storage URL is known
 * for loading (as bench/gateway.ts does).
 */
async function leaderboardAtScale(): Promise<void> {
	const own = await startOwnGateway();
	const { sandbox } = own;
	try {
		const config = { ...sandboxRuntimeConfig(sandbox), endpoint: own.endpointUrl };
		const { credentials } = await signIn({
			config: { ...config, endpoint: sandbox.awsEndpoint },
			provider: config.providers[0]!,
			idToken: () => sandbox.idps[0]!.issueIdToken('alice'),
		});
		await loadAndQuery(config, credentials, own.direct.dynamodb);
	} finally {
		await own.close();
	}
}

/** 100,000 summary items straight into dynalite, then the leaderboard query through the gateway. */
async function loadAndQuery(config: Config, credentials: Credentials, dynamodbUrl: string) {
	const direct = new DynamoDBClient({
		region: config.region,
		endpoint: dynamodbUrl,
		credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
	});
	const started = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < SCORES) {
			const from = next;
			next += BATCH;
			const segment = config.providers[0]!.dataSegment;
			await writeBatch(direct, config.table, segment, from, Math.min(SCORES, from + BATCH));
		}
	};
	await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
	const loadSeconds = (performance.now() - started) / 1000;
	console.log(
		`leaderboard with ${SCORES.toLocaleString('en')} score items (loaded straight into dynalite in ${loadSeconds.toFixed(1)} s, ${Math.round(SCORES / loadSeconds)} items/s)`,
	);
	const data = createGameData({ config, credentials: async () => credentials });
	const top = await loadLeaderboard(data, 10);
	const samples: number[] = [];
	for (let i = 0; i < QUERY_SAMPLES; i++)
		samples.push(await timed(() => loadLeaderboard(data, 10)));
	samples.sort((a, b) => a - b);
	const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
	console.log(
		`  top-10 Query on GameTitleIndex through the gateway: p50 ${fmt(p(0.5))} ms, p99 ${fmt(p(0.99))} ms (${QUERY_SAMPLES} samples; #1 ${top[0]?.topScore})`,
	);
	data.destroy();
	direct.destroy();
}

async function writeBatch(
	client: DynamoDBClient,
	table: string,
	segment: string,
	from: number,
	to: number,
) {
	let items = Array.from({ length: to - from }, (_, k) => {
		const i = from + k;
		return {
			PutRequest: {
				Item: {
					UserId: { S: playerPartition({ segment, id: `bench-player-${i}` }) },
					GameTitle: { S: GAME_TITLE },
					TopScore: { N: String((i * 7919) % 1_000_003) },
					TopScoreDateTime: { S: new Date(1_767_225_600_000 + i * 1000).toISOString() },
					DisplayName: { S: `Player ${i}` },
				},
			},
		};
	});
	// dynalite may leave items unprocessed; resend them, a bounded number of times.
	for (let attempt = 0; attempt < 10 && items.length > 0; attempt++) {
		const answer = await client.send(
			new BatchWriteItemCommand({ RequestItems: { [table]: items } }),
		);
		items = (answer.UnprocessedItems?.[table] ?? []) as typeof items;
	}
	if (items.length > 0) throw new Error(`BatchWriteItem left ${items.length} items unprocessed`);
}

async function timed(call: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await call();
	return performance.now() - started;
}

function median(samples: number[]): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(ms: number): string {
	return ms.toFixed(2);
}
