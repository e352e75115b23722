import { defineConfig } from 'vitest/config';

/**
 * Tests that start the default lab on its fixed addresses (127.0.10.1:8443 and friends, as the README shows them):
 * they run after everything else, one file at a time, so no two of them hold those ports at once.
 */
const DEFAULT_LAB_TESTS = ['test/integration/docs/readme-examples.test.ts', 'test/integration/cli/lab-signals.test.ts'];

/** scrypt at its smallest allowed cost: hundreds of labs hash their users' passwords; the default cost has its own test. */
const env = { PGSIM_SCRYPT_COST: '1024' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      {
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          exclude: DEFAULT_LAB_TESTS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      { test: { name: 'scenarios', include: ['test/scenarios/**/*.test.ts'], testTimeout: 60_000, env } },
      {
        test: {
          name: 'default-lab',
          env,
          include: DEFAULT_LAB_TESTS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
