import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { getFolder } from '../../../support/ews-request-bodies.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { ntlmConnection, ntlmPost } from '../../../support/ntlm-post.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { SVC, testOrgConfig } from '../../../support/test-org.ts';

const schema = schemaTestsEnabled('IIS authentication');
const ALICE = 'alice@example.test';

function orgWith(authentication: NonNullable<OrgConfig['servers'][number]['authentication']>): OrgConfig {
  const config = testOrgConfig();
  config.servers[0] = { ...config.servers[0]!, authentication };
  return config;
}

describe('authentication on /EWS as IIS offers it', () => {
  let mock: MockExchange | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  it('Basic off, NTLMv2 only: an independent NTLM client completes NTLMv2 on one connection', async () => {
    mock = await startMock(orgWith({ methods: ['NTLM', 'Negotiate'], ntlm: ['NTLMv2'] }));
    const { challenge, reply } = await ntlmPost(mock, soapEnvelope(getFolder('calendar'), { impersonate: ALICE }), SVC);
    expect(challenge.status).toBe(401);
    expect(challenge.headers['www-authenticate']).toMatch(/^NTLM [A-Za-z0-9+/=]+$/);
    expect(reply.localPort).toBe(challenge.localPort);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    if (schema) expect((await validateAgainstSchema([{ name: 'GetFolder', xml: reply.body }]))[0]?.errors).toEqual([]);
  });

  it('Negotiate carrying NTLM works too', async () => {
    mock = await startMock(orgWith({ methods: ['Negotiate'], ntlm: ['NTLMv2'] }));
    const { challenge, reply } = await ntlmPost(
      mock,
      soapEnvelope(getFolder('calendar'), { impersonate: ALICE }),
      SVC,
      {
        scheme: 'Negotiate',
      },
    );
    expect(challenge.headers['www-authenticate']).toMatch(/^Negotiate [A-Za-z0-9+/=]+$/);
    expect(reply.status).toBe(200);
  });

  it('a wrong password fails the NTLM handshake with 401 listing the enabled methods', async () => {
    mock = await startMock(orgWith({ methods: ['NTLM', 'Negotiate'], ntlm: ['NTLMv2'] }));
    const { reply } = await ntlmPost(mock, soapEnvelope(getFolder('calendar'), { impersonate: ALICE }), {
      user: SVC.user,
      password: 'not-the-password',
    });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Negotiate, NTLM');
  });

  it('a server set to NTLM only refuses Basic with a 401 that names Negotiate and NTLM, not Basic', async () => {
    mock = await startMock(orgWith({ methods: ['NTLM', 'Negotiate'] }));
    const res = await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: ALICE }));
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('Envelope');
    // Node joins repeated WWW-Authenticate headers with ", ".
    expect(res.headers?.['www-authenticate']).toBe('Negotiate, NTLM');
  });

  it('by default a 401 offers Negotiate, NTLM and Basic with the server realm', async () => {
    mock = await startMock();
    const res = await postEws(mock, soapEnvelope(getFolder('calendar')), {
      auth: { user: SVC.user, password: 'wrong' },
    });
    expect(res.status).toBe(401);
    expect(res.headers?.['www-authenticate']).toBe('Negotiate, NTLM, Basic realm="ex1.example.test"');
  });

  it('the AUTHENTICATE message is bound to the connection that got the challenge', async () => {
    mock = await startMock(orgWith({ methods: ['NTLM'], ntlm: ['NTLMv2'] }));
    const { createType1Message, createType3Message, decodeType2Message } = (await import('@ewsjs/ntlm-client')).default;
    const a = ntlmConnection(mock);
    const b = ntlmConnection(mock);
    try {
      const challenge = await a.post(soapEnvelope(getFolder('calendar')), createType1Message('WS01', ''));
      const type3 = createType3Message(
        decodeType2Message(String(challenge.headers['www-authenticate'])),
        SVC.user,
        SVC.password,
        'WS01',
      );
      expect((await b.post(soapEnvelope(getFolder('calendar'), { impersonate: ALICE }), type3)).status).toBe(401);
    } finally {
      a.close();
      b.close();
    }
  });

  it('once proven, the connection stays authenticated for the next request without a header', async () => {
    mock = await startMock(orgWith({ methods: ['NTLM'], ntlm: ['NTLMv2'] }));
    const { createType1Message, createType3Message, decodeType2Message } = (await import('@ewsjs/ntlm-client')).default;
    const conn = ntlmConnection(mock);
    try {
      const challenge = await conn.post(soapEnvelope(getFolder('calendar')), createType1Message('WS01', ''));
      const type2 = decodeType2Message(String(challenge.headers['www-authenticate']));
      const first = await conn.post(
        soapEnvelope(getFolder('calendar'), { impersonate: ALICE }),
        createType3Message(type2, SVC.user, SVC.password, 'WS01'),
      );
      const second = await conn.post(soapEnvelope(getFolder('calendar'), { impersonate: ALICE }), undefined);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      conn.close();
    }
  });

  it('an organization file with an unknown method is refused naming the field', async () => {
    await expect(startMock(orgWith({ methods: ['Digest' as never] }))).rejects.toThrow(
      /servers\[0\]\.authentication\.methods: "Digest" is not one of Negotiate, NTLM, Basic/,
    );
  });
});
