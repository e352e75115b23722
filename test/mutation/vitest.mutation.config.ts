import { defineConfig } from 'vitest/config';

/**
 * The suite as mutation testing runs it for one module (PGSIM_MUTATION_MODULE, e.g. gateway/status): that module's
 * unit and integration tests and the scenario catalog, which drives every module end to end. The tests that hold the
 * default lab's fixed ports are left out: they exercise the CLI, not the modules mutated.
 */
const module = process.env.PGSIM_MUTATION_MODULE;
const include = module
  ? [`test/unit/${module}/**/*.test.ts`, `test/integration/${module}/**/*.test.ts`, 'test/scenarios/**/*.test.ts']
  : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/scenarios/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: ['test/integration/docs/readme-examples.test.ts', 'test/integration/cli/lab-signals.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
