import * as v from 'valibot';
import { AppError } from '../errors';
import { describeFound, toConfigIssues, type ConfigIssue } from './issues';
import { RuntimeConfigSchema, type RuntimeConfig } from './schema';

type ConfigResult =
	| {
			ok: true;
			config: RuntimeConfig;
			/** config.json as served (from `loadConfig`). */ text?: string;
	  }
	| { ok: false; error: AppError; issues: ConfigIssue[] };

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
	let text: string;
	try {
		text = await response.text();
		body = JSON.parse(text);
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
	const parsed = parseConfig(body);
	return parsed.ok ? { ...parsed, text } : parsed;
}

/*
 * The config a sign-in started with, kept in this tab (sessionStorage) for its callback: the callback page
 * then finishes the sign-in at once instead of waiting for config.json's round trip first (issue 18), and
 * fetches config.json alongside. When the two differ (a deployment in between), the callback page keeps
 * running on the copy the sign-in started with — the provider's answer was asked for with its issuer,
 * client and role, and any page runs on the config it loaded until it is reloaded — and config.json's
 * answer replaces the copy, so the next page load (and sign-in) uses it. A copy that is garbled or fails
 * the schema is ignored (config.json is awaited, as without a copy). Public settings only: no secret.
 */

const KEPT_CONFIG_KEY = 'fedplay.config';

function tabStorage(): Storage | null {
	try {
		return globalThis.sessionStorage ?? null;
	} catch {
		return null; // storage refused (a sandboxed frame, privacy settings)
	}
}

/** Keep config.json's text as served for this tab's next sign-in callback. Never throws. */
export function keepConfig(text: string, storage: Storage | null = tabStorage()): void {
	try {
		storage?.setItem(KEPT_CONFIG_KEY, text);
	} catch {
		// Full or refused: the callback then waits for config.json, as it would without a copy.
	}
}

/** The kept config, validated with config.json's schema; null when absent, garbled or invalid. */
export function keptConfig(
	storage: Storage | null = tabStorage(),
): { config: RuntimeConfig; text: string } | null {
	try {
		const text = storage?.getItem(KEPT_CONFIG_KEY);
		if (!text) return null;
		const parsed = parseConfig(JSON.parse(text));
		return parsed.ok ? { config: parsed.config, text } : null;
	} catch {
		return null;
	}
}
