import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveAdminApi } from '../../../gateway/admin-api.ts';
import { ImpNode } from '../../../gateway/imp-node.ts';
import { labNetwork } from '../../../gateway/network/gateway-network.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { HostsTable } from '../../../sim/network.ts';
import { rawHttp } from '../../support/raw-http.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Every bad body gets a 4xx that names what is wrong (RFC 9110 §15.5.14 413, §15.5.16 415), never a 500. */
describe('IM&P admin API: bad bodies', () => {
  let node: ImpNode;
  let api: Awaited<ReturnType<typeof serveAdminApi>>;
  beforeEach(async () => {
    node = new ImpNode({
      notificationPort: 0,
      dataDir: ':memory:',
      clock: new VirtualClock(0),
      network: labNetwork(new HostsTable()),
    });
    api = await serveAdminApi(node);
  });
  afterEach(async () => {
    await api.close();
    await node.close();
  });
  const post = (headers: Record<string, string>, body: string | Buffer) =>
    rawHttp(
      `${api.url}/api/gateways`,
      'POST',
      { ...headers, authorization: `Bearer ${api.token}`, 'content-length': String(Buffer.byteLength(body)) },
      body,
    );

  it('413 for a body over 1 MB', async () => {
    const r = await post(JSON_TYPE, JSON.stringify({ host: 'ex1.example.test', description: 'x'.repeat(1_100_000) }));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 for a body that is not JSON, an unknown charset or an unknown content-encoding', async () => {
    expect((await post({ 'content-type': 'text/plain' }, 'host=ex1.example.test')).status).toBe(415);
    expect((await post({ 'content-type': 'application/json; charset=klingon' }, '{}')).status).toBe(415);
    const encoded = await post({ ...JSON_TYPE, 'content-encoding': 'x-compress' }, '{}');
    expect(encoded.status).toBe(415);
    expect(JSON.parse(encoded.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('400 naming the field for a value of the wrong type, and nothing stored', async () => {
    const account = await post(
      JSON_TYPE,
      JSON.stringify({ host: 'ex1.example.test', accountName: { a: 1 }, accountPassword: 'pw' }),
    );
    expect(account.status).toBe(400);
    expect(JSON.parse(account.body).field).toBe('accountName');
    const description = await post(JSON_TYPE, JSON.stringify({ host: 'ex1.example.test', description: ['x'] }));
    expect(description.status).toBe(400);
    expect(JSON.parse(description.body).field).toBe('description');
    const password = await post(
      JSON_TYPE,
      JSON.stringify({ host: 'ex1.example.test', accountName: 'svc', accountPassword: 7 }),
    );
    expect(JSON.parse(password.body).field).toBe('password');
    expect(node.config.gateways.list()).toEqual([]);
    expect(node.config.gateways.account()).toBeUndefined();
    expect(node.journal.entries().filter((e) => e.message.startsWith('internal error'))).toEqual([]);
  });

  it('still takes a PEM upload on the trust route (its own body reader)', async () => {
    const r = await rawHttp(
      `${api.url}/api/trust/cup-trust`,
      'POST',
      { 'content-type': 'application/x-pem-file', authorization: `Bearer ${api.token}` },
      'not a pem',
    );
    expect(r.status).toBe(400);
  });
});
