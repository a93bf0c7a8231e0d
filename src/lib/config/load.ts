import * as v from 'valibot';
import { AppError } from '../errors';
import { describeFound, toConfigIssues, type ConfigIssue } from './issues';
import { RuntimeConfigSchema, type RuntimeConfig } from './schema';

type ConfigResult =
	{ ok: true; config: RuntimeConfig } | { ok: false; error: AppError; issues: ConfigIssue[] };

/** Validate an already-parsed config document. */
export function parseConfig(input: unknown): ConfigResult {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return invalid([
			{
				path: '(config)',
				expected: 'a JSON object with region, bucket, table and providers',
				found: describeFound(input),
			},
		]);
	}
	const result = v.safeParse(RuntimeConfigSchema, input);
	if (result.success) return { ok: true, config: result.output };
	return invalid(toConfigIssues(result.issues, RuntimeConfigSchema));
}

function invalid(issues: ConfigIssue[]): ConfigResult {
	const error = new AppError('config-invalid', 'The app configuration (config.json) has errors.', {
		title: 'The app is not configured correctly',
		hint: 'Fix the fields listed above in config.json next to index.html, then reload.',
	});
	return { ok: false, error, issues };
}

function missing(message: string, cause?: unknown, httpStatus?: number): ConfigResult {
	const details = {
		title: 'The app configuration could not be loaded',
		hint: 'Make sure config.json is deployed next to index.html and the server is reachable, then try again.',
		...(httpStatus === undefined ? {} : { httpStatus }),
	};
	return { ok: false, error: new AppError('config-missing', message, details, cause), issues: [] };
}

/**
 * Fetch `config.json` next to the app (a relative URL, so any path prefix works), never from cache, and
 * validate it. Never throws: every failure comes back as a result that names what went wrong.
 */
export async function loadConfig(
	url: string | URL = './config.json',
	fetchFn: typeof fetch = globalThis.fetch,
): Promise<ConfigResult> {
	let response: Response;
	try {
		response = await fetchFn(url, { cache: 'no-store', credentials: 'same-origin' });
	} catch (cause) {
		return missing('config.json could not be fetched: the server did not answer.', cause);
	}
	if (!response.ok) {
		return missing(
			`config.json could not be loaded: the server answered ${response.status}.`,
			undefined,
			response.status,
		);
	}
	let body: unknown;
	try {
		body = JSON.parse(await response.text());
	} catch (cause) {
		const error = new AppError(
			'config-invalid',
			'config.json is not valid JSON.',
			{
				title: 'The app configuration is not valid JSON',
				hint: 'Check config.json for a missing comma, quote or bracket.',
			},
			cause,
		);
		return {
			ok: false,
			error,
			issues: [{ path: '(config)', expected: 'a JSON document', found: 'text that is not JSON' }],
		};
	}
	return parseConfig(body);
}
