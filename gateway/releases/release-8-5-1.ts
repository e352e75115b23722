import { LEGACY_JAVA_POLICY } from './java-policies.ts';
import type { ReleaseProfile } from './release-profile.ts';

export const RELEASE_8_5_1: ReleaseProfile = {
  release: '8.5(1)',
  source: 'Cisco troubleshooting chapter Table 1; IM&P 9.1 Exchange integration guide (NTLMv1); OpenJDK java.security',
  scale: { subscribingPercent: 50, transitionsPercent: 30 },
  usersPerNode: 5000,
  certificatePolicy: LEGACY_JAVA_POLICY,
  ewsAuthMethods: ['basic', 'ntlmv1'],
  calendarFolder: 'localized-word',
  unconfirmed: [
    'users per node: no public sizing text was found for this release',
    'TLS: which JDK the release ships is not public; modelled as a JDK from before the 2021 updates (TLS 1.0 and 1.1 enabled)',
    'EWS authentication: NTLMv1 is documented for 9.1; the same methods are assumed for this earlier release',
    'calendar folder: whether the release looks the folder up by name or by distinguished id is not public; the chapter procedure (localized word) is reproduced',
  ],
};
