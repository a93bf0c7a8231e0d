import { defineConfig } from 'vitest/config';

// Both projects extend vite.config.ts: the same plugins as the build (Svelte, which compiles the `.svelte.ts`
// state classes so their logic is unit-tested too, and the inspector's slice of the template) and aliases.
export default defineConfig({
	test: {
		projects: [
			{
				extends: './vite.config.ts',
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
				extends: './vite.config.ts',
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
