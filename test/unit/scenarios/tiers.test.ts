import { describe, expect, it } from 'vitest';
import { catalogFiles } from '../../../scenarios/catalog.ts';
import { loadScenarioFile } from '../../../scenarios/loader/load-scenario.ts';
import { selectScenarios } from '../../../scenarios/tiers.ts';

/** The catalog's full tier: the release scale cases at the size Cisco validated (minutes each). */
const FULL = ['scale-release-8-5-1-validated-size', 'scale-release-8-5-2-validated-size'];

describe('catalog tiers: what `pgsim run` selects', () => {
  const catalog = catalogFiles().map(loadScenarioFile);
  const ids = (s: { id: string }[]) => s.map((x) => x.id);

  it('the default run (tier quick) leaves the full tier out and keeps every other scenario', () => {
    const quick = ids(selectScenarios(catalog, { named: false, tier: 'quick' }));
    for (const id of FULL) expect(quick).not.toContain(id);
    expect(quick).toContain('scale-release-8-5-2');
    expect(quick).toHaveLength(catalog.length - FULL.length);
  });

  it('--tier full runs the whole catalog, the full tier included', () => {
    const full = ids(selectScenarios(catalog, { named: false, tier: 'full' }));
    expect(full).toEqual(expect.arrayContaining(FULL));
    expect(full).toHaveLength(catalog.length);
  });

  it('a full-tier scenario named on the command line runs without --tier', () => {
    const named = catalog.filter((s) => s.id === FULL[0]);
    expect(ids(selectScenarios(named, { named: true, tier: 'quick' }))).toEqual([FULL[0]]);
  });

  it('tags narrow the tier: --tag scale alone gives the quick scale cases, with --tier full the validated sizes too', () => {
    expect(ids(selectScenarios(catalog, { named: false, tier: 'quick', tags: ['scale'] })).sort()).toEqual([
      'ews-throttling-slows-subscriptions',
      'scale-release-8-5-1',
      'scale-release-8-5-2',
    ]);
    expect(ids(selectScenarios(catalog, { named: false, tier: 'full', tags: ['scale'] })).sort()).toEqual([
      'ews-throttling-slows-subscriptions',
      'scale-release-8-5-1',
      'scale-release-8-5-1-validated-size',
      'scale-release-8-5-2',
      'scale-release-8-5-2-validated-size',
    ]);
  });
});
