import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRelease } from '../../../../ews/server-versions.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { getFolder } from '../../../support/ews-request-bodies.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { type PostReply, postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

const schema = schemaTestsEnabled('Exchange versions');

/**
 * Expected values from Microsoft's build table (Exchange Server build numbers and release dates) and the
 * Version strings those servers write; the newest RequestServerVersion each knows from types.xsd of its day.
 */
const RELEASES: {
  release: ExchangeRelease;
  header: string;
  newest: string;
  tooNew: string;
}[] = [
  {
    release: '2010-SP2',
    header: 'MajorVersion="14" MinorVersion="2" MajorBuildNumber="247" MinorBuildNumber="5" Version="Exchange2010_SP2"',
    newest: 'Exchange2010_SP2',
    tooNew: 'Exchange2013',
  },
  {
    release: '2013',
    header: 'MajorVersion="15" MinorVersion="0" MajorBuildNumber="1497" MinorBuildNumber="2" Version="V2_23"',
    newest: 'Exchange2013_SP1',
    tooNew: 'Exchange2016',
  },
  {
    release: '2016',
    header: 'MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11"',
    newest: 'V2017_07_11',
    tooNew: '',
  },
  {
    release: '2019',
    header: 'MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" MinorBuildNumber="4" Version="V2017_07_11"',
    newest: 'V2017_07_11',
    tooNew: '',
  },
];

function versionsOrg(): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'versions',
    servers: RELEASES.map((r, i) => ({
      name: `ex${i + 1}`,
      fqdn: `ex${i + 1}.example.test`,
      ip: `127.0.40.${i + 1}`,
      port: 0,
      version: r.release,
    })),
    accounts: [{ user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true }],
    mailboxes: RELEASES.map((_, i) => ({ address: `user${i + 1}@example.test`, server: `ex${i + 1}` })),
  };
}

describe('Exchange versions per server', () => {
  let mock: MockExchange;
  const replies = new Map<string, PostReply>();
  beforeAll(async () => {
    mock = await startMock(versionsOrg());
    for (const [i, r] of RELEASES.entries()) {
      const opts = { server: `ex${i + 1}` };
      const mbx = `user${i + 1}@example.test`;
      replies.set(
        `${r.release} newest`,
        await postEws(mock, soapEnvelope(getFolder('calendar'), { version: r.newest, impersonate: mbx }), opts),
      );
      if (r.tooNew) {
        replies.set(
          `${r.release} too new`,
          await postEws(mock, soapEnvelope(getFolder('calendar'), { version: r.tooNew, impersonate: mbx }), opts),
        );
      }
    }
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it.each(RELEASES.map((r) => [r.release, r] as const))(
    'Exchange %s: exact ServerVersionInfo, its newest RequestServerVersion served, a newer one refused',
    async (_name, r) => {
      const ok = replies.get(`${r.release} newest`)!;
      expect(ok.status).toBe(200);
      expect(ok.body).toContain(
        `<h:ServerVersionInfo xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" ${r.header}/>`,
      );
      const docs = [{ name: 'ok', xml: ok.body }];
      if (r.tooNew) {
        const refused = replies.get(`${r.release} too new`)!;
        expect(refused.status).toBe(500);
        expect(refused.body).toContain('ErrorInvalidServerVersion');
        expect(refused.body).toContain('The specified server version is invalid.');
        docs.push({ name: 'refused', xml: refused.body });
      }
      if (schema) for (const v of await validateAgainstSchema(docs)) expect(v.errors, v.name).toEqual([]);
    },
  );

  it('an unknown version in the organization file is refused naming the field and the allowed values', async () => {
    const config = versionsOrg();
    config.servers[0]!.version = '2007' as never;
    await expect(startMock(config)).rejects.toThrow(
      /servers\[0\]\.version: "2007" is not one of 2010-SP2, 2013, 2016, 2019/,
    );
  });
});

describe('the gateway subscribes on every Exchange version', () => {
  let h: PresenceLab | undefined;
  afterAll(async () => {
    await h?.stop();
  });

  it('one push subscription per mailbox on 2010 SP2, 2013, 2016 and 2019 servers', async () => {
    h = await PresenceLab.start({ org: versionsOrg() });
    for (const [i] of RELEASES.entries()) {
      expect(h.exchange.admin.subscriptions({ server: `ex${i + 1}` }), `ex${i + 1}`).toHaveLength(1);
    }
  });
});
