import type { Account, Organization } from './organization.ts';

/** The account a Basic Authorization header names, when its password matches; EWS and Autodiscover share it. */
export function authenticate(org: Organization, header: string | undefined): Account | undefined {
  // The auth scheme is case-insensitive (RFC 9110 §11.1).
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const account = org.account(decoded.slice(0, colon));
  return account && account.password === decoded.slice(colon + 1) ? account : undefined;
}
