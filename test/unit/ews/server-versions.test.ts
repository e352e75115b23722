import { describe, expect, it } from 'vitest';
import { isExchangeVersion } from '../../../ews/server-versions.ts';
import { DEFAULT_SERVER_VERSION } from '../../../ews/soap-response.ts';

describe('RequestServerVersion', () => {
  it('accepts the version the mock reports in ServerVersionInfo, so a client may echo it back', () => {
    expect(isExchangeVersion(DEFAULT_SERVER_VERSION.Version)).toBe(true);
  });

  it('accepts the schema versions and refuses others, case-sensitively', () => {
    expect(['Exchange2007_SP1', 'Exchange2013', 'V2016_10_10'].every(isExchangeVersion)).toBe(true);
    expect(['exchange2013', 'Exchange2019', '', 'V2017_07_12'].some(isExchangeVersion)).toBe(false);
  });
});
