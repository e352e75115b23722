import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { startMock } from '../../support/mock-server.ts';

/** GET /EWS/Exchange.asmx on a server's address, SNI its FQDN, with the Host header given: the status. */
function getWithHost(mock: MockExchange, server: string, host: string): Promise<number> {
  const s = mock.org.server(server)!;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: s.ip,
        port: s.port,
        path: '/EWS/Exchange.asmx',
        servername: s.fqdn,
        ca: [mock.pki.root.pem],
        headers: { host },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('EWS servers answer to the names that name them, not to a rebound Host', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock();
    mock.hosts.add('mail.example.test', mock.org.server('ex1')!.ip);
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('its FQDN, its address, loopback and a hosts-table name for its address reach EWS (401: no credentials)', async () => {
    const s = mock.org.server('ex1')!;
    for (const host of [
      `${s.fqdn}:${s.port}`,
      s.fqdn.toUpperCase(),
      `${s.ip}:${s.port}`,
      `localhost:${s.port}`,
      'mail.example.test',
    ])
      expect(await getWithHost(mock, 'ex1', host), host).toBe(401);
  });

  it("another name, another server's name or another address gets 421 before authentication", async () => {
    const other = mock.org.server('ex2')!;
    for (const host of ['attacker.example', other.fqdn, `${other.ip}:443`, '127.0.0.99'])
      expect(await getWithHost(mock, 'ex1', host), host).toBe(421);
  });
});
