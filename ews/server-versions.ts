/** t:ExchangeVersionType values accepted in RequestServerVersion (types.xsd). */
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
] as const;

export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

export function isExchangeVersion(v: string): v is ExchangeVersion {
  return (EXCHANGE_VERSIONS as readonly string[]).includes(v);
}
