import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFiles } from '../../scenarios/catalog.ts';
import { loadScenarioFile } from '../../scenarios/loader/load-scenario.ts';
import { prettyReporter } from '../../scenarios/reporters/pretty-reporter.ts';
import { runScenario } from '../../scenarios/runner.ts';
import { inTier } from '../../scenarios/tiers.ts';

/** The cases of the troubleshooting chapter, each of which must stay in the catalog. */
const CASES = [
  'reachability-pingable',
  'reachability-unreachable',
  'ssl-verified',
  'ssl-certificate-missing-from-chain',
  'ssl-subject-cn-mismatch',
  'ssl-san-mismatch',
  'ssl-bad-certificates-regenerated',
  'ssl-bad-certificates-algorithm',
  'ssl-network-error',
  'ssl-failed',
  'status-first-ten-gateways',
  'trust-upload-needs-engine-restart',
  'mailbox-move',
  'ldap-user-removal',
  'localized-calendar-word',
  'scale-release-8-5-1',
  'scale-release-8-5-2',
];

/** The full tier takes minutes (15,000 users): PGSIM_CATALOG_TIER=full runs it here too. */
const TIER = process.env.PGSIM_CATALOG_TIER === 'full' ? 'full' : 'quick';

// Every troubleshooting case, run exactly as `pgsim run` runs it: the symptom first, then the fix.
describe('troubleshooting catalog', () => {
  const files = catalogFiles();
  const runs = files.filter((f) => inTier(loadScenarioFile(f), TIER));

  it('has a scenario for every case the troubleshooting text lists', () => {
    const ids = files.map((f) => basename(f, '.yaml'));
    expect(ids).toEqual(expect.arrayContaining(CASES));
  });

  it.each(runs.map((f) => [basename(f, '.yaml'), f]))('%s', async (_id, file) => {
    const scenario = loadScenarioFile(file);
    const result = await runScenario(scenario);
    // The pretty report names each failed step with expected and observed values.
    expect(result.ok, prettyReporter().scenario(result)).toBe(true);
    expect(result.steps).toHaveLength(scenario.steps.length);
    expect(result.steps.filter((s) => s.kind === 'expect').every((s) => (s.checks?.length ?? 0) > 0)).toBe(true);
  });
});
