import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	applyClockSkew,
	clockSkewMiddleware,
	createClock,
	MAX_READING_ROUND_TRIP_MS,
} from '../../../src/lib/aws/clock';

// A local endpoint that records the X-Amz-Date each request was signed with.
let server: Server;
let endpoint: string;
const signedAt: number[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		req.resume();
		const amzDate = String(req.headers['x-amz-date']);
		const iso = amzDate.replace(
			/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
			'$1-$2-$3T$4:$5:$6Z',
		);
		signedAt.push(Date.parse(iso));
		res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
		res.end(JSON.stringify({ TableNames: [] }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client() {
	return new DynamoDBClient({
		region: 'us-east-1',
		endpoint,
		maxAttempts: 1,
		credentials: { accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't' },
	});
}

describe('the shared clock and the SDK signer', () => {
	it.each([
		['20 minutes ahead', 1_200_000],
		['20 minutes behind', -1_200_000],
	])('a client signs on AWS time from its first request when AWS is %s', async (_label, skew) => {
		const clock = createClock();
		clock.observe(skew);
		const c = client();
		applyClockSkew(c, clock);
		const before = Date.now();
		await c.send(new ListTablesCommand({}));
		const at = signedAt.at(-1)!;
		expect(Math.abs(at - (before + skew))).toBeLessThan(5_000);
	});

	it('leaves the signer alone while no skew is known', async () => {
		const c = client();
		applyClockSkew(c, createClock());
		const before = Date.now();
		await c.send(new ListTablesCommand({}));
		expect(Math.abs(signedAt.at(-1)! - before)).toBeLessThan(5_000);
	});
});

describe('clock readings', () => {
	const LOCAL = Date.UTC(2026, 0, 1, 12);
	const AWS_DATE = new Date(LOCAL + 600_000).toUTCString();

	async function read(roundTripMs: number): Promise<number> {
		let local = LOCAL;
		const clock = createClock(() => local);
		const middleware = clockSkewMiddleware<object, object>(clock, () => local);
		const handler = middleware(async () => {
			local += roundTripMs;
			return { response: { headers: { date: AWS_DATE } }, output: {} } as never;
		}, {} as never);
		await handler({ input: {}, request: {} });
		return clock.skewMs;
	}

	it('takes the middle of a quick round trip as the moment AWS wrote its Date', async () => {
		expect(await read(2_000)).toBe(600_000 - 1_000);
	});

	it('drops a reading whose request took longer than a few seconds (the machine slept mid-request)', async () => {
		expect(await read(MAX_READING_ROUND_TRIP_MS + 1)).toBe(0);
		expect(await read(660_000)).toBe(0);
	});
});
