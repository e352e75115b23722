import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsSchemaDirError } from '../../../../mock-exchange/description/service-description.ts';
import { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { EWS_SCHEMA_DIR } from '../../../support/ews-schema.ts';
import { getEws, postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

const ADDRESS = /<soap:address location="([^"]*)"\/>/;

describe('the service description at /EWS/ (Services.wsdl, messages.xsd, types.xsd)', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('asks for credentials exactly as /EWS/Exchange.asmx does', async () => {
    const asmx = await postEws(mock, '<x/>', { path: '/EWS/Exchange.asmx', auth: null });
    for (const path of ['/EWS/Services.wsdl', '/EWS/messages.xsd', '/EWS/types.xsd']) {
      const reply = await getEws(mock, path, { auth: null });
      expect(reply.status, path).toBe(401);
      expect(asmx.status).toBe(401);
      expect(reply.headers['www-authenticate'], path).toBe('Negotiate, NTLM, Basic realm="ex1.example.test"');
    }
    expect((await getEws(mock, '/EWS/Services.wsdl', { auth: { user: 'svc-imp', password: 'wrong' } })).status).toBe(
      401,
    );
  });

  it('serves the three files under any letter case, as IIS does', async () => {
    for (const path of ['/EWS/Services.wsdl', '/ews/services.wsdl', '/EWS/MESSAGES.XSD', '/Ews/Types.xsd']) {
      const reply = await getEws(mock, path);
      expect(reply.status, path).toBe(200);
      expect(reply.contentType, path).toMatch(/^text\/xml/);
      expect(reply.body, path).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<(wsdl:definitions|xs:schema) /);
    }
    expect((await getEws(mock, '/EWS/other.xsd')).status).toBe(404);
  });

  it("gives each server's own EWS URL as the port address; the schema is the same on every server", async () => {
    const [one, two] = await Promise.all([
      getEws(mock, '/EWS/Services.wsdl'),
      getEws(mock, '/EWS/Services.wsdl', { server: 'ex2' }),
    ]);
    expect(ADDRESS.exec(one.body)?.[1]).toBe(
      `https://ex1.example.test:${mock.org.server('ex1')!.port}/EWS/Exchange.asmx`,
    );
    expect(ADDRESS.exec(two.body)?.[1]).toBe(
      `https://ex2.example.test:${mock.org.server('ex2')!.port}/EWS/Exchange.asmx`,
    );
    expect(one.body.replace(ADDRESS, '')).toBe(two.body.replace(ADDRESS, ''));
    const [m1, m2] = await Promise.all([
      getEws(mock, '/EWS/types.xsd'),
      getEws(mock, '/EWS/types.xsd', { server: 'ex2' }),
    ]);
    expect(m1.body).toBe(m2.body);
  });

  it('a server told to serve a folder without the files refuses to start, naming what is missing', () => {
    const config = { ...testOrgConfig(), ewsSchema: '/nonexistent/ews-schema' };
    expect(() => new MockExchange({ config, clock: new VirtualClock(TEST_START) })).toThrow(EwsSchemaDirError);
    expect(() => new MockExchange({ config, clock: new VirtualClock(TEST_START) })).toThrow(
      /--ews-schema \/nonexistent\/ews-schema: ENOENT/,
    );
    const empty = { ...testOrgConfig(), ewsSchema: join(import.meta.dirname) };
    expect(() => new MockExchange({ config: empty, clock: new VirtualClock(TEST_START) })).toThrow(
      /no services\.wsdl in it/,
    );
  });
});

describe.skipIf(!EWS_SCHEMA_DIR)(
  "a server told to serve Microsoft's files (ewsSchema in the organization file)",
  () => {
    let mock: MockExchange;
    beforeAll(async () => {
      mock = await startMock({ ...testOrgConfig(), ewsSchema: EWS_SCHEMA_DIR });
    });
    afterAll(async () => {
      await mock?.stop();
    });

    it('serves them unchanged, except the ExchangeServicePort address, which becomes its EWS URL', async () => {
      const dir = EWS_SCHEMA_DIR ?? '';
      for (const file of ['messages.xsd', 'types.xsd']) {
        expect((await getEws(mock, `/EWS/${file}`)).body).toBe(readFileSync(join(dir, file), 'utf8'));
      }
      const wsdl = (await getEws(mock, '/EWS/Services.wsdl')).body;
      const original = readFileSync(join(dir, 'services.wsdl'), 'utf8');
      expect(/<soap:address location="([^"]*)"/.exec(wsdl)?.[1]).toBe(mock.ewsUrl('ex1'));
      expect(wsdl.replace(/(<soap:address location=")[^"]*"/, '$1"')).toBe(original);
    });
  },
);
