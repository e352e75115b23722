import { afterEach, describe, expect, it } from 'vitest';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

const SVC = { user: 'svc-imp', password: 'Imp-Passw0rd' };

function orgWithAuth(
  methods: ('Negotiate' | 'NTLM' | 'Basic')[],
  ntlm: ('NTLMv1' | 'NTLMv2')[] = ['NTLMv2'],
): OrgConfig {
  const org = presenceOrgConfig();
  org.servers = org.servers.map((s) => ({ ...s, authentication: { methods, ntlm } }));
  return org;
}

describe('the impersonation account authenticates with the method it is configured for', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('NTLM (NTLMv2) subscribes every user by push on servers with Basic switched off', async () => {
    h = await PresenceLab.start({
      org: orgWithAuth(['Negotiate', 'NTLM']),
      before: (lab) => lab.imp.config.gateways.setAccount(SVC.user, SVC.password, 'NTLM'),
    });
    expect(h.exchange.admin.subscriptions()).toHaveLength(5);
    expect(h.journal('calendar').filter((m) => m.includes('(401'))).toEqual([]);
  });

  it('NTLM carries the streaming mode too: GetStreamingEvents on a connection authenticated for it', async () => {
    h = await PresenceLab.start({
      org: orgWithAuth(['NTLM']),
      before: (lab) => {
        lab.imp.config.gateways.setAccount(SVC.user, SVC.password, 'NTLM');
        for (const gw of lab.imp.config.gateways.list()) lab.imp.config.gateways.update(gw.id, { mode: 'streaming' });
      },
    });
    expect(h.imp.calendars.list().map((s) => [s.mode, s.status])).toEqual(Array(5).fill(['streaming', 'subscribed']));
    await h.until(
      () => h!.exchange.journal.entries().some((e) => e.message === 'GetStreamingEvents streaming'),
      'a stream',
    );
  });

  it('Basic against servers that offer only Windows authentication: 401 naming what the server offers, no subscription', async () => {
    h = await PresenceLab.start({ org: orgWithAuth(['Negotiate', 'NTLM']) });
    expect(h.exchange.admin.subscriptions()).toHaveLength(0);
    expect(
      h
        .journal('calendar')
        .some((m) => m.includes('refused the credentials of svc-imp (401, Basic; the server offers: Negotiate, NTLM)')),
    ).toBe(true);
  });

  it('NTLM against a server that offers only Basic: the log says NTLM is not offered', async () => {
    h = await PresenceLab.start({
      org: orgWithAuth(['Basic']),
      before: (lab) => lab.imp.config.gateways.setAccount(SVC.user, SVC.password, 'NTLM'),
    });
    expect(h.exchange.admin.subscriptions()).toHaveLength(0);
    expect(
      h
        .journal('calendar')
        .some((m) => m.includes('does not offer NTLM authentication (HTTP 401; WWW-Authenticate: Basic realm=')),
    ).toBe(true);
  });

  it('an NTLMv2 response against servers that accept only NTLMv1 is refused with 401', async () => {
    h = await PresenceLab.start({
      org: orgWithAuth(['NTLM'], ['NTLMv1']),
      before: (lab) => lab.imp.config.gateways.setAccount(SVC.user, SVC.password, 'NTLM'),
    });
    expect(h.exchange.admin.subscriptions()).toHaveLength(0);
    expect(
      h
        .journal('calendar')
        .some((m) => m.includes('refused the credentials of svc-imp (401, NTLM; the server offers: NTLM)')),
    ).toBe(true);
  });
});
