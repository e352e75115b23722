import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../../../gateway/ews-client/ews-client.ts';
import { findCalendarView } from '../../../../gateway/ews-client/ews-requests.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { startMock } from '../../../support/mock-server.ts';
import { SVC, TEST_START, testOrgConfig } from '../../../support/test-org.ts';

describe('the Presence Engine EWS client verifies every connection', () => {
  let mock: MockExchange | undefined;
  let client: EwsClient | undefined;
  afterEach(async () => {
    client?.close();
    await mock?.stop();
  });

  it('regression: many requests at once open new connections that all present a certificate (no TLS session resumption)', async () => {
    const clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    client = new EwsClient({
      accountName: SVC.user,
      password: SVC.password,
      clock,
      timeoutMs: 3000,
      threads: 20,
      queue: 100,
      trusted: [new X509Certificate(mock.pki.root.pem)],
      lookup: mock.hosts.lookup as never,
    });
    const ep = { host: 'ex1.example.test', port: mock.org.server('ex1')!.port };
    const read = () =>
      findCalendarView(
        client!,
        ep,
        'alice@example.test',
        { distinguished: 'calendar' },
        TEST_START,
        TEST_START + 86_400_000,
      );
    // One connection first, so that a session could be cached and offered to the others.
    expect((await read()).map((b) => b.subject)).toContain('Weekly sync');
    const results = await Promise.allSettled(Array.from({ length: 40 }, read));
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
  });
});
