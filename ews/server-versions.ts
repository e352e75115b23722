/**
 * Versions accepted in RequestServerVersion: t:ExchangeVersionType (types.xsd, Exchange 2016 vintage) plus
 * V2017_07_11, the version the mock reports in ServerVersionInfo, which a client may echo back.
 */
export const EXCHANGE_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_07_11',
] as const;

export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

export function isExchangeVersion(v: string): v is ExchangeVersion {
  return (EXCHANGE_VERSIONS as readonly string[]).includes(v);
}

/** The Exchange releases a mock server can be. */
export const EXCHANGE_RELEASES = ['2010-SP2', '2013', '2016', '2019'] as const;
export type ExchangeRelease = (typeof EXCHANGE_RELEASES)[number];
export const DEFAULT_EXCHANGE_RELEASE: ExchangeRelease = '2019';

export interface ServerVersionInfo {
  MajorVersion: number;
  MinorVersion: number;
  MajorBuildNumber: number;
  MinorBuildNumber: number;
  Version: string;
}

export interface ReleaseFacts {
  /** What the server writes in every response header. */
  serverVersionInfo: ServerVersionInfo;
  /** The newest RequestServerVersion it knows; anything later in EXCHANGE_VERSIONS is ErrorInvalidServerVersion. */
  newestRequestVersion: ExchangeVersion;
  /** GetStreamingEvents and StreamingSubscriptionRequest exist from Exchange 2010 SP1 on. */
  streaming: boolean;
  /** GlobalThrottlingPolicy EWSMaxConcurrency: 10 on Exchange 2010, 27 from 2013 on. */
  ewsMaxConcurrency: number;
  /** GlobalThrottlingPolicy EWSMaxSubscriptions: 5000 on-premises. */
  ewsMaxSubscriptions: number;
  /** GlobalThrottlingPolicy EWSFindCountLimit: 1000 everywhere. */
  ewsFindCountLimit: number;
}

/**
 * Builds from Microsoft's "Exchange Server build numbers and release dates" table
 * (learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates): 2010 SP2 RTM 14.2.247.5 (Dec 2011),
 * 2013 CU23 15.0.1497.2 (Jun 2019), 2016 CU23 15.1.2507.6 (Apr 2022), 2019 CU14 15.2.1544.4 (Feb 2024).
 * Version strings as those servers write them: Exchange2010_SP2, V2_23 (2013 CU23), V2017_07_11 (2016/2019).
 */
export const EXCHANGE_RELEASE_FACTS: Record<ExchangeRelease, ReleaseFacts> = {
  '2010-SP2': {
    serverVersionInfo: {
      MajorVersion: 14,
      MinorVersion: 2,
      MajorBuildNumber: 247,
      MinorBuildNumber: 5,
      Version: 'Exchange2010_SP2',
    },
    newestRequestVersion: 'Exchange2010_SP2',
    streaming: true,
    ewsMaxConcurrency: 10,
    ewsMaxSubscriptions: 5000,
    ewsFindCountLimit: 1000,
  },
  '2013': {
    serverVersionInfo: {
      MajorVersion: 15,
      MinorVersion: 0,
      MajorBuildNumber: 1497,
      MinorBuildNumber: 2,
      Version: 'V2_23',
    },
    newestRequestVersion: 'Exchange2013_SP1',
    streaming: true,
    ewsMaxConcurrency: 27,
    ewsMaxSubscriptions: 5000,
    ewsFindCountLimit: 1000,
  },
  '2016': {
    serverVersionInfo: {
      MajorVersion: 15,
      MinorVersion: 1,
      MajorBuildNumber: 2507,
      MinorBuildNumber: 6,
      Version: 'V2017_07_11',
    },
    newestRequestVersion: 'V2017_07_11',
    streaming: true,
    ewsMaxConcurrency: 27,
    ewsMaxSubscriptions: 5000,
    ewsFindCountLimit: 1000,
  },
  '2019': {
    serverVersionInfo: {
      MajorVersion: 15,
      MinorVersion: 2,
      MajorBuildNumber: 1544,
      MinorBuildNumber: 4,
      Version: 'V2017_07_11',
    },
    newestRequestVersion: 'V2017_07_11',
    streaming: true,
    ewsMaxConcurrency: 27,
    ewsMaxSubscriptions: 5000,
    ewsFindCountLimit: 1000,
  },
};

export function isExchangeRelease(v: unknown): v is ExchangeRelease {
  return typeof v === 'string' && (EXCHANGE_RELEASES as readonly string[]).includes(v);
}

/** Whether a server of this release knows the requested version (same or older). */
export function acceptsRequestVersion(release: ExchangeRelease, requested: ExchangeVersion): boolean {
  const newest = EXCHANGE_RELEASE_FACTS[release].newestRequestVersion;
  return EXCHANGE_VERSIONS.indexOf(requested) <= EXCHANGE_VERSIONS.indexOf(newest);
}
