import { CURRENT_JAVA_POLICY } from './java-policies.ts';
import type { ReleaseProfile } from './release-profile.ts';

export const RELEASE_14: ReleaseProfile = {
  release: '14',
  source:
    'Cisco troubleshooting chapter Table 1; IM&P 11.x-14 Exchange integration guides (NTLMv2); OpenJDK java.security',
  scale: { subscribingPercent: 100, transitionsPercent: 50 },
  usersPerNode: 15000,
  certificatePolicy: CURRENT_JAVA_POLICY,
  ewsAuthMethods: ['basic', 'ntlmv2'],
  calendarFolder: 'localized-word',
  unconfirmed: [
    'users per node: no public sizing text was found for this release',
    'TLS: which JDK the release ships is not public; modelled as a current JDK (TLS 1.0 and 1.1 disabled)',
    'calendar folder: whether the release looks the folder up by name or by distinguished id is not public; the chapter procedure (localized word) is reproduced',
  ],
};
