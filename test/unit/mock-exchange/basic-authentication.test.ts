import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../mock-exchange/basic-authentication.ts';
import type { Account, Organization } from '../../../mock-exchange/organization.ts';

const alice: Account = { user: 'alice', password: 'pa:ss word', impersonation: false };
const org = { account: (user: string) => (user.toLowerCase() === 'alice' ? alice : undefined) } as Organization;
const basic = (text: string, scheme = 'Basic') => `${scheme} ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('Basic authentication shared by EWS and Autodiscover', () => {
  it('accepts the account whose password matches, whatever the case of the scheme (RFC 9110 §11.1)', () => {
    expect(authenticate(org, basic('alice:pa:ss word'))).toBe(alice);
    expect(authenticate(org, basic('alice:pa:ss word', 'basic'))).toBe(alice);
    expect(authenticate(org, basic('alice:pa:ss word', 'BASIC'))).toBe(alice);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['NTLM', basic('alice:pa:ss word', 'NTLM')],
    ['no colon', basic('alice')],
    ['a wrong password', basic('alice:pa:ss')],
    ['an unknown user', basic('mallory:pa:ss word')],
    ['an empty password', basic('alice:')],
  ])('refuses %s', (_what, header) => {
    expect(authenticate(org, header)).toBeUndefined();
  });
});
