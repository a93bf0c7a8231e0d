/**
 * Crash containment at each HTTP server's request boundary. One process runs both identity providers, STS,
 * the gateway and the storage emulators, so an exception that escapes while handling one request would take
 * every service down with it. Node delivers such an exception to the process when it is thrown by a request
 * listener, by a listener of the request's or the response's events (dynalite validates a body inside the
 * request's `end` listener, where a 1,000-level nested item overflows the stack), or as an `error` event
 * nobody listens to; and a handler's rejected promise is an unhandled rejection. `containRequests` catches
 * all of those for the one request they belong to and answers it with the server's own error shape; what
 * a request's later callbacks throw is routed back to it by `late-failures.ts`.
 */
import type { EventEmitter } from 'node:events';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { routeLateFailures, runInRequestScope } from './late-failures';
import { discardUnreadBody } from './read-body';

/** Writes the error answer for a request whose handling failed (status 500 in the server's wire shape). */
export type FailureAnswer = (req: IncomingMessage, res: ServerResponse, error: unknown) => void;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Wraps every `request` listener of `server` (call it after the listeners are added) so a failure while
 * handling one request becomes that request's answer: `answer` when nothing has been sent yet, otherwise
 * that one connection is closed. `label` names the server in the log, which carries the error's name only:
 * a message from deep inside a library may quote a token.
 */
export function containRequests(server: Server, label: string, answer: FailureAnswer): void {
	const listeners = server.listeners('request') as RequestListener[];
	server.removeAllListeners('request');
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		let failed = false;
		const fail = (error: unknown) => {
			if (failed) return;
			failed = true;
			console.error(`[${label}] request failed (${errorName(error)}); answered as a 500`);
			endWithAnswer(req, res, answer, error);
		};
		guardEmit(req, fail);
		guardEmit(res, fail);
		// A client that goes away mid-request is not a failure of ours: its socket is already closed.
		req.on('error', () => res.destroy());
		res.on('error', () => res.destroy());
		runInRequestScope(fail, () => {
			for (const listener of listeners) callListener(server, listener, req, res, fail);
		});
	});
	server.once('close', routeLateFailures());
}

function callListener(
	server: Server,
	listener: RequestListener,
	req: IncomingMessage,
	res: ServerResponse,
	fail: (error: unknown) => void,
): void {
	try {
		const done = listener.call(server, req, res);
		if (isPromise(done)) done.catch(fail);
	} catch (error) {
		fail(error);
	}
}

/** Makes an exception thrown by any listener of `emitter` (or an unheard `error` event) call `fail`. */
function guardEmit(emitter: EventEmitter, fail: (error: unknown) => void): void {
	const emit = emitter.emit;
	emitter.emit = function guardedEmit(
		this: EventEmitter,
		event: string | symbol,
		...args: unknown[]
	) {
		try {
			return emit.call(this, event, ...args);
		} catch (error) {
			fail(error);
			return true;
		}
	};
}

function endWithAnswer(
	req: IncomingMessage,
	res: ServerResponse,
	answer: FailureAnswer,
	error: unknown,
): void {
	// Answered in full already (a late failure): the connection may be serving another request by now.
	if (res.writableFinished) return;
	// Half answered: only closing the connection tells the client the answer is broken.
	if (res.headersSent || res.destroyed) {
		res.destroy();
		return;
	}
	try {
		answer(req, res, error);
		discardUnreadBody(req);
	} catch {
		res.destroy();
	}
}

function isPromise(value: unknown): value is Promise<unknown> {
	return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}

function errorName(error: unknown): string {
	return error instanceof Error ? error.name : typeof error;
}

/**
 * Answers on a bare socket and closes it: for a `clientError`, where Node's parser refused the request
 * before any response object exists.
 */
export function endSocketWith(
	socket: Socket,
	status: number,
	headers: Record<string, string>,
	body: string,
): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const lines = Object.entries({
		...headers,
		'Content-Length': String(Buffer.byteLength(body)),
		'Cache-Control': 'no-store',
		Connection: 'close',
	}).map(([name, value]) => `${name}: ${value}\r\n`);
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('')}\r\n${body}`,
	);
}
