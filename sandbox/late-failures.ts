/**
 * The one process-wide part of crash containment, for what no request boundary sees: an exception thrown
 * by a callback that a request started but that runs later, outside every event of that request. s3rver,
 * the S3 emulator the sandbox once used, did this: its `putObject` opened a file write stream without an
 * `error` listener, so a key whose file name was too long, or a process out of file descriptors, emitted an
 * `error` that Node turns into an uncaught exception, from an fs callback long after the request's own
 * events; dynalite's LevelDB callbacks can do the same. It can only be caught with a process-level listener.
 *
 * The listener still fails just that request: each contained request runs in an `AsyncLocalStorage` scope
 * that every callback it starts inherits, so the exception is routed to the request it came from and
 * answered there. An exception that belongs to no request is left to Node's default (or to the test
 * runner's own listener): the process reports it and exits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Fail = (error: unknown) => void;

const scope = new AsyncLocalStorage<Fail>();
let servers = 0;

/** Runs `handle` so that an exception from any callback it starts later calls `fail`. */
export function runInRequestScope(fail: Fail, handle: () => void): void {
	scope.run(fail, handle);
}

/** Listens while at least one contained server is up; returns the call to make when it closes. */
export function routeLateFailures(): () => void {
	if (servers++ === 0) {
		process.on('uncaughtException', onUncaughtException);
		process.on('unhandledRejection', onUnhandledRejection);
	}
	let done = false;
	return () => {
		if (done) return;
		done = true;
		if (--servers === 0) {
			process.off('uncaughtException', onUncaughtException);
			process.off('unhandledRejection', onUnhandledRejection);
		}
	};
}

const onUncaughtException = (error: unknown) => route(error, 'uncaughtException');
const onUnhandledRejection = (reason: unknown) => route(reason, 'unhandledRejection');

function route(error: unknown, event: 'uncaughtException' | 'unhandledRejection'): void {
	const fail = scope.getStore();
	if (fail !== undefined) {
		fail(error);
		return;
	}
	// Not a request's: when no one else listens, behave as if this listener were not here.
	if (process.listenerCount(event) === 1) throw error;
}
