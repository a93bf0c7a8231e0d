/**
 * `GET|POST /__sandbox/clock` on the AWS endpoint, for scripts and tests only: reads or moves the sandbox
 * clock (`{"advanceMs": n}` or `{"offsetMs": n}`), so expiry can be tested without waiting.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_CLOCK_OFFSET_MS, type SandboxClock } from './clock';
import { refuseCrossSite } from './dev-endpoint-guard';
import { sendJson } from './http-json';
import { discardUnreadBody, readBody } from './read-body';

/** The clock's own bound: its JSON is a few dozen bytes. */
const MAX_CLOCK_BODY_BYTES = 4096;

export interface DevClockOptions {
	/** Whether `/__sandbox/*` answers at all. */
	enabled: boolean;
	clock: SandboxClock;
	/** The endpoint's own origins (`http://localhost:PORT`…): the only ones allowed to call it. */
	origins: readonly string[];
}

export async function handleDevClock(
	req: IncomingMessage,
	res: ServerResponse,
	options: DevClockOptions,
): Promise<void> {
	const path = (req.url ?? '').split('?')[0];
	if (!options.enabled || path !== '/__sandbox/clock' || !['GET', 'POST'].includes(req.method!)) {
		sendJson(res, 404, { error: 'not_found' });
		return;
	}
	if (refuseCrossSite(req, res, options.origins)) return;
	if (req.method === 'POST') {
		const change = await readChange(req);
		if (change === null || !applied(options.clock, change)) {
			const expected = `{ "offsetMs": n } or { "advanceMs": n }, the offset within ±${MAX_CLOCK_OFFSET_MS} ms`;
			sendJson(res, 400, { error: `expected ${expected}` });
			discardUnreadBody(req);
			return;
		}
	}
	sendJson(res, 200, { now: options.clock.now(), offsetMs: options.clock.offsetMs });
}

/** Moves the clock; false when the change would take it out of range (it does not move then). */
function applied(
	clock: SandboxClock,
	change: { offsetMs: number } | { advanceMs: number },
): boolean {
	try {
		if ('offsetMs' in change) clock.set(change.offsetMs);
		else clock.advance(change.advanceMs);
		return true;
	} catch (error) {
		if (error instanceof RangeError) return false;
		throw error;
	}
}

async function readChange(
	req: IncomingMessage,
): Promise<{ offsetMs: number } | { advanceMs: number } | null> {
	let input: unknown;
	try {
		input = JSON.parse((await readBody(req, MAX_CLOCK_BODY_BYTES)).toString('utf8'));
	} catch {
		return null;
	}
	const { offsetMs, advanceMs } = (input ?? {}) as { offsetMs?: unknown; advanceMs?: unknown };
	if (typeof offsetMs === 'number' && Number.isFinite(offsetMs)) return { offsetMs };
	if (typeof advanceMs === 'number' && Number.isFinite(advanceMs)) return { advanceMs };
	return null;
}
