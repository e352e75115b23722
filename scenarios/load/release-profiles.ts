/**
 * The validated scale limits of calendar integrations per release (the troubleshooting text's Table 1):
 * the share of users subscribing to calendar presence and the share doing calendar transitions at once.
 */
export interface ReleaseProfile {
  release: string;
  subscribingPercent: number;
  transitionsPercent: number;
}

export const RELEASE_PROFILES: readonly ReleaseProfile[] = [
  { release: '8.5(1)', subscribingPercent: 50, transitionsPercent: 30 },
  { release: '8.5(2) and later', subscribingPercent: 100, transitionsPercent: 50 },
];

export const RELEASE_NAMES = RELEASE_PROFILES.map((p) => p.release);

export function releaseProfile(name: string): ReleaseProfile {
  const p = RELEASE_PROFILES.find((r) => r.release === name);
  if (!p) throw new RangeError(`unknown release "${name}"; known: ${RELEASE_NAMES.join(', ')}`);
  return p;
}
