import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const shim = (name: string) =>
	fileURLToPath(new URL(`./src/lib/aws/sdk-shims/${name}.ts`, import.meta.url));

/**
 * Two SDK modules replaced, in the build, by the part of them the app's calls run: SHA-256 on WebCrypto without
 * the pure-JS fallback, SigV4 without SigV4a (src/lib/aws/sdk-shims/; issue 18). A shim importing the module
 * it replaces gets the real one. Tests and the dev server's pre-bundled SDK use the real modules.
 */
function sdkShims(): Plugin {
	const shims = new Map([
		['@smithy/core/checksum', shim('checksum')],
		['@aws-sdk/signature-v4-multi-region', shim('signature-v4-multi-region')],
	]);
	return {
		name: 'fedplay-sdk-shims',
		enforce: 'pre',
		resolveId(source, importer) {
			const target = shims.get(source);
			return target && importer !== target ? target : null;
		},
	};
}

// `base: './'` makes every asset URL relative, so the same build works from any path prefix
// (https://example.com/ or https://example.com/games/fedplay/) without a rebuild.
export default defineConfig({
	base: './',
	plugins: [svelte(), sdkShims()],
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
