import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The sign-in screen must be cheap: the JS a player downloads before it is usable (index.html's module
 * script, its modulepreloads and the entry's static imports) stays within 35 KB gzipped, and the AWS SDK and
 * oidc-client-ts stay in lazy chunks. What only the inspector needs (the request → IAM mapping) stays off
 * the player's path altogether: it loads with the inspector's view.
 */

const BUDGET = 35 * 1024;

interface ManifestChunk {
	file: string;
	src?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

let outDir: string;
let manifest: Manifest;
let initialKeys: Set<string>;
let initialFiles: Set<string>;

/** The entry and every chunk it imports statically (what the browser must fetch before running it). */
function staticClosure(entryKey: string): Set<string> {
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		for (const next of manifest[key]?.imports ?? []) visit(next);
	};
	visit(entryKey);
	return seen;
}

/** Module scripts and modulepreloads named by index.html, as paths relative to outDir. */
function scriptsOf(html: string): string[] {
	const found: string[] = [];
	for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) found.push(m[1]!);
	for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
		found.push(m[1]!);
	return found.map((src) => src.replace(/^\.?\//, ''));
}

beforeAll(async () => {
	outDir = await mkdtemp(join(tmpdir(), 'fedplay-budget-'));
	// vitest sets NODE_ENV=test, which would make Svelte compile in dev mode: measure what ships.
	const nodeEnv = process.env.NODE_ENV;
	process.env.NODE_ENV = 'production';
	try {
		await build({
			mode: 'production',
			logLevel: 'silent',
			build: { outDir, emptyOutDir: true, manifest: true },
		});
	} finally {
		process.env.NODE_ENV = nodeEnv;
	}
	manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
	// index.html's entry, not the silent renew page's (a second entry that never loads with the app).
	const entryKey = Object.keys(manifest).find(
		(key) => manifest[key]?.isEntry && manifest[key].src === 'index.html',
	);
	if (!entryKey) throw new Error('the build has no entry chunk for index.html');
	initialKeys = staticClosure(entryKey);
	const html = await readFile(join(outDir, 'index.html'), 'utf8');
	initialFiles = new Set([
		...scriptsOf(html),
		...[...initialKeys].map((key) => manifest[key]!.file),
	]);
}, 120_000);

afterAll(async () => {
	if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the sign-in screen bundle', () => {
	it('is at most 35 KB gzipped', async () => {
		let total = 0;
		for (const file of initialFiles) {
			total += gzipSync(await readFile(join(outDir, file)), { level: 9 }).length;
		}
		console.info(
			`initial JS: ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET / 1024} KB (${[...initialFiles].join(', ')})`,
		);
		expect(initialFiles.size).toBeGreaterThan(0);
		expect(total).toBeLessThanOrEqual(BUDGET);
	});

	// Found by content, not by manifest key: shared lazy chunks carry no package name. The markers are the
	// STS API version the client sends and oidc-client-ts's main class name.
	it.each([
		['@aws-sdk/client-sts', '2011-06-15'],
		['oidc-client-ts', 'OidcClient'],
	])('loads %s lazily', async (_pkg, marker) => {
		const files = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
		const holders: string[] = [];
		for (const file of files) {
			if ((await readFile(join(outDir, 'assets', file), 'utf8')).includes(marker))
				holders.push(`assets/${file}`);
		}
		expect(holders.length).toBeGreaterThan(0);
		for (const file of holders) expect(initialFiles.has(file)).toBe(false);
	});

	// oidc-client-ts is one ES module: anything in the build that names UserManager (a dynamic import of the
	// whole package, the silent-callback entry) brings it, its navigators and services back into the chunk
	// the sign-in click and the callback load. The markers are the names the library logs under, checked to
	// be in the package first, so the test cannot pass because they were renamed.
	it('ships oidc-client-ts without UserManager and its navigators (the app runs its OidcClient)', async () => {
		const library = await readFile(
			join(process.cwd(), 'node_modules/oidc-client-ts/dist/esm/oidc-client-ts.js'),
			'utf8',
		);
		const absent = [
			'UserManager',
			'IFrameNavigator',
			'PopupNavigator',
			'RedirectNavigator',
			'SilentRenewService',
			'SessionMonitor',
			'CheckSessionIFrame',
		];
		for (const marker of ['OidcClient', ...absent]) {
			expect(library, marker).toContain(`new Logger("${marker}")`);
		}
		const files = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
		const holders: string[] = [];
		for (const file of files) {
			const code = await readFile(join(outDir, 'assets', file), 'utf8');
			if (code.includes('"OidcClient"') || code.includes('`OidcClient`')) holders.push(file);
			for (const marker of absent) expect(code, `${marker} in ${file}`).not.toMatch(marker);
		}
		expect(holders.length).toBeGreaterThan(0);
	});

	it('has no AWS SDK code in the initial JS', async () => {
		for (const file of initialFiles) {
			const code = await readFile(join(outDir, file), 'utf8');
			expect(code).not.toContain('x-amz-user-agent');
			expect(code).not.toContain('aws.auth#sigv4');
		}
	});
});

describe("the inspector's code", () => {
	const keyOf = (view: string) => {
		const key = Object.keys(manifest).find((k) => k.endsWith(`src/views/${view}.svelte`));
		if (!key) throw new Error(`the build has no chunk for ${view}.svelte`);
		return key;
	};

	/** Every chunk the app may load from index.html, static or lazy, without opening `skipped`. */
	function loadableWithout(skipped: string): Set<string> {
		const entryKey = Object.keys(manifest).find(
			(key) => manifest[key]?.isEntry && manifest[key].src === 'index.html',
		)!;
		const seen = new Set<string>();
		const visit = (key: string) => {
			if (seen.has(key) || key === skipped) return;
			seen.add(key);
			const chunk = manifest[key];
			for (const next of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) visit(next);
		};
		visit(entryKey);
		return new Set([...seen].map((key) => manifest[key]!.file));
	}

	// The marker is one of the mapping's own DynamoDB messages (src/lib/iam/request/dynamodb-items.ts).
	it('loads the request → IAM mapping with the inspector, never on the sign-in or play path', async () => {
		const files = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
		const holders: string[] = [];
		for (const file of files) {
			const code = await readFile(join(outDir, 'assets', file), 'utf8');
			if (code.includes('Query condition missed key schema element'))
				holders.push(`assets/${file}`);
		}
		const inspector = keyOf('Inspector');
		const withInspector = new Set([...staticClosure(inspector)].map((k) => manifest[k]!.file));
		const withoutInspector = loadableWithout(inspector);
		expect(holders.length).toBeGreaterThan(0);
		for (const file of holders) {
			expect(withInspector.has(file)).toBe(true);
			expect(withoutInspector.has(file)).toBe(false);
		}
	});
});

describe('the words of AWS errors', () => {
	// lib/aws/errors.ts classifies errors on the data path; what each code means in words (error-text.ts)
	// loads when an error is shown, or with the inspector. Markers: a line of the words, and the clock-skew
	// words the classification reads.
	it('are a chunk of their own that no sign-in or data chunk imports statically', async () => {
		const files = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
		const holding = async (marker: string) => {
			const found: string[] = [];
			for (const file of files) {
				if ((await readFile(join(outDir, 'assets', file), 'utf8')).includes(marker))
					found.push(`assets/${file}`);
			}
			return found;
		};
		const words = await holding('The SDK had no credentials to sign with');
		const classification = await holding('difference between the request time');
		expect(words).toHaveLength(1);
		expect(classification).toHaveLength(1);
		expect(words[0]).not.toBe(classification[0]);
		const wordsKey = Object.keys(manifest).find((k) => manifest[k]!.file === words[0])!;
		// Only the inspector's view and its error explainer (which Play also imports lazily) import it.
		const importers = Object.keys(manifest).filter(
			(key) => key !== wordsKey && staticClosure(key).has(wordsKey),
		);
		expect(
			importers.map((key) => manifest[key]!.file.replace(/-[\w-]{8}\.js$/, '')).sort(),
		).toEqual(['assets/Inspector', 'assets/explain-error']);
	});
});

describe('event streams', () => {
	// STS has no event-stream operation: vite.config.ts aliases @smithy/core/event-streams to a stand-in
	// (src/lib/aws/no-event-streams.ts). The markers are the codec's own error message and the serde's
	// initial-request marker (not "Int64…": @smithy/signature-v4 has an Int64 of its own, for event signing).
	it('leaves the SDK event-stream codec out of the build, with the stand-in in its place', async () => {
		const files = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
		let standIn = 0;
		for (const file of files) {
			const code = await readFile(join(outDir, 'assets', file), 'utf8');
			expect(code).not.toContain('Truncated event message received');
			expect(code).not.toContain('initialRequestMarker');
			if (code.includes('This build leaves out AWS event streams')) standIn++;
		}
		expect(standIn).toBe(1);
	});
});
