/**
 * Catalog tiers: `quick` scenarios (the default) run in seconds and make up `pgsim run`; `full` scenarios load
 * the lab at the size Cisco validated and take minutes, so they run only when asked for (`--tier full`) or
 * named.
 */
export const TIERS = ['quick', 'full'] as const;
export type Tier = (typeof TIERS)[number];

/** Whether a run of this tier includes the scenario: `full` includes everything, `quick` only the quick tier. */
export function inTier(scenario: { tier?: Tier }, tier: Tier): boolean {
  return tier === 'full' || (scenario.tier ?? 'quick') === 'quick';
}

/**
 * What `pgsim run` runs: scenarios named on the command line whatever their tier, else the catalog's scenarios of
 * the tier asked for; then only those with one of the tags, if any are given.
 */
export function selectScenarios<S extends { tier?: Tier; tags?: string[] }>(
  loaded: S[],
  options: { named: boolean; tier: Tier; tags?: string[] },
): S[] {
  return loaded
    .filter((s) => options.named || inTier(s, options.tier))
    .filter((s) => !options.tags || options.tags.some((t) => s.tags?.includes(t)));
}
