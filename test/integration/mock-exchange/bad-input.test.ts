import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../ews/soap-request.ts';
import { MAX_REQUEST_BYTES } from '../../../mock-exchange/ews-endpoint.ts';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { getFolder } from '../../support/ews-request-bodies.ts';
import { labAgent, type PostOptions, postEws, readFault } from '../../support/https-post.ts';
import { startMock } from '../../support/mock-server.ts';
import { type EnvelopeOptions, soapEnvelope } from '../../support/soap-envelope.ts';

const ALICE = 'alice@example.test';
const SCOPED = { user: 'svc-ex1-only', password: 'Scoped-Passw0rd' };

/** GetFolder for the calendar, as CalendarFolder.Bind sends it. */
const getCalendarFolder = (opts: EnvelopeOptions = {}) => soapEnvelope(getFolder('calendar'), opts);

describe('bad input over HTTPS: status and SOAP fault as Exchange sends them', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  const post = (body: string | Buffer, opts?: PostOptions) => postEws(mock, body, opts);

  /** A 500 SOAP fault with this ResponseCode, faultcode a:<code>, as text/xml. */
  async function expectFault(reply: Awaited<ReturnType<typeof post>>, code: string, status = 500) {
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
    const fault = await readFault(reply.body);
    expect(fault.responseCode).toBe(code);
    expect(fault.faultCode).toBe(`a:${code}`);
    return fault;
  }

  it('control: a well-formed GetFolder with impersonation succeeds', async () => {
    const reply = await post(getCalendarFolder({ impersonate: ALICE }));
    expect(reply.status).toBe(200);
    const root = await parseXml(reply.body);
    expect(
      root.textAt('Body', 'GetFolderResponse', 'ResponseMessages', 'GetFolderResponseMessage', 'ResponseCode'),
    ).toBe('NoError');
  });

  it('malformed XML: 500 ErrorSchemaValidation naming the parser’s complaint', async () => {
    const fault = await expectFault(
      await post(getCalendarFolder({ impersonate: ALICE }).replace('</m:GetFolder>', '</m:GetFolderX>')),
      'ErrorSchemaValidation',
    );
    expect(fault.message).toMatch(/^The request failed schema validation: Unexpected close tag/);
  });

  it('well-formed XML that is not SOAP: 500 ErrorSchemaValidation naming the root found', async () => {
    const fault = await expectFault(
      await post('<?xml version="1.0"?><GetFolder><FolderIds/></GetFolder>'),
      'ErrorSchemaValidation',
    );
    expect(fault.message).toContain('expected a SOAP Envelope, found <GetFolder>');
  });

  it('an empty body (and a blank one): 500 ErrorSchemaValidation, the body is empty', async () => {
    for (const body of ['', '  \r\n\t ']) {
      const fault = await expectFault(await post(body), 'ErrorSchemaValidation');
      expect(fault.message).toContain('the body is empty');
    }
  });

  it('an unknown operation: 500 ErrorSchemaValidation, the element is not declared (as Exchange says)', async () => {
    const body = soapEnvelope('<m:FrobnicateFolder/>', { impersonate: ALICE });
    const reply = await post(body);
    const fault = await expectFault(reply, 'ErrorSchemaValidation');
    expect(fault.message).toBe('The request failed schema validation.');
    const violation =
      "The 'http://schemas.microsoft.com/exchange/services/2006/messages:FrobnicateFolder' element is not declared.";
    const escaped = violation.replaceAll("'", '&apos;');
    expect(reply.body).toContain(`<faultstring xml:lang="en-US">The request failed schema validation: ${escaped}`);
    const lines = body.split('\n');
    const line = lines.findIndex((l) => l.includes('<m:FrobnicateFolder')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('<m:FrobnicateFolder') + 2;
    expect(reply.body).toContain(
      `<t:LineNumber>${line}</t:LineNumber><t:LinePosition>${column}</t:LinePosition><t:Violation>${escaped}</t:Violation>`,
    );
  });

  it('a body over 10 MB: 413 with a SOAP fault, whether sized or chunked', async () => {
    const filler = `<!--${'x'.repeat(MAX_REQUEST_BYTES)}-->`;
    const big = getCalendarFolder({ impersonate: ALICE }).replace('<soap:Body>', `<soap:Body>${filler}`);
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_REQUEST_BYTES);
    for (const chunked of [false, true]) {
      const fault = await expectFault(await post(big, { chunked }), 'ErrorInvalidRequest', 413);
      expect(fault.message).toContain(`larger than ${MAX_REQUEST_BYTES} bytes`);
    }
    // Just under the limit is read and parsed: the comment is skipped and GetFolder answers.
    const fits = getCalendarFolder({ impersonate: ALICE }).replace(
      '<soap:Body>',
      `<soap:Body><!--${'x'.repeat(MAX_REQUEST_BYTES - 2000)}-->`,
    );
    expect((await post(fits)).status).toBe(200);
  });

  it('body not valid UTF-8: 500 ErrorSchemaValidation, not a request quietly repaired to U+FFFD', async () => {
    const [head, tail] = getCalendarFolder({ impersonate: ALICE }).split('AllProperties') as [string, string];
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0x41, 0xc3, 0x28, 0xff]), Buffer.from(tail)]);
    const fault = await expectFault(await post(body), 'ErrorSchemaValidation');
    expect(fault.message).toContain('not valid UTF-8');
  });

  describe('authentication: 401 as IIS sends it, offering Basic with the server’s realm', () => {
    const expectChallenge = (reply: Awaited<ReturnType<typeof post>>, fqdn = 'ex1.example.test') => {
      expect(reply.status).toBe(401);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.body).toContain('401 - Unauthorized');
      const challenges = String(reply.headers['www-authenticate']).split(', ');
      expect(challenges).toEqual(['Negotiate', 'NTLM', `Basic realm="${fqdn}"`]);
    };

    it('no credentials', async () => {
      expectChallenge(await post(getCalendarFolder({ impersonate: ALICE }), { auth: null }));
    });

    it('a wrong password, an unknown user, a malformed header, another scheme', async () => {
      expectChallenge(await post(getCalendarFolder(), { auth: { user: 'svc-imp', password: 'wrong' } }));
      expectChallenge(await post(getCalendarFolder(), { auth: { user: 'mallory', password: 'Imp-Passw0rd' } }));
      expectChallenge(await post(getCalendarFolder(), { authorization: 'Basic !!!not-base64' }));
      expectChallenge(await post(getCalendarFolder(), { authorization: 'Bearer eyJhbGciOi' }));
    });

    it('answers with the realm of the server that was asked', async () => {
      expectChallenge(await post(getCalendarFolder(), { server: 'ex2', auth: null }), 'ex2.example.test');
    });

    it('accepts the scheme name in any case and logon forms user@domain and DOMAIN\\user', async () => {
      const basic = (cred: string) => Buffer.from(cred).toString('base64');
      for (const authorization of [
        `basic ${basic('svc-imp:Imp-Passw0rd')}`,
        `BASIC ${basic('svc-imp@example.test:Imp-Passw0rd')}`,
        `Basic ${basic('EXAMPLE\\svc-imp:Imp-Passw0rd')}`,
      ]) {
        expect((await post(getCalendarFolder({ impersonate: ALICE }), { authorization })).status).toBe(200);
      }
    });
  });

  describe('impersonation and version header problems: HTTP 500 SOAP faults', () => {
    it('an unknown impersonated mailbox: ErrorNonExistentMailbox naming the address', async () => {
      const fault = await expectFault(
        await post(getCalendarFolder({ impersonate: 'zed@example.test' })),
        'ErrorNonExistentMailbox',
      );
      expect(fault.message).toContain('zed@example.test');
    });

    it.each(['SmtpAddress', 'PrimarySmtpAddress', 'PrincipalName'] as const)(
      'impersonation by %s reaches the mailbox',
      async (idKind) => {
        const who = idKind === 'PrincipalName' ? 'alice' : ALICE;
        expect((await post(getCalendarFolder({ impersonate: who, idKind }))).status).toBe(200);
      },
    );

    it('an account without ApplicationImpersonation: ErrorImpersonationDenied', async () => {
      const fault = await expectFault(
        await post(getCalendarFolder({ impersonate: ALICE }), { auth: { user: 'nobody', password: 'nobody-pw' } }),
        'ErrorImpersonationDenied',
      );
      expect(fault.message).toContain('nobody');
    });

    it('an account scoped to ex1 impersonating a mailbox on ex2: ErrorImpersonateUserDenied (ex1 works)', async () => {
      const fault = await expectFault(
        await post(getCalendarFolder({ impersonate: 'carol@example.test' }), { auth: SCOPED }),
        'ErrorImpersonateUserDenied',
      );
      expect(fault.message).toContain('carol@example.test');
      expect((await post(getCalendarFolder({ impersonate: ALICE }), { auth: SCOPED })).status).toBe(200);
      // The scope follows the mailbox's home server, not the server asked.
      const viaEx2 = await post(getCalendarFolder({ impersonate: 'carol@example.test' }), {
        auth: SCOPED,
        server: 'ex2',
      });
      await expectFault(viaEx2, 'ErrorImpersonateUserDenied');
    });

    it.each(['Exchange2099', '', 'exchange2013'])(
      'RequestServerVersion "%s": ErrorInvalidServerVersion',
      async (version) => {
        await expectFault(await post(getCalendarFolder({ impersonate: ALICE, version })), 'ErrorInvalidServerVersion');
      },
    );

    it('no RequestServerVersion at all is accepted', async () => {
      expect((await post(getCalendarFolder({ impersonate: ALICE, version: null }))).status).toBe(200);
    });
  });

  it('a journal listener that throws after a reply went out breaks neither the reply nor its connection', async () => {
    mock.journal.subscribe((entry) => {
      if (entry.message.endsWith(' OK')) throw new Error('dashboard went away');
    });
    const agent = labAgent(mock, { maxSockets: 1 });
    try {
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push(await post(getCalendarFolder({ impersonate: ALICE }), { agent }));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(replies.map((r) => r.socket)).size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('records every refusal in the journal and no internal error', async () => {
    await post('<broken');
    await post(soapEnvelope('<m:Nope/>'));
    const infos = mock.journal.entries({ level: 'info' }).map((e) => e.message);
    expect(infos).toEqual(expect.arrayContaining(['request ErrorSchemaValidation', 'Nope ErrorSchemaValidation']));
    expect(mock.journal.entries({ level: 'error' })).toEqual([]);
  });
});
