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
