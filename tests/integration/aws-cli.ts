/**
 * Debian's AWS CLI v2 (`/usr/bin/aws`, package `awscli`) against a sandbox: a client independent of the
 * Node SDK (botocore, its own signer, serializers and checks such as DynamoDB's x-amz-crc32), run the way a
 * player would run it. Each run gets an isolated environment: no user config or credentials files (empty
 * temporary ones), no instance-metadata lookups, no pager, only the credentials and region given, the
 * sandbox as `--endpoint-url`, and a timeout.
 *
 * Always the absolute path: an `aws` earlier on PATH may be another CLI (on these machines, a pyenv CLI v1).
 * Where it is missing, `awsCliMissing` says so with the install hint, and the suites skip.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayerCredentials } from './gateway-clients';

export const AWS_CLI = '/usr/bin/aws';
const INSTALL_HINT =
	"The AWS CLI tests need Debian's AWS CLI v2 at /usr/bin/aws:\n" +
	'  sudo apt-get update && sudo apt-get install -y awscli\n' +
	'(.ci/run installs it; an `aws` elsewhere on PATH is not used.)';

export interface AwsCliTarget {
	/** The sandbox's AWS endpoint (`sandbox.awsEndpoint`). */
	endpoint: string;
	region: string;
	/** Temporary credentials from the sandbox's STS; none for the unsigned calls (STS web identity). */
	credentials?: PlayerCredentials;
}

export interface AwsCliOptions {
	/** Kills the CLI after this long (it should never take it): a guard against a hang, not a speed check. */
	timeoutMs?: number;
	/** Written to the CLI's standard input. */
	stdin?: string;
	/** The working directory (for commands that read or write local files). */
	cwd?: string;
	/** More environment variables (`AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`…) over the isolated ones. */
	env?: Record<string, string>;
}

export interface AwsCliResult {
	/** The CLI's exit code (0; 252 bad arguments; 254 an error the service answered; 255 any other). */
	exitCode: number | null;
	stdout: string;
	stderr: string;
	/** `stdout` parsed as JSON (the CLI's default output), or `undefined` when it is empty or not JSON. */
	json: unknown;
	timedOut: boolean;
}

let missing: string | null | undefined;

/** Why the AWS CLI tests cannot run here (with the install hint), or `null` when they can. */
export function awsCliMissing(): string | null {
	if (missing !== undefined) return missing;
	const home = mkdtempSync(join(tmpdir(), 'fedplay-aws-cli-'));
	try {
		const version = spawnSync(AWS_CLI, ['--version'], {
			env: isolatedEnv(home, {}),
			encoding: 'utf8',
			timeout: 30_000,
		});
		const said = `${version.stdout ?? ''}${version.stderr ?? ''}`.trim();
		missing =
			version.error !== undefined
				? `${AWS_CLI} cannot run (${version.error.message}). ${INSTALL_HINT}`
				: said.startsWith('aws-cli/2.')
					? null
					: `${AWS_CLI} is not the AWS CLI v2 (it says "${said}"). ${INSTALL_HINT}`;
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
	if (missing !== null) console.warn(missing);
	return missing;
}

/** Runs `aws <args> --endpoint-url <sandbox>` with `target`'s credentials, in an isolated environment. */
export async function runAwsCli(
	target: AwsCliTarget,
	args: readonly string[],
	options: AwsCliOptions = {},
): Promise<AwsCliResult> {
	const home = mkdtempSync(join(tmpdir(), 'fedplay-aws-cli-'));
	try {
		return await run([...args, '--endpoint-url', target.endpoint], {
			...options,
			env: { ...isolatedEnv(home, targetEnv(target)), ...options.env },
		});
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
}

/**
 * `aws <service> <command>` arguments from named parameters: `{ 'table-name': 'T', key: {...},
 * 'consistent-read': true }` → `--table-name T --key '{...}' --consistent-read`. Objects and arrays are
 * passed as JSON, as the CLI takes structured parameters.
 */
export function cliArgs(
	service: string,
	command: string,
	parameters: Record<string, string | true | object> = {},
): string[] {
	const args = [service, command];
	for (const [name, value] of Object.entries(parameters)) {
		args.push(`--${name}`);
		if (value !== true) args.push(typeof value === 'string' ? value : JSON.stringify(value));
	}
	return args;
}

/**
 * Nothing from the caller's environment: a HOME of its own (the CLI's caches), empty config and
 * credentials files, no IMDS, no pager, no prompts, JSON output. Retries stay the CLI's default (standard
 * mode: an error only a retry could cure is retried), as a player has them.
 */
function isolatedEnv(home: string, extra: Record<string, string>): Record<string, string> {
	const config = join(home, 'config');
	const credentials = join(home, 'credentials');
	writeFileSync(config, '');
	writeFileSync(credentials, '');
	return {
		PATH: '/usr/bin:/bin',
		HOME: home,
		LANG: 'C.UTF-8',
		AWS_CONFIG_FILE: config,
		AWS_SHARED_CREDENTIALS_FILE: credentials,
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_PAGER: '',
		AWS_CLI_AUTO_PROMPT: 'off',
		AWS_DEFAULT_OUTPUT: 'json',
		...extra,
	};
}

function targetEnv(target: AwsCliTarget): Record<string, string> {
	const env: Record<string, string> = { AWS_DEFAULT_REGION: target.region };
	if (target.credentials !== undefined) {
		env.AWS_ACCESS_KEY_ID = target.credentials.accessKeyId;
		env.AWS_SECRET_ACCESS_KEY = target.credentials.secretAccessKey;
		env.AWS_SESSION_TOKEN = target.credentials.sessionToken;
	}
	return env;
}

function run(
	args: readonly string[],
	options: AwsCliOptions & { env: Record<string, string> },
): Promise<AwsCliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(AWS_CLI, args, { env: options.env, cwd: options.cwd });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, options.timeoutMs ?? 60_000);
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (exitCode) => {
			clearTimeout(timer);
			const out = Buffer.concat(stdout).toString('utf8');
			resolve({
				exitCode,
				stdout: out,
				stderr: Buffer.concat(stderr).toString('utf8'),
				json: parseJson(out),
				timedOut,
			});
		});
		child.stdin.end(options.stdin ?? '');
	});
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
