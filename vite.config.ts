import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const shim = (name: string) =>
	fileURLToPath(new URL(`./src/lib/aws/sdk-shims/${name}.ts`, import.meta.url));

/**
 * SDK modules replaced, in the build, by the part of them the app's calls run (src/lib/aws/sdk-shims/; issue
 * 18): SHA-256 on WebCrypto without the pure-JS fallback, SigV4 without SigV4a, no adaptive-retry rate
 * limiter (`resolved`: matched by the file an SDK import resolves to), and the partition table without its
 * region descriptions (re-emitted from the installed package). A shim importing the module it replaces gets
 * the real one. Build only (`apply`): tests and the dev server use the real modules.
 */
function sdkShims(): Plugin {
	const shims = new Map([
		['@smithy/core/checksum', shim('checksum')],
		['@aws-sdk/signature-v4-multi-region', shim('signature-v4-multi-region')],
	]);
	const resolved: [RegExp, string][] = [
		[
			/@smithy\/core\/dist-es\/submodules\/retry\/util-retry\/DefaultRateLimiter\.js$/,
			shim('no-adaptive-retry'),
		],
	];
	const PARTITIONS =
		/@aws-sdk\/core\/dist-es\/submodules\/client\/util-endpoints\/lib\/aws\/partitions\.js$/;
	return {
		name: 'fedplay-sdk-shims',
		apply: 'build',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			const target = shims.get(source);
			if (target) return importer !== target ? target : null;
			if (!importer?.includes('node_modules') || !source.startsWith('.')) return null;
			const real = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved.find(([file]) => real && file.test(real.id))?.[1] ?? null;
		},
		async transform(code, id) {
			if (!PARTITIONS.test(id)) return null;
			// App code (TypeScript), run through Vite's module runner as the inspector's template slice is.
			const { module } = await runnerImport<typeof import('./src/lib/aws/sdk-shims/partitions')>(
				shim('partitions'),
				{ configFile: false, logLevel: 'silent' },
			);
			return { code: module.partitionsWithoutDescriptions(code), map: null };
		},
	};
}

const TEMPLATE = fileURLToPath(new URL('./infra/fedplay.template.json', import.meta.url));
const SLICER = fileURLToPath(new URL('./src/lib/infra/template-slice.ts', import.meta.url));
const INSPECTOR_TEMPLATE = 'virtual:inspector-template';

/**
 * `virtual:inspector-template`: the slice of infra/fedplay.template.json the inspector reads (its roles and
 * its table, src/lib/infra/template-slice.ts), made from the template at build time, so the inspector's
 * chunk carries about a third of the template and none of its CloudFront settings. Vitest extends this config.
 */
function inspectorTemplate(): Plugin {
	const resolved = `\0${INSPECTOR_TEMPLATE}`;
	return {
		name: 'fedplay:inspector-template',
		resolveId: (id) => (id === INSPECTOR_TEMPLATE ? resolved : undefined),
		async load(id) {
			if (id !== resolved) return undefined;
			this.addWatchFile(TEMPLATE);
			this.addWatchFile(SLICER);
			// The slicer is app code (TypeScript): run it through Vite's module runner rather than bundle it
			// into this config (which Vite's coming native config loader could not load).
			const { module } = await runnerImport<typeof import('./src/lib/infra/template-slice')>(
				SLICER,
				{
					configFile: false,
					logLevel: 'silent',
				},
			);
			const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Parameters<
				typeof module.templateSlice
			>[0];
			const slice = JSON.stringify(module.templateSlice(template, ['roles', 'tables']));
			// An object literal: the minifier drops its keys' quotes, smaller than JSON.parse('…') here.
			return `export default ${slice};`;
		},
	};
}

/**
 * `@smithy/core/event-streams` is what the SDK's protocols import (dynamically) to read and write event
 * streams. STS, the one SDK client in the app, has no event-stream operation, so the codec (4.7 KB gzip of
 * dead code, with its CRC32) is left out of the build: src/lib/aws/no-event-streams.ts stands in, and throws
 * a clear error should a call ever need it.
 */
const NO_EVENT_STREAMS = fileURLToPath(
	new URL('./src/lib/aws/no-event-streams.ts', import.meta.url),
);

/**
 * Svelte scopes each component's styles with a class, `svelte-<hash>` by default (14 characters, repeated in
 * every scoped element of the component's markup and every selector of its CSS). Here: `s-` and four base-36
 * characters (the last) of the same hash of the file name, about 0.9 KB gzip less over dist. Deterministic, and a build
 * stops rather than let two components share a class.
 */
function shortCssHash(): (input: {
	filename: string;
	css: string;
	hash: (s: string) => string;
}) => string {
	const owners = new Map<string, string>();
	return ({ filename, css, hash }) => {
		const source = filename === '(unknown)' ? css : filename;
		const scope = `s-${hash(source).slice(-4)}`;
		const owner = owners.get(scope);
		if (owner !== undefined && owner !== source)
			throw new Error(`two components would share the style scope ${scope}: ${owner}, ${source}`);
		owners.set(scope, source);
		return scope;
	};
}

// `base: './'` makes every asset URL relative, so the same build works from any path prefix
// (https://example.com/ or https://example.com/games/fedplay/) without a rebuild.
export default defineConfig({
	base: './',
	plugins: [
		svelte({ compilerOptions: { cssHash: shortCssHash() } }),
		inspectorTemplate(),
		sdkShims(),
	],
	resolve: {
		alias: [{ find: /^@smithy\/core\/event-streams$/, replacement: NO_EVENT_STREAMS }],
	},
	server: { host: '127.0.0.1', port: 5173, strictPort: true },
	preview: { host: '127.0.0.1', port: 4173, strictPort: true },
	build: {
		target: 'es2022',
		sourcemap: false,
		modulePreload: { polyfill: false },
		assetsInlineLimit: 0,
		// The silent renew page is a page of its own: the provider's answer lands in the app's hidden iframe.
		rolldownOptions: { input: { main: 'index.html', silent: 'silent-callback.html' } },
	},
});
