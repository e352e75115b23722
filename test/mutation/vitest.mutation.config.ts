import { defineConfig } from 'vitest/config';

/**
 * The suite as mutation testing runs it for one module (PGSIM_MUTATION_MODULE, e.g. gateway/status): that module's
 * own unit and integration tests only, or the test globs in PGSIM_MUTATION_TESTS (comma-separated) when a module is
 * scored on part of its files. The scenario catalog also drives every module, but it multiplies each mutant's run
 * time on two cores; a mutant only the catalog would catch deserves a test next to its module.
 */
const module = process.env.PGSIM_MUTATION_MODULE;
const chosen = process.env.PGSIM_MUTATION_TESTS?.split(',').filter(Boolean);
const include = chosen?.length
  ? chosen
  : module
    ? [`test/unit/${module}/**/*.test.ts`, `test/integration/${module}/**/*.test.ts`]
    : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/scenarios/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: ['test/integration/docs/readme-examples.test.ts', 'test/integration/cli/lab-signals.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
