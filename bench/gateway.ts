/**
 * What the authorizing gateway costs: for GetItem, Query and PutObject, sequential latency through the
 * sandbox endpoint (SigV4 check + mapping + IAM evaluation + proxy) against the same call sent straight to
 * dynalite / the S3 store's own unchecked port, interleaved in the same run with the same client settings; then requests per second
 * through the gateway at concurrency 16. Loopback only, bounded loops.
 */
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { sandboxRuntimeConfig } from '../sandbox/app';
import { playerPartition, playerPrefix } from '../src/lib/config/data-layout';
import { startOwnGateway } from './own-gateway';

const WARMUP = 50;
const SAMPLES = 300;
const CONCURRENCY = 16;
const CONCURRENT_REQUESTS = 800;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type Call = () => Promise<unknown>;

/** Runs the benchmark and prints one line per operation. */
export async function benchGateway(): Promise<void> {
	const own = await startOwnGateway();
	const { sandbox } = own;
	try {
		const credentials = await playerCredentials(
			sandbox.awsEndpoint,
			sandbox.roleArns[0]!,
			await sandbox.idps[0]!.issueIdToken('alice'),
		);
		const region = sandbox.config.region;
		const common = { region, maxAttempts: 1 };
		const viaGateway = {
			dynamodb: new DynamoDBClient({ ...common, endpoint: own.endpointUrl, credentials }),
			s3: new S3Client({
				...common,
				endpoint: own.endpointUrl,
				credentials,
				forcePathStyle: true,
				requestChecksumCalculation: 'WHEN_REQUIRED',
			}),
		};
		const direct = {
			dynamodb: new DynamoDBClient({
				...common,
				endpoint: own.direct.dynamodb,
				credentials,
			}),
			// The store's direct port checks no signature.
			s3: new S3Client({
				...common,
				endpoint: own.direct.s3,
				credentials,
				forcePathStyle: true,
				requestChecksumCalculation: 'WHEN_REQUIRED',
			}),
		};
		// alice's own data, in the layout her role allows (src/lib/config/data-layout.ts).
		const alice = { segment: sandboxRuntimeConfig(sandbox).providers[0]!.dataSegment, id: 'alice' };
		const key = { UserId: { S: playerPartition(alice) }, GameTitle: { S: 'Meteor' } };
		await viaGateway.dynamodb.send(new GetItemCommand({ TableName: 'GameScores', Key: key }));
		const body = 'x'.repeat(1024);
		const operations: [string, (c: typeof direct) => Call][] = [
			[
				'GetItem',
				(c) => () => c.dynamodb.send(new GetItemCommand({ TableName: 'GameScores', Key: key })),
			],
			[
				'Query',
				(c) => () =>
					c.dynamodb.send(
						new QueryCommand({
							TableName: 'GameScores',
							KeyConditionExpression: 'UserId = :u',
							ExpressionAttributeValues: { ':u': key.UserId },
						}),
					),
			],
			[
				'PutObject',
				(c) => () =>
					c.s3.send(
						new PutObjectCommand({
							Bucket: 'fedplay-game-data',
							Key: `${playerPrefix(alice)}bench.json`,
							Body: body,
						}),
					),
			],
		];
		console.log(
			`gateway benchmark: ${SAMPLES} sequential samples after ${WARMUP} warm-up, interleaved; ${CONCURRENT_REQUESTS} requests at concurrency ${CONCURRENCY}`,
		);
		console.log(
			'operation   gateway p50/p99 ms   direct p50/p99 ms   added p50/p99 ms   ratio p50   req/s @16',
		);
		for (const [name, make] of operations) {
			const [gw, dr] = await interleaved(make(viaGateway), make(direct));
			const rps = await throughput(make(viaGateway));
			console.log(
				[
					name.padEnd(10),
					`${fmt(gw.p50)} / ${fmt(gw.p99)}`.padEnd(20),
					`${fmt(dr.p50)} / ${fmt(dr.p99)}`.padEnd(19),
					`${fmt(gw.p50 - dr.p50)} / ${fmt(gw.p99 - dr.p99)}`.padEnd(18),
					`${(gw.p50 / dr.p50).toFixed(2)}x`.padEnd(11),
					rps.toFixed(0),
				].join(' '),
			);
		}
		for (const client of [...Object.values(viaGateway), ...Object.values(direct)]) client.destroy();
	} finally {
		await own.close();
	}
}

async function playerCredentials(
	endpoint: string,
	roleArn: string,
	token: string,
): Promise<Credentials> {
	const sts = new STSClient({ region: 'us-east-1', endpoint });
	const answer = await sts.send(
		new AssumeRoleWithWebIdentityCommand({
			RoleArn: roleArn,
			RoleSessionName: 'bench',
			WebIdentityToken: token,
		}),
	);
	sts.destroy();
	const c = answer.Credentials!;
	return {
		accessKeyId: c.AccessKeyId!,
		secretAccessKey: c.SecretAccessKey!,
		sessionToken: c.SessionToken!,
	};
}

/** Alternates gateway and direct calls so both see the same machine load; returns their percentiles. */
async function interleaved(viaGateway: Call, direct: Call): Promise<[Percentiles, Percentiles]> {
	for (let i = 0; i < WARMUP; i++) {
		await viaGateway();
		await direct();
	}
	const gw: number[] = [];
	const dr: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		gw.push(await timed(viaGateway));
		dr.push(await timed(direct));
	}
	return [percentiles(gw), percentiles(dr)];
}

async function throughput(call: Call): Promise<number> {
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next++ < CONCURRENT_REQUESTS) await call();
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return CONCURRENT_REQUESTS / ((performance.now() - started) / 1000);
}

async function timed(call: Call): Promise<number> {
	const started = performance.now();
	await call();
	return performance.now() - started;
}

interface Percentiles {
	p50: number;
	p99: number;
}

function percentiles(samples: number[]): Percentiles {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
	return { p50: at(0.5), p99: at(0.99) };
}

function fmt(ms: number): string {
	return ms.toFixed(2);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await benchGateway();
}
