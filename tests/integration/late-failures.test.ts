/**
 * An exception from a callback a request started, thrown after the request's own events (a timer, an
 * unheard file-stream error as in s3rver, a dropped promise), fails that request only: the process keeps
 * serving. Run in a process of its own, so the test runner's own exception listeners are not in the way;
 * an exception that belongs to no request still ends that process, as Node's default does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendRaw } from './gateway-raw';

let child: ChildProcess;
let endpoint: string;
let stderr = '';

beforeAll(async () => {
	child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/integration/fixtures/late-failure-server.ts'],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
	const [line] = (await once(child.stdout!, 'data')) as [Buffer];
	endpoint = `http://127.0.0.1:${/port=(\d+)/.exec(line.toString())![1]}`;
}, 30_000);

afterAll(() => {
	child?.kill();
});

it.each(['/timer', '/file-stream', '/dropped-promise'])(
	'answers a late failure at %s with a 500 and keeps serving',
	async (path) => {
		expect(await sendRaw(endpoint, { method: 'GET', path })).toMatchObject({
			status: 500,
			body: 'contained',
		});
		expect(await sendRaw(endpoint, { method: 'GET', path: '/ok' })).toMatchObject({
			status: 200,
			body: 'ok',
		});
		expect(child.exitCode).toBeNull();
		expect(stderr).toMatch(/\[late\] request failed \(\w+\); answered as a 500/);
	},
);

it('still ends the process on an exception that belongs to no request', async () => {
	const exited = once(child, 'exit');
	child.kill('SIGUSR2');
	const [code] = (await exited) as [number | null];
	expect(code).not.toBe(0);
	expect(stderr).toContain('not a request');
});
