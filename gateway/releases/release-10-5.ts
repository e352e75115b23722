import { LEGACY_JAVA_POLICY } from './java-policies.ts';
import type { ReleaseProfile } from './release-profile.ts';

export const RELEASE_10_5: ReleaseProfile = {
  release: '10.5',
  source: 'Cisco troubleshooting chapter Table 1; IM&P 9.1 Exchange integration guide (NTLMv1); OpenJDK java.security',
  scale: { subscribingPercent: 100, transitionsPercent: 50 },
  usersPerNode: 15000,
  certificatePolicy: LEGACY_JAVA_POLICY,
  ewsAuthMethods: ['basic', 'ntlmv1'],
  calendarFolder: 'localized-word',
  unconfirmed: [
    'users per node: no public sizing text was found for this release',
    'TLS: which JDK the release ships is not public; modelled as a JDK from before the 2021 updates (TLS 1.0 and 1.1 enabled)',
    'EWS authentication: the release in which NTLMv2 was added is not public; this release is modelled as 9.1 (Basic, NTLMv1)',
    'calendar folder: whether the release looks the folder up by name or by distinguished id is not public; the chapter procedure (localized word) is reproduced',
  ],
};
