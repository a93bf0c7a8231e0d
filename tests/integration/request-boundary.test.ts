/**
 * A failure while handling one request is that request's 500, never the process's exit. Before the request
 * boundary, each of these took the whole sandbox down (Vitest reports such an exception as an unhandled
 * error and fails the run). Real HTTP servers and the real dynalite; nothing is mocked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { containRequests } from '../../sandbox/request-boundary';
import type { Storage } from '../../sandbox/gateway/storage';
import { startTestStorage } from './gateway-clients';
import { sendRaw } from './gateway-raw';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

const failures: Record<string, Handler> = {
	'a throw in the request listener': () => {
		throw new Error('boom');
	},
	'a rejected promise': async () => {
		await Promise.resolve();
		throw new RangeError('Maximum call stack size exceeded');
	},
	"a throw in the request's end listener (where dynalite parses)": (req) => {
		req.on('data', () => undefined);
		req.on('end', () => {
			throw new RangeError('Maximum call stack size exceeded');
		});
	},
	"a throw in the request's data listener": (req) => {
		req.on('data', () => {
			throw new TypeError('bad chunk');
		});
	},
	'an error event on the response that nobody listens to': (_req, res) => {
		res.removeAllListeners('error');
		res.emit('error', new Error('write after end'));
	},
	'a listener that rethrows a request error (as dynalite does)': (req) => {
		req.removeAllListeners('error');
		req.on('error', (error) => {
			throw error;
		});
		req.emit('error', new Error('aborted'));
	},
};

let server: Server;
let endpoint: string;
let current: Handler = () => undefined;

beforeAll(async () => {
	server = createServer((req, res) => current(req, res));
	containRequests(server, 'test', (_req, res) => {
		res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"contained"}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

describe('the request boundary', () => {
	it.each(Object.entries(failures))('answers %s with a 500', async (_case, handler) => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		current = handler;
		const answer = await sendRaw(endpoint, { method: 'POST', path: '/', body: '{"a":1}' });
		expect(answer).toMatchObject({ status: 500, body: '{"error":"contained"}' });
		// Logged by name only: a message from deep inside a library may quote a token.
		expect(log.mock.calls.flat().join(' ')).toMatch(/\[test\] request failed \(\w+\)/);
		log.mockRestore();

		current = (_req, res) => res.end('still here');
		expect(await sendRaw(endpoint, { method: 'GET', path: '/' })).toMatchObject({
			status: 200,
			body: 'still here',
		});
	});
});

describe('dynalite behind the boundary', () => {
	let storage: Storage;

	beforeAll(async () => {
		({ storage } = await startTestStorage());
	});

	afterAll(async () => {
		await storage?.close();
	});

	// dynalite checks a SigV4-shaped header exists, never the signature.
	const call = (operation: string, body: string) =>
		sendRaw(storage.dynamodbUrl, {
			method: 'POST',
			path: '/',
			headers: {
				'content-type': 'application/x-amz-json-1.0',
				'x-amz-target': `DynamoDB_20120810.${operation}`,
				authorization:
					'AWS4-HMAC-SHA256 Credential=x/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
				'x-amz-date': '20000101T000000Z',
			},
			body,
		});
	const nested = (depth: number) => '{"M":{"a":'.repeat(depth) + '{"S":"x"}' + '}}'.repeat(depth);

	it.each([3000, 10_000])(
		'answers a PutItem nested %i levels deep (a stack overflow in its validation) with a 500',
		async (depth) => {
			const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
			const item = `{"UserId":{"S":"alice"},"GameTitle":{"S":"Deep"},"Deep":${nested(depth)}}`;
			const answer = await call('PutItem', `{"TableName":"GameScores","Item":${item}}`);
			log.mockRestore();
			expect(answer.status).toBe(500);
			expect(JSON.parse(answer.body)).toMatchObject({
				__type: 'com.amazon.coral.service#InternalFailure',
			});

			const key = '{"UserId":{"S":"alice"},"GameTitle":{"S":"Meteor"}}';
			expect((await call('PutItem', `{"TableName":"GameScores","Item":${key}}`)).status).toBe(200);
			const got = await call('GetItem', `{"TableName":"GameScores","Key":${key}}`);
			expect(JSON.parse(got.body).Item.UserId).toEqual({ S: 'alice' });
		},
	);
});
