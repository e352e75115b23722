import { CalendarView, DateTime, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { ewsClient, startMock } from '../../support/mock-server.ts';
import { runPgsim } from '../../support/pgsim-process.ts';

// Each case starts a pgsim process (a few seconds each on a loaded machine).
describe('pgsim exchange requests: the request journal of a running organization', { timeout: 120_000 }, () => {
  let mock: MockExchange;
  let adminUrl: string;
  let token: string;
  beforeAll(async () => {
    mock = await startMock();
    adminUrl = mock.adminApi?.url ?? '';
    token = mock.adminApi?.token ?? '';
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    await svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(
        new DateTime(Date.parse('2030-05-06T00:00:00Z')),
        new DateTime(Date.parse('2030-05-07T00:00:00Z')),
      ),
    );
  });
  afterAll(async () => {
    await mock.stop();
  });

  it('--operation FindItem --json prints the matching requests with the journal counters', async () => {
    const r = await runPgsim([
      'exchange',
      'requests',
      '--operation',
      'FindItem',
      '--admin-url',
      adminUrl,
      '--token',
      token,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout) as { capacity: number; dropped: number; requests: Record<string, unknown>[] };
    expect(view.capacity).toBe(1000);
    expect(view.dropped).toBe(0);
    expect(view.requests).toHaveLength(1);
    expect(view.requests[0]).toMatchObject({
      server: 'ex1',
      operation: 'FindItem',
      mailboxes: ['alice@example.test'],
      impersonated: 'alice@example.test',
      auth: { method: 'Basic', account: 'svc-imp' },
      responseCodes: ['NoError'],
      httpStatus: 200,
    });
  });

  it('prints a table by default, and says so when nothing matches', async () => {
    const r = await runPgsim([
      'exchange',
      'requests',
      '--mailbox',
      'alice@example.test',
      '--admin-url',
      adminUrl,
      '--token',
      token,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FindItem\s+alice@example\.test\s+Basic svc-imp\s+200 NoError/);
    expect(r.stdout).toMatch(/\d+ received, 0 dropped \(keeps 1000\)/);
    const none = await runPgsim([
      'exchange',
      'requests',
      '--operation',
      'Subscribe',
      '--admin-url',
      adminUrl,
      '--token',
      token,
    ]);
    expect(none.stdout).toMatch(/^No matching requests\. \d+ received, 0 dropped \(keeps 1000\)/);
  });

  it('a bad --since is refused with the field named', async () => {
    const r = await runPgsim([
      'exchange',
      'requests',
      '--since',
      'yesterday',
      '--admin-url',
      adminUrl,
      '--token',
      token,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('since: must be a time (ms or ISO 8601), got "yesterday"');
  });
});
