import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
	applyClockSkew,
	correctedNow,
	createClock,
	skewFromDateHeader,
} from '../../../src/lib/aws/clock';
import { isClockOff } from '../../../src/lib/session/clock-off';

const LOCAL = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('clock skew', () => {
	it.each([
		['Thu, 01 Jan 2026 12:10:00 GMT', 600_000],
		['Thu, 01 Jan 2026 11:59:30 GMT', -30_000],
		['Thu, 01 Jan 2026 12:00:00 GMT', 0],
		['not a date', null],
		[undefined, null],
	])('Date header %s against the device clock gives skew %s', (header, expected) => {
		expect(skewFromDateHeader(header, LOCAL)).toBe(expected);
	});

	it.each([
		[0, false],
		[60_000, false],
		[60_001, true],
		[-90_000, true],
	])('a skew of %i ms is off: %s', (skew, expected) => {
		expect(isClockOff(skew)).toBe(expected);
	});

	it('corrects the device time by the skew', () => {
		expect(correctedNow(-5_000, LOCAL)).toBe(LOCAL - 5_000);
	});

	it('keeps one corrected clock, ignoring sub-second jitter, and tells listeners', () => {
		let local = LOCAL;
		const clock = createClock(() => local);
		const heard: number[] = [];
		clock.onChange((s) => heard.push(s));
		clock.observe(120_000);
		clock.observe(120_400);
		local += 1_000;
		expect(clock.now()).toBe(LOCAL + 1_000 + 120_000);
		expect(heard).toEqual([120_000]);
	});

	it('reads the Date header of real SDK responses, errors included', async () => {
		// AWS's clock runs 10 minutes ahead of this machine.
		const server = createServer((req, res) => {
			req.resume();
			const date = new Date(Date.now() + 600_000).toUTCString();
			res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', date });
			res.end(
				JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'no' }),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const client = new DynamoDBClient({
			region: 'us-east-1',
			endpoint,
			maxAttempts: 1,
			credentials: { accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't' },
		});
		const clock = createClock();
		applyClockSkew(client, clock);
		await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({
			name: 'AccessDeniedException',
		});
		await new Promise<void>((resolve) => server.close(() => resolve()));
		expect(clock.skewMs).toBeGreaterThan(598_000);
		expect(clock.skewMs).toBeLessThan(602_000);
		expect(isClockOff(clock.skewMs)).toBe(true);
	});
});
