// Mutation testing: `npm run mutation [-- MODULE...]` (test/mutation/run-mutation.ts) runs Stryker once per module with
// PGSIM_MUTATION_MODULE set; this file picks that module's sources, tests (test/mutation/vitest.mutation.config.ts)
// and report folder. Not part of CI: the whole set runs for hours on two cores.
const module = process.env.PGSIM_MUTATION_MODULE ?? 'gateway/status';
const reports = `reports/mutation/${module.replace('/', '-')}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [`${module}/**/*.ts`],
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 90,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
