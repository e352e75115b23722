import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { getFolder } from '../../support/ews-request-bodies.ts';
import { labAgent, type PostOptions, postEws, readFault } from '../../support/https-post.ts';
import { startMock } from '../../support/mock-server.ts';
import { soapEnvelope } from '../../support/soap-envelope.ts';

const ALICE = 'alice@example.test';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
/** The most a request may carry before it has authenticated (README). */
const PRE_AUTH_LIMIT = 64 * 1024;

const getCalendarFolder = () => soapEnvelope(getFolder('calendar'), { impersonate: ALICE });

/** A valid GetFolder padded with an XML comment to at least `bytes` bytes. */
const padded = (bytes: number) => getCalendarFolder().replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(bytes)}-->`);

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('EWS speaks SOAP 1.1 in its own namespaces only', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });
  const post = (body: string, opts?: PostOptions) => postEws(mock, body, opts);

  it('a SOAP 1.2 Content-Type (application/soap+xml) gets 415 naming the type expected', async () => {
    const reply = await post(getCalendarFolder().replace(SOAP11, SOAP12), {
      headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' },
    });
    expect(reply.status).toBe(415);
    expect(reply.body).toBe(
      "Cannot process the message because the content type 'application/soap+xml; charset=utf-8' was not the expected type 'text/xml; charset=utf-8'.",
    );
  });

  it('a SOAP 1.2 envelope sent as text/xml: 500 ErrorSchemaValidation naming the namespace', async () => {
    const reply = await post(getCalendarFolder().replace(SOAP11, SOAP12));
    expect(reply.status).toBe(500);
    const fault = await readFault(reply.body);
    expect(fault.responseCode).toBe('ErrorSchemaValidation');
    expect(reply.body).toContain(`the Envelope is in the namespace &apos;${SOAP12}&apos;`);
  });

  it('an operation in a made-up namespace: 500 ErrorSchemaValidation, the element is not declared', async () => {
    const reply = await post(getCalendarFolder().replace(`xmlns:m="${MESSAGES}"`, 'xmlns:m="urn:made-up:messages"'));
    expect(reply.status).toBe(500);
    const fault = await readFault(reply.body);
    expect(fault.responseCode).toBe('ErrorSchemaValidation');
    expect(reply.body).toContain('The &apos;urn:made-up:messages:GetFolder&apos; element is not declared.');
  });

  it('an Envelope in a made-up namespace: 500 ErrorSchemaValidation naming it', async () => {
    const reply = await post(getCalendarFolder().replace(SOAP11, 'urn:made-up:envelope'));
    expect(reply.status).toBe(500);
    expect((await readFault(reply.body)).responseCode).toBe('ErrorSchemaValidation');
    expect(reply.body).toContain('the Envelope is in the namespace &apos;urn:made-up:envelope&apos;');
  });

  it('namespaces are read where they are declared: an operation redeclaring its prefix is in the messages namespace', async () => {
    // The envelope binds m to a made-up namespace; GetFolder binds it again, to the messages namespace, for itself.
    const xml = getCalendarFolder()
      .replace(`xmlns:m="${MESSAGES}"`, 'xmlns:m="urn:made-up:messages"')
      .replace('<m:GetFolder>', `<m:GetFolder xmlns:m="${MESSAGES}">`);
    expect(xml).toContain(`<m:GetFolder xmlns:m="${MESSAGES}">`);
    const reply = await post(xml);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
  });

  it('control: the same request in SOAP 1.1 with the messages namespace succeeds', async () => {
    const reply = await post(getCalendarFolder());
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
  });
});

describe('the body a request may carry before it authenticates', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('an unauthenticated body over 64 KB gets 413 and its connection closed; one under gets the 401', async () => {
    const agent = labAgent(mock, { keepAlive: true });
    try {
      const small = await postEws(mock, padded(PRE_AUTH_LIMIT - 2000), { auth: null, agent });
      expect(small.status).toBe(401);
      const big = await postEws(mock, padded(PRE_AUTH_LIMIT), { auth: null, agent });
      expect(big.status).toBe(413);
      expect(big.headers.connection).toBe('close');
      await closed(big.socket);
    } finally {
      agent.destroy();
    }
  });

  it('the cap holds for a chunked body (no Content-Length) and for refused credentials', async () => {
    const chunked = await postEws(mock, padded(PRE_AUTH_LIMIT), { auth: null, chunked: true });
    expect(chunked.status).toBe(413);
    expect(chunked.headers.connection).toBe('close');
    const refused = await postEws(mock, padded(PRE_AUTH_LIMIT), { auth: { user: 'svc-imp', password: 'wrong' } });
    expect(refused.status).toBe(413);
  });

  it('an NTLM NEGOTIATE carrying a body over 64 KB gets 413, not the challenge', async () => {
    // A minimal NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): signature, type 1, flags, empty domain and workstation.
    const negotiate = Buffer.alloc(32);
    negotiate.write('NTLMSSP\0', 0, 'latin1');
    negotiate.writeUInt32LE(1, 8);
    negotiate.writeUInt32LE(0x00088207, 12);
    const challenge = await postEws(mock, getCalendarFolder(), {
      authorization: `NTLM ${negotiate.toString('base64')}`,
    });
    expect(challenge.status).toBe(401);
    expect(challenge.headers['www-authenticate']).toMatch(/^NTLM /);
    const big = await postEws(mock, padded(PRE_AUTH_LIMIT), { authorization: `NTLM ${negotiate.toString('base64')}` });
    expect(big.status).toBe(413);
  });

  it('after authentication the full limit applies: a 100 KB request is answered', async () => {
    const reply = await postEws(mock, padded(100 * 1024));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
  });
});
