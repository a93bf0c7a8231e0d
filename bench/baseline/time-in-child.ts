/**
 * Times the baseline matcher in a child process that is killed when it overruns, so a matcher that never
 * finishes cannot freeze the benchmark (a RegExp stuck in backtracking never yields to a timer in-process).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BaselineJob, BaselineResult } from './regex-child';

const CHILD = fileURLToPath(new URL('./regex-child.ts', import.meta.url));

/** The matcher's time in ms, or `timeout` when it did not finish within `timeoutMs`. */
export function timeBaseline(
	job: BaselineJob,
	timeoutMs: number,
): Promise<BaselineResult | 'timeout'> {
	return new Promise((resolve, reject) => {
		// execArgv is inherited, so the child loads TypeScript the way this process does (tsx).
		const child = fork(CHILD, [JSON.stringify(job)], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result: BaselineResult | undefined;
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('message', (message) => (result = message as BaselineResult));
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (result) resolve(result);
			else if (signal === 'SIGKILL') resolve('timeout');
			else reject(new Error(`baseline child exited with ${code ?? signal}`));
		});
	});
}
