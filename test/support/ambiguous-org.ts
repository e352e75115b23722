import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { testOrgConfig } from './test-org.ts';

/** The test organization plus Alina Zeller on ex2, so "ali" resolves to two mailboxes. */
export function orgWithAmbiguousName(): OrgConfig {
  const config = testOrgConfig();
  config.mailboxes.push({ address: 'alina@example.test', displayName: 'Alina Zeller', server: 'ex2' });
  return config;
}
