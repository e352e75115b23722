import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SslOutcome } from '../../../gateway/certificates/verification-outcome.ts';
import { SSL_LABEL_FOR } from '../../../gateway/status/ssl-label-table.ts';
import { type DashboardLab, startDashboardLab } from '../../support/dashboard-browser.ts';

interface Row {
  gateway: { id: string; host: string };
  ssl: string;
  evidence: { rule: SslOutcome };
}

/**
 * The same outcome gets the same label in the status area (the node's admin API), the Certificate Viewer
 * and the dashboard's own status API: one table names it (DESIGN §3). Labels expected per DESIGN §3.
 */
describe('status area, viewer and dashboard agree on the SSL label', () => {
  let h: DashboardLab;
  const get = async <T>(path: string, method = 'GET'): Promise<T> => {
    const res = await fetch(new URL(path, h.url), { method, headers: h.auth });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
  beforeAll(async () => {
    h = await startDashboardLab();
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    await h.live.lab.exchange.reset();
  });

  /** Labels of one gateway from the three places a trainer reads them. */
  async function dashboardRefresh(): Promise<{ area: { rows: Row[] } | null; checking: boolean }> {
    await get('/api/status/refresh', 'POST');
    let dash: { area: { rows: Row[] } | null; checking: boolean } = { area: null, checking: true };
    await expect
      .poll(async () => {
        dash = await get('/api/status');
        return dash.checking;
      })
      .toBe(false);
    return dash;
  }

  async function labels(host: string) {
    const node = await get<{ rows: Row[] }>('/imp/api/status');
    const row = node.rows.find((r) => r.gateway.host === host)!;
    const viewer = await get<{ ssl: string }>(`/imp/api/viewer/${row.gateway.id}`);
    const dash = await dashboardRefresh();
    const dashRow = dash.area!.rows.find((r) => r.gateway.host === host)!;
    return {
      statusArea: row.ssl,
      viewer: viewer.ssl,
      dashboard: dashRow.ssl,
      table: SSL_LABEL_FOR[row.evidence.rule],
      dashboardRule: dashRow.evidence.rule,
      rule: row.evidence.rule,
    };
  }

  const same = (label: string, rule: SslOutcome) => ({
    statusArea: label,
    viewer: label,
    dashboard: label,
    table: label,
    dashboardRule: rule,
    rule,
  });

  it.each([
    ['valid', 'Verified', 'verified'],
    ['missing-intermediate', 'Failed - Certificate Missing From Chain', 'missing-issuer'],
    ['cn-mismatch', 'Failed - Subject CN Mismatch', 'cn-mismatch'],
    ['san-mismatch', 'Failed - SAN Mismatch', 'san-mismatch'],
    ['expired', 'Failed - Bad Certificates', 'validity'],
    // The lab's node runs the newest release: JSSE's EndEntityChecker rejects the certificate (rule 4).
    ['client-auth-only', 'Failed - Bad Certificates', 'server-auth-eku'],
  ] as const)('certificate profile %s: %s everywhere', async (profile, label, rule) => {
    await h.live.lab.exchange.setCertificateProfile('ex1', profile);
    expect(await labels('ex1.example.test')).toEqual(same(label, rule));
  });

  it.each([
    ['down', 'refused'],
    ['reset', 'reset'],
  ] as const)('network fault %s: Failed - Network Error everywhere (rule 1)', async (type, rule) => {
    await h.live.lab.exchange.faults.set('ex1', [{ type }]);
    expect(await labels('ex1.example.test')).toEqual(same('Failed - Network Error', rule));
  });

  it('a name that does not resolve: Failed everywhere (rule 2)', async () => {
    h.live.lab.imp.addGateway({ host: 'nowhere.example.test', port: 443 });
    expect(await labels('nowhere.example.test')).toEqual(same('Failed', 'not-resolved'));
  });

  it("the dashboard's refresh is the node's: its journal entry, logged again only when the verdict changes", async () => {
    const journal = h.live.lab.imp.journal;
    const ex1Entries = () =>
      journal.entries({ source: 'status-area' }).filter((e) => e.message.startsWith('ex1.example.test:'));
    await h.live.lab.exchange.setCertificateProfile('ex1', 'san-mismatch');
    await dashboardRefresh();
    const before = ex1Entries().length;
    await dashboardRefresh();
    expect(ex1Entries()).toHaveLength(before);
    await h.live.lab.exchange.setCertificateProfile('ex1', 'expired');
    await dashboardRefresh();
    const added = ex1Entries().slice(before);
    expect(added.map((e) => [e.level, e.data?.ssl, e.data?.rule])).toEqual([
      ['warn', 'Failed - Bad Certificates', 'validity'],
    ]);
    // The node's own entry: the chain as seen travels with it.
    expect(added[0]?.data?.chain).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: 'ex1.example.test', status: 'Expired' })]),
    );
  });
});
