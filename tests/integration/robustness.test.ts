/**
 * Hostile input against every sandbox endpoint at once: a few hundred malformed and oversized requests
 * (JSON, XML, forms, query strings, headers, JWTs, access tokens, broken HTTP framing, requests cut short) to
 * both OpenID providers, the Login with Amazon one, STS, Cognito Identity, S3, DynamoDB and the test-only routes, unsigned and signed with a real session of alice's
 * from STS. Every answer must be a well-formed error in the addressed service's wire shape, a 4xx unless a
 * case says why a 5xx may come; afterwards every service still answers a normal request within a second.
 * The inputs are seeded (`robustness-inputs.ts`), so every run sends the same ones.
 */
import { connect } from 'node:net';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	assumePlayerRole,
	clientsFor,
	destroyClients,
	startTestSandbox,
	type PlayerCredentials,
} from './gateway-clients';
import { assumeWithAccessToken } from './amazon-client';
import { sendRaw, signRequest, type RawAnswer } from './gateway-raw';
import { amazonRequests } from './robustness-amazon-inputs';
import {
	devClockRequests,
	dynamoRequests,
	idpRequests,
	rawRequests,
	s3Requests,
	seededRandom,
	stsRequests,
	type FuzzRaw,
	type FuzzRequest,
	type Server,
} from './robustness-inputs';
import { cognitoRequests } from './robustness-cognito-inputs';
import { wireShapeProblems } from './wire-shapes';

const SEED = 20_260_511;
/** Requests in flight at once: enough to overlap, few enough for a 2-core machine. */
const PARALLEL = 8;
/** A guard against a hang, not a speed measure: no single answer may take this long. */
const HANG_MS = 10_000;

let sandbox: Sandbox;
let alice: PlayerCredentials;
let requests: FuzzRequest[];
let raws: FuzzRaw[];

beforeAll(async () => {
	sandbox = await startTestSandbox();
	alice = await assumePlayerRole(sandbox, 'alice');
	const real = await sandbox.idps[0]!.issueIdToken('alice');
	const random = seededRandom(SEED);
	requests = [
		...stsRequests(real, sandbox.roleArns[0]!),
		...dynamoRequests(random),
		...s3Requests(),
		...idpRequests(real, 'idp0'),
		...idpRequests(await sandbox.idps[1]!.issueIdToken('bob'), 'idp1'),
		...devClockRequests(),
		...amazonRequests(sandbox.amazon.app.clientId, sandbox.amazon.issueAccessToken('alice'), real),
		...cognitoRequests(random, sandbox.identityPools[0]!.id, real),
	];
	raws = (['aws', 'idp0', 'idp1', 'amazon'] as const).flatMap(rawRequests);
});

afterAll(async () => {
	await sandbox?.close();
});

function endpointOf(server: Server): string {
	const endpoints: Record<Server, string> = {
		aws: sandbox.awsEndpoint,
		idp0: sandbox.issuers[0]!,
		idp1: sandbox.issuers[1]!,
		amazon: sandbox.amazon.url,
	};
	return endpoints[server];
}

async function send(request: FuzzRequest): Promise<RawAnswer> {
	const endpoint = endpointOf(request.server);
	const raw = {
		method: request.method,
		path: request.path,
		headers: request.headers,
		...body(request),
	};
	const signed =
		request.signAs === undefined
			? raw
			: await signRequest(endpoint, alice, raw, { service: request.signAs });
	return sendRaw(endpoint, signed);
}

function body(request: FuzzRequest) {
	return request.body === undefined ? {} : { body: request.body };
}

/** What is wrong with the answer to `request` ([] when it is a well-formed error it may give). */
async function problemsOf(request: FuzzRequest): Promise<string[]> {
	let answer: RawAnswer;
	try {
		answer = await withTimeout(send(request), HANG_MS);
	} catch (error) {
		return [`no answer: ${(error as Error).message}`];
	}
	const allowed = answer.status < 500 || (request.alsoAllowed ?? []).includes(answer.status);
	const problems = wireShapeProblems(request.shape, answer, request.method);
	return allowed ? problems : [`status ${answer.status}`, ...problems];
}

/**
 * Writes `raw.bytes` on a fresh connection and reads the first answer, if any comes. A request cut short
 * may be closed without one; anything that does come must be a well-formed error.
 */
async function problemsOfRaw(raw: FuzzRaw): Promise<string[]> {
	const text = await exchange(raw);
	if (text === null) return ['the connection hung'];
	if (text === '') return raw.hangUp ? [] : ['closed without an answer'];
	const answer = parseAnswer(text);
	if (answer === null) return [`not HTTP: ${text.slice(0, 80)}`];
	const problems = wireShapeProblems(raw.shape, answer, 'GET');
	return answer.status < 500 ? problems : [`status ${answer.status}`, ...problems];
}

function exchange(raw: FuzzRaw): Promise<string | null> {
	const port = Number(new URL(endpointOf(raw.server)).port);
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let text = '';
		const finish = (result: string | null) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(result);
		};
		const timer = setTimeout(() => finish(raw.hangUp ? text : null), HANG_MS);
		socket.on('data', (data) => {
			text += data.toString('latin1');
			if (parseAnswer(text) !== null) finish(text);
		});
		socket.on('close', () => finish(text));
		socket.on('error', () => undefined);
		socket.write(raw.bytes, () => {
			if (raw.hangUp) socket.end();
		});
	});
}

/** The first complete HTTP answer in `text`, or null while it is incomplete. */
function parseAnswer(text: string): RawAnswer | null {
	const end = text.indexOf('\r\n\r\n');
	if (end === -1) return null;
	const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
	const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)?.[1];
	if (status === undefined) return null;
	const headers = Object.fromEntries(
		lines.map((line) => [
			line.slice(0, line.indexOf(':')).toLowerCase(),
			line.slice(line.indexOf(':') + 1).trim(),
		]),
	);
	const length = Number(headers['content-length'] ?? 0);
	const body = Buffer.from(text.slice(end + 4), 'latin1');
	if (body.length < length) return null;
	return { status: Number(status), headers, body: body.subarray(0, length).toString('utf8') };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error: unknown) => (clearTimeout(timer), reject(error as Error)),
		);
	});
}

/** Runs `check` over `items`, `PARALLEL` at a time, and lists every item's problems by name. */
async function survey<T extends { name: string }>(
	items: T[],
	check: (item: T) => Promise<string[]>,
): Promise<string[]> {
	const found: string[] = [];
	for (let i = 0; i < items.length; i += PARALLEL) {
		const batch = items.slice(i, i + PARALLEL);
		const results = await Promise.all(batch.map(check));
		results.forEach((problems, j) => {
			if (problems.length > 0) found.push(`${batch[j]!.name}: ${problems.join('; ')}`);
		});
	}
	return found;
}

it('answers a few hundred malformed and oversized requests, each with a well-formed error', async () => {
	expect(requests.length + raws.length).toBeGreaterThanOrEqual(300);
	const problems = [
		...(await survey(requests, problemsOf)),
		...(await survey(raws, problemsOfRaw)),
	];
	expect(problems).toEqual([]);
}, 60_000);

it('leaves every service answering a normal request within 1 s', async () => {
	const oneSecond = <T>(promise: Promise<T>) => withTimeout(promise, 1000);
	for (const issuer of sandbox.issuers) {
		const discovery = await oneSecond(fetch(`${issuer}/.well-known/openid-configuration`));
		expect(((await discovery.json()) as { issuer: string }).issuer).toBe(issuer);
	}
	const token = sandbox.amazon.issueAccessToken('bob');
	const info = await oneSecond(
		fetch(sandbox.amazon.endpoints.tokenInfo, { headers: { 'x-amz-access-token': token } }),
	);
	expect(((await info.json()) as { user_id: string }).user_id).toBe(sandbox.amazon.userIdOf('bob'));
	const viaAmazon = await oneSecond(assumeWithAccessToken(sandbox, token));
	expect(viaAmazon.Provider).toBe('www.amazon.com');
	const fresh = await oneSecond(assumePlayerRole(sandbox, 'alice'));
	const clients = clientsFor(sandbox, fresh);
	try {
		const Bucket = 'fedplay-game-data';
		const Key = 'players/oidc1/alice/after-the-storm.json';
		await oneSecond(clients.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'still here' })));
		const got = await oneSecond(clients.s3.send(new GetObjectCommand({ Bucket, Key })));
		expect(await got.Body!.transformToString()).toBe('still here');
		const Item = { UserId: { S: 'oidc1/alice' }, GameTitle: { S: 'Calm' }, Wins: { N: '1' } };
		await oneSecond(clients.dynamodb.send(new PutItemCommand({ TableName: 'GameScores', Item })));
		const key = { UserId: Item.UserId, GameTitle: Item.GameTitle };
		const item = await oneSecond(
			clients.dynamodb.send(new GetItemCommand({ TableName: 'GameScores', Key: key })),
		);
		expect(item.Item?.Wins).toEqual({ N: '1' });
	} finally {
		destroyClients(clients);
	}
	const clock = await oneSecond(fetch(`${sandbox.awsEndpoint}/__sandbox/clock`));
	expect(clock.status).toBe(200);
});
