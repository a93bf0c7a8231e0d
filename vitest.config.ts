import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { inspectorTemplate } from './vite.config';

export default defineConfig({
	test: {
		projects: [
			{
				// Svelte compiles the `.svelte.ts` state classes (runes), so their logic is unit-tested too.
				// The inspector reads its slice of the template from a module the build makes (vite.config.ts).
				plugins: [svelte(), inspectorTemplate()],
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					setupFiles: ['tests/unit/setup.ts'],
					// Every test must be able to fail: a test that asserts nothing is a bug.
					expect: { requireAssertions: true },
				},
			},
			{
				plugins: [inspectorTemplate()],
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					expect: { requireAssertions: true },
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Suites each boot their own sandbox on free ports; keep the 2-core machine calm.
					maxWorkers: 2,
				},
			},
		],
	},
});
