import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Agent } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../ews/soap-request.ts';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { getFolder } from '../../support/ews-request-bodies.ts';
import { labAgent, postEws, readFault } from '../../support/https-post.ts';
import { MALFORMED_KINDS, malformedBodies } from '../../support/malformed-bodies.ts';
import { startMock } from '../../support/mock-server.ts';
import { soapEnvelope } from '../../support/soap-envelope.ts';

const VALID = soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test' });

describe('malformed request bodies never hurt the server', () => {
  let mock: MockExchange;
  let agent: Agent;
  beforeEach(async () => {
    mock = await startMock();
    agent = labAgent(mock, { keepAlive: true, maxSockets: 4 });
  });
  afterEach(async () => {
    agent.destroy();
    await mock.stop();
  });

  async function expectDisplayName(): Promise<void> {
    const reply = await postEws(mock, VALID, { agent });
    expect(reply.status).toBe(200);
    const root = await parseXml(reply.body);
    expect(
      root.textAt('Body', 'GetFolderResponse', 'ResponseMessages', 'GetFolderResponseMessage', 'ResponseCode'),
    ).toBe('NoError');
  }

  it('1,000 seeded malformed bodies over keep-alive: each refused with ErrorSchemaValidation, then GetFolder works', async () => {
    const bodies = malformedBodies(VALID, 1000, 20300506);
    const sockets = new Set<Socket>();
    const wrong: string[] = [];
    const seenKinds = new Set<string>();
    let next = 0;
    // Four workers share the four keep-alive sockets, like a client pool would.
    const worker = async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const { kind, body } = bodies[i]!;
        const reply = await postEws(mock, body, { agent });
        sockets.add(reply.socket);
        seenKinds.add(kind);
        const code = reply.status === 500 ? (await readFault(reply.body)).responseCode : undefined;
        if (code !== 'ErrorSchemaValidation')
          wrong.push(`#${i} ${kind}: HTTP ${reply.status} ${code ?? reply.body.slice(0, 120)}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(wrong).toEqual([]);
    expect([...seenKinds].sort()).toEqual([...MALFORMED_KINDS].sort());
    // No refusal closed its connection: the pool never needed more sockets than it may open.
    expect(sockets.size).toBeLessThanOrEqual(4);
    expect([...sockets].every((s) => s instanceof Object)).toBe(true);
    await expectDisplayName();
    expect(mock.journal.entries({ level: 'error' })).toEqual([]);
  }, 120_000);

  it('billion laughs: refused as a DTD before anything is expanded', async () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    ).join('');
    const body = `<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY lol "lol">${entities}]>${VALID.replace(
      'AllProperties',
      '&lol9;',
    )}`;
    const reply = await postEws(mock, body, { agent });
    expect(reply.status).toBe(500);
    const fault = await readFault(reply.body);
    expect(fault.responseCode).toBe('ErrorSchemaValidation');
    expect(fault.message).toContain('DTD is prohibited');
    expect(reply.body).not.toContain('lollol');
    expect(reply.body.length).toBeLessThan(2000);
    await expectDisplayName();
  });

  describe('external entities (XXE)', () => {
    let bait: Server;
    let fetched: string[];
    beforeEach(async () => {
      fetched = [];
      bait = createServer((req, res) => {
        fetched.push(req.url ?? '');
        res.end('<!ENTITY leak "leaked">');
      });
      await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => bait.close(() => resolve()));
    });

    it('file:///etc/passwd, a parameter entity and an external DTD URL: refused, nothing read or fetched', async () => {
      const port = (bait.address() as AddressInfo).port;
      const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:';
      const bodies = [
        `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${VALID.replace('alice@example.test', '&xxe;')}`,
        `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p.dtd"> %p;]>${VALID}`,
        `<?xml version="1.0"?><!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:${port}/e.dtd">${VALID}`,
      ];
      for (const body of bodies) {
        const reply = await postEws(mock, body, { agent });
        expect(reply.status).toBe(500);
        expect((await readFault(reply.body)).responseCode).toBe('ErrorSchemaValidation');
        expect(reply.body).not.toContain(passwdFirstLine);
        expect(reply.body).not.toContain('leaked');
      }
      expect(fetched).toEqual([]);
      await expectDisplayName();
    });
  });

  it('a body nested 10,000 deep is refused with ErrorSchemaValidation naming the limit; the process lives on', async () => {
    const deep = VALID.replace('</m:GetFolder>', `${'<t:N>'.repeat(10_000)}${'</t:N>'.repeat(10_000)}</m:GetFolder>`);
    const reply = await postEws(mock, deep, { agent });
    expect(reply.status).toBe(500);
    const fault = await readFault(reply.body);
    expect(fault.responseCode).toBe('ErrorSchemaValidation');
    expect(fault.message).toMatch(/nested deeper than \d+ levels/);
    await expectDisplayName();
    expect(mock.journal.entries({ level: 'error' })).toEqual([]);
  });
});
