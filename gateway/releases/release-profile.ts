import type { CertificatePolicy } from '../certificates/certificate-policy.ts';

/** Authentication methods an IM&P release's EWS client offers (data only; the EWS client does not read it). */
export type EwsAuthMethod = 'basic' | 'ntlmv1' | 'ntlmv2';

/**
 * How the Presence Engine finds a user's calendar folder: by the localized display name ("Calendar",
 * "Kalender"; the chapter's procedure) or by EWS DistinguishedFolderId "calendar", which ignores the language.
 */
export type CalendarFolderLookup = 'localized-word' | 'distinguished-id';

/** What differs between IM and Presence releases and is documented (DESIGN §4a): data, never code paths. */
export interface ReleaseProfile {
  release: string;
  /** Where the facts come from, in one line. */
  source: string;
  /** The chapter's Table 1: share of users subscribing, share transitioning in the same minute. */
  scale: { subscribingPercent: number; transitionsPercent: number };
  /** Users per node the release was validated with. */
  usersPerNode: number;
  /** The TLS versions and certificate algorithm policy of the release's Java. */
  certificatePolicy: Readonly<CertificatePolicy>;
  ewsAuthMethods: readonly EwsAuthMethod[];
  calendarFolder: CalendarFolderLookup;
  /** Facts of this profile that could not be confirmed from public text, one sentence each. */
  unconfirmed: readonly string[];
}
