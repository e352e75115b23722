import { GatewayError } from '../gateway-error.ts';
import { RELEASE_8_5_1 } from './release-8-5-1.ts';
import { RELEASE_8_5_2 } from './release-8-5-2.ts';
import { RELEASE_9_1 } from './release-9-1.ts';
import { RELEASE_10_5 } from './release-10-5.ts';
import { RELEASE_11_5 } from './release-11-5.ts';
import { RELEASE_12_5 } from './release-12-5.ts';
import { RELEASE_14 } from './release-14.ts';
import { RELEASE_15 } from './release-15.ts';
import type { ReleaseProfile } from './release-profile.ts';

/** Every IM and Presence release the node can run, oldest first. */
export const RELEASE_PROFILES: readonly ReleaseProfile[] = Object.freeze([
  RELEASE_8_5_1,
  RELEASE_8_5_2,
  RELEASE_9_1,
  RELEASE_10_5,
  RELEASE_11_5,
  RELEASE_12_5,
  RELEASE_14,
  RELEASE_15,
]);

export const RELEASE_NAMES: readonly string[] = RELEASE_PROFILES.map((p) => p.release);

/** A node runs the newest release unless told otherwise. */
export const DEFAULT_RELEASE = RELEASE_NAMES[RELEASE_NAMES.length - 1]!;

export function releaseProfile(name: string = DEFAULT_RELEASE): ReleaseProfile {
  const p = RELEASE_PROFILES.find((r) => r.release === name);
  if (!p)
    throw new GatewayError(
      'INVALID_VALUE',
      `Unknown IM and Presence release "${name}"; use one of ${RELEASE_NAMES.join(', ')}`,
      'release',
    );
  return p;
}
