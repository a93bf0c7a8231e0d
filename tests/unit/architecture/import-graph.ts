/**
 * The project's import graph, read from the source: every `.ts` and `.svelte` file under the given roots,
 * each import resolved to a file of the repository (or named as a package). Type-only imports, `export … from`
 * and dynamic `import('…')` count like any other import: a layer that names another, even for a type, depends
 * on it. Pure apart from `readImportGraph`, which reads the files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** file (repository-relative, `/`-separated) → what it imports: files, or `pkg:<name>` for packages. */
export type ImportGraph = Map<string, Set<string>>;

const SOURCE = /\.(ts|svelte)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

function walk(dir: string, out: string[]): void {
	for (const name of readdirSync(dir)) {
		if (SKIP_DIRS.has(name)) continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path, out);
		else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
	}
}

/** The specifiers a file imports. A `.svelte` file's markup may hold `import('…')` too (`{#await}`). */
export function specifiersOf(text: string, svelte: boolean): string[] {
	if (!svelte) return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
	const found: string[] = [];
	const markup = text.replace(
		/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/g,
		(_m, tag: string, body: string) => {
			if (tag === 'script') found.push(...specifiersOf(body, false));
			return '';
		},
	);
	for (const m of markup.matchAll(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g)) found.push(m[2]!);
	return found;
}

/** Resolves a relative specifier the way the bundler does: the file, `.ts`, `.js`, or the folder's index. */
export function resolveSpecifier(
	fromFile: string,
	specifier: string,
	exists: (path: string) => boolean,
): string {
	if (!specifier.startsWith('.')) {
		const parts = specifier.split('/');
		return `pkg:${specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]}`;
	}
	const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
	const candidates = [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`];
	return candidates.find((c) => exists(c) && !c.endsWith('/')) ?? base;
}

/** Reads the import graph of every source file under `roots` (relative to `repo`). */
export function readImportGraph(repo: string, roots: readonly string[]): ImportGraph {
	const files: string[] = [];
	for (const root of roots) walk(join(repo, root), files);
	const graph: ImportGraph = new Map();
	const isFile = (path: string) =>
		existsSync(join(repo, path)) && statSync(join(repo, path)).isFile();
	for (const absolute of files) {
		const file = relative(repo, absolute).split(sep).join('/');
		const text = readFileSync(absolute, 'utf8');
		const targets = specifiersOf(text, file.endsWith('.svelte')).map((s) =>
			resolveSpecifier(file, s, isFile),
		);
		graph.set(file, new Set(targets));
	}
	return graph;
}

/** Tarjan's strongly connected components with more than one member, or a member importing itself. */
export function cycles(graph: ReadonlyMap<string, Iterable<string>>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let next = 0;
	const visit = (node: string): void => {
		index.set(node, next);
		low.set(node, next++);
		stack.push(node);
		onStack.add(node);
		for (const target of graph.get(node) ?? []) {
			if (!graph.has(target)) continue;
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node)!, low.get(target)!));
			} else if (onStack.has(target)) {
				low.set(node, Math.min(low.get(node)!, index.get(target)!));
			}
		}
		if (low.get(node) !== index.get(node)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== node);
		const selfLoop = [...(graph.get(node) ?? [])].includes(node);
		if (component.length > 1 || selfLoop) found.push(component.sort());
	};
	for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
	return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The layer a file belongs to, for the rules: `lib/<folder>`, `lib/errors.ts`, `app`, `entry`, or a root. */
export function layerOf(file: string): string {
	if (file.startsWith('pkg:')) return file;
	// Data and styles (the template's JSON, app.css): not code, so no layer of their own.
	if (!SOURCE.test(file)) return 'asset';
	const lib = /^src\/lib\/([^/]+)\//.exec(file);
	if (lib) return `lib/${lib[1]}`;
	if (file === 'src/lib/errors.ts') return 'lib/errors.ts';
	if (file === 'src/main.ts' || file === 'src/silent-callback.ts') return 'entry';
	if (/^src\/(views|components)\//.test(file) || file === 'src/App.svelte') return 'app';
	return file.split('/')[0]!;
}

/** Layer → layer edges (each with one file edge as the example), self edges left out. */
export function layerGraph(graph: ImportGraph): Map<string, Map<string, string>> {
	const layers = new Map<string, Map<string, string>>();
	for (const [file, targets] of graph) {
		const from = layerOf(file);
		const edges = layers.get(from) ?? new Map<string, string>();
		layers.set(from, edges);
		for (const target of targets) {
			const to = layerOf(target);
			if (to !== from && !edges.has(to)) edges.set(to, `${file} → ${target}`);
		}
	}
	return layers;
}

export interface LayerRules {
	/** layer → the layers it may import (`lib/errors.ts` is always allowed). */
	allowed: Readonly<Record<string, readonly string[]>>;
	/** Layers the rules govern; edges out of any other layer are not checked here. */
	governed: readonly string[];
}

/** Each import from a governed layer to a layer it may not import, in words. */
export function forbiddenEdges(graph: ImportGraph, rules: LayerRules): string[] {
	const found: string[] = [];
	for (const [from, edges] of layerGraph(graph)) {
		if (!rules.governed.includes(from)) continue;
		const allowed = new Set([...(rules.allowed[from] ?? []), 'lib/errors.ts']);
		if (from === 'lib/errors.ts') allowed.clear();
		for (const [to, example] of edges) {
			if (to.startsWith('pkg:')) continue;
			if (!allowed.has(to)) found.push(`${from} → ${to} (${example})`);
		}
	}
	return found.sort();
}

/** `src/lib` folders as a graph of their own (for the folder-cycle check). */
export function libFolderGraph(graph: ImportGraph): Map<string, Set<string>> {
	const folders = new Map<string, Set<string>>();
	for (const [from, edges] of layerGraph(graph)) {
		if (!from.startsWith('lib/')) continue;
		folders.set(from, new Set([...edges.keys()].filter((to) => to.startsWith('lib/'))));
	}
	return folders;
}

/** Which layers import `pkg`; for "this package has one home" rules. */
export function importersOf(graph: ImportGraph, pkg: string): string[] {
	const layers = new Set<string>();
	for (const [file, targets] of graph) {
		if ([...targets].some((t) => t === `pkg:${pkg}` || t.startsWith(`pkg:${pkg}/`)))
			layers.add(layerOf(file));
	}
	return [...layers].sort();
}
