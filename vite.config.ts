import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// `base: './'` makes every asset URL relative, so the same build works from any path prefix
// (https://example.com/ or https://example.com/games/fedplay/) without a rebuild.
export default defineConfig({
	base: './',
	plugins: [svelte()],
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
