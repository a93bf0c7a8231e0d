/**
 * The layering of the app (README, "Project layout"), checked on the real imports of every `.ts` and
 * `.svelte` file under src/, sandbox/, scripts/ and bench/ — type-only imports, `export … from` and dynamic
 * `import('…')` included: no file imports itself through others, no `src/lib` folder does, and every import
 * between layers is one the graph below allows.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	cycles,
	forbiddenEdges,
	importersOf,
	layerGraph,
	libFolderGraph,
	readImportGraph,
	resolveSpecifier,
	specifiersOf,
	type ImportGraph,
	type LayerRules,
} from './import-graph';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** → = may import. `lib/errors.ts` may be imported by everyone and imports nothing. */
const RULES: LayerRules = {
	governed: [
		'app',
		'entry',
		'lib/inspector',
		'lib/session',
		'lib/game',
		'lib/federation',
		'lib/auth',
		'lib/aws',
		'lib/vault',
		'lib/config',
		'lib/iam',
		'lib/infra',
		'lib/errors.ts',
	],
	allowed: {
		// views, components and App.svelte
		app: ['lib/session', 'lib/game', 'lib/inspector', 'asset'],
		// main.ts, silent-callback.ts
		entry: ['app', 'lib/session', 'asset'],
		'lib/inspector': [
			'lib/game',
			'lib/federation',
			'lib/aws',
			'lib/iam',
			'lib/infra',
			'lib/config',
			'asset',
		],
		'lib/session': ['lib/auth', 'lib/federation', 'lib/game', 'lib/vault', 'lib/config'],
		'lib/game': ['lib/aws', 'lib/vault', 'lib/config'],
		'lib/federation': ['lib/aws', 'lib/vault', 'lib/config'],
		'lib/auth': ['lib/vault', 'lib/config'],
		'lib/aws': ['lib/config', 'lib/iam'],
		'lib/vault': [],
		'lib/config': [],
		'lib/iam': [],
		'lib/infra': ['asset'],
	},
};

/** Outside packages with one home each: only these layers may import them. */
const PACKAGE_HOMES: Record<string, string[]> = {
	'@aws-sdk': ['lib/aws'],
	'@smithy': ['lib/aws'],
	// Not the silent-callback entry either: it only posts its URL (a second importer of the library's one ES
	// module could bring UserManager back into the sign-in chunk).
	'oidc-client-ts': ['lib/auth'],
	idb: ['lib/vault'],
};

const graph = readImportGraph(REPO, ['src', 'sandbox', 'scripts', 'bench']);

describe('the import graph', () => {
	it('reads every source file of the four roots', () => {
		const roots = new Set([...graph.keys()].map((file) => file.split('/')[0]));
		expect([...roots].sort()).toEqual(['bench', 'sandbox', 'scripts', 'src']);
		expect(graph.get('src/App.svelte')?.has('src/lib/session/index.ts')).toBe(true);
	});

	it('has no circle between files', () => {
		expect(cycles(graph).map((cycle) => cycle.join(' ⇄ '))).toEqual([]);
	});

	it('has no circle between the folders of src/lib', () => {
		expect(cycles(libFolderGraph(graph))).toEqual([]);
	});

	it('imports between layers only as the graph allows', () => {
		expect(forbiddenEdges(graph, RULES)).toEqual([]);
	});

	it('lib/errors.ts imports nothing', () => {
		expect([...(graph.get('src/lib/errors.ts') ?? [])]).toEqual([]);
	});

	it.each(Object.entries(PACKAGE_HOMES))('%s is imported only from its home', (pkg, homes) => {
		const src = importersOf(graph, pkg).filter((layer) => RULES.governed.includes(layer));
		expect(src.filter((layer) => !homes.includes(layer))).toEqual([]);
	});

	it('the product never imports the sandbox, scripts, benchmarks or tests', () => {
		const product = [...graph].filter(([file]) => file.startsWith('src/'));
		const outward = product.flatMap(([file, targets]) =>
			[...targets]
				.filter((t) => /^(sandbox|scripts|bench|tests)\//.test(t))
				.map((t) => `${file} → ${t}`),
		);
		expect(outward).toEqual([]);
	});
});

describe('the checker itself, on a small made-up graph', () => {
	const made: ImportGraph = new Map([
		['src/lib/game/a.ts', new Set(['src/lib/game/b.ts', 'src/lib/aws/c.ts', 'pkg:idb'])],
		['src/lib/game/b.ts', new Set(['src/lib/game/a.ts', 'src/lib/inspector/d.ts'])],
		['src/lib/aws/c.ts', new Set(['src/lib/errors.ts'])],
		['src/lib/inspector/d.ts', new Set(['src/lib/game/a.ts'])],
		['src/lib/errors.ts', new Set(['src/lib/errors.ts'])],
	]);

	it('finds the circles, the self-import included', () => {
		expect(cycles(made)).toEqual([
			['src/lib/errors.ts'],
			['src/lib/game/a.ts', 'src/lib/game/b.ts', 'src/lib/inspector/d.ts'],
		]);
		expect(cycles(libFolderGraph(made))).toEqual([['lib/game', 'lib/inspector']]);
	});

	it('names a forbidden edge with the file that makes it', () => {
		expect(forbiddenEdges(made, RULES)).toEqual([
			'lib/game → lib/inspector (src/lib/game/b.ts → src/lib/inspector/d.ts)',
		]);
		expect(importersOf(made, 'idb')).toEqual(['lib/game']);
		expect(layerGraph(made).get('lib/aws')).toEqual(
			new Map([['lib/errors.ts', 'src/lib/aws/c.ts → src/lib/errors.ts']]),
		);
	});

	it('reads type-only, re-exported and dynamic imports, in scripts and in Svelte markup', () => {
		const ts = `import type { A } from './a';\nexport { b } from './b';\n// import x from './comment'\nconst s = "import y from './string'";\nconst c = () => import('./c');`;
		expect(specifiersOf(ts, false)).toEqual(['./a', './b', './c']);
		const svelte = `<script lang="ts">\n\timport type { D } from './d';\n</script>\n<p>Don't panic</p>\n{#await import('./e.svelte') then m}{/await}`;
		expect(specifiersOf(svelte, true)).toEqual(['./d', './e.svelte']);
	});

	it('resolves a folder to its index and a `.svelte` module to its `.svelte.ts` file', () => {
		const files = new Set(['src/lib/iam/index.ts', 'src/lib/game/session.svelte.ts']);
		const exists = (path: string) => files.has(path);
		expect(resolveSpecifier('src/lib/aws/x.ts', '../iam', exists)).toBe('src/lib/iam/index.ts');
		expect(resolveSpecifier('src/views/P.svelte', '../lib/game/session.svelte', exists)).toBe(
			'src/lib/game/session.svelte.ts',
		);
		expect(resolveSpecifier('src/a.ts', '@aws-sdk/client-s3/dist', exists)).toBe(
			'pkg:@aws-sdk/client-s3',
		);
	});
});
