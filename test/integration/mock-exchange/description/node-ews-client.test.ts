import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadyInfo } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { type PgsimProcess, startPgsim, waitForJsonFile } from '../../../support/pgsim-process.ts';

/** node-ews (npm), a WSDL-driven EWS client on node-soap: it downloads /EWS/services.wsdl and both schemas first. */
interface NodeEws {
  run(operation: string, args: object, soapHeader?: object): Promise<Record<string, unknown>>;
}
type NodeEwsConstructor = new (config: object, options: object) => NodeEws;
const EWS = createRequire(import.meta.url)('node-ews') as NodeEwsConstructor;

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** One server on localhost (its certificate names localhost, so node-ews can reach the WSDL's address). */
const org: OrgConfig = {
  domain: 'example.test',
  seed: 'node-ews',
  servers: [{ name: 'ex1', fqdn: 'localhost', ip: '127.0.0.1', port: 0 }],
  accounts: [{ user: 'alice', password: 'alice-pw', mailbox: 'alice@example.test' }],
  mailboxes: [
    {
      address: 'alice@example.test',
      displayName: 'Alice',
      server: 'ex1',
      meetings: [{ subject: 'Design review', start: iso(today + 10 * 3_600_000), end: iso(today + 11 * 3_600_000) }],
    },
    { address: 'bob@example.test', displayName: 'Bob', server: 'ex1' },
  ],
};

const CALENDAR = { DistinguishedFolderId: { attributes: { Id: 'calendar' } } };
const HEADER = { 't:RequestServerVersion': { attributes: { Version: 'Exchange2013' } } };
const message = (reply: Record<string, unknown>, name: string) =>
  (reply.ResponseMessages as Record<string, Record<string, unknown>>)[name]!;

describe('node-ews against `pgsim mock-exchange`, with the description fetched from the server', () => {
  let dir: string;
  let proc: PgsimProcess;
  let ews: NodeEws;
  let served: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-node-ews-'));
    writeFileSync(join(dir, 'org.json'), JSON.stringify(org));
    const readyFile = join(dir, 'ready.json');
    proc = startPgsim([
      'mock-exchange',
      '--config',
      join(dir, 'org.json'),
      '--ready-file',
      readyFile,
      '--data-dir',
      join(dir, 'data'),
    ]);
    const ready = await waitForJsonFile<ReadyInfo>(readyFile, proc);
    const server = ready.servers[0]!;
    served = join(dir, 'wsdl');
    mkdirSync(served);
    // node-ews fetches the description with `request`, whose Basic challenge handling reads only the first
    // scheme of WWW-Authenticate (Exchange lists Negotiate first): users send the credentials pre-emptively.
    const authorization = `Basic ${Buffer.from('alice:alice-pw').toString('base64')}`;
    ews = new EWS(
      {
        username: 'alice',
        password: 'alice-pw',
        host: `https://${server.fqdn}:${server.port}`,
        auth: 'basic',
        temp: served,
      },
      { ca: readFileSync(ready.caFile!, 'utf8'), headers: { Authorization: authorization } },
    );
  }, 90_000);
  afterAll(async () => {
    proc?.child.kill('SIGINT');
    await proc?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('GetFolder calendar (after downloading Services.wsdl, messages.xsd and types.xsd from the server)', async () => {
    const reply = await ews.run('GetFolder', { FolderShape: { BaseShape: 'Default' }, FolderIds: CALENDAR }, HEADER);
    const m = message(reply, 'GetFolderResponseMessage');
    expect(m.ResponseCode).toBe('NoError');
    expect((m.Folders as { CalendarFolder: { DisplayName: string } }).CalendarFolder.DisplayName).toBe('Calendar');
    expect(readFileSync(join(served, 'services.wsdl'), 'utf8')).toMatch(/<wsdl:service name="ExchangeServices">/);
    expect(readFileSync(join(served, 'types.xsd'), 'utf8')).toMatch(/<xs:complexType name="CalendarItemType">/);
  });

  it('FindItem CalendarView', async () => {
    const reply = await ews.run(
      'FindItem',
      {
        attributes: { Traversal: 'Shallow' },
        ItemShape: { BaseShape: 'Default' },
        CalendarView: { attributes: { StartDate: iso(today), EndDate: iso(today + DAY) } },
        ParentFolderIds: CALENDAR,
      },
      HEADER,
    );
    const m = message(reply, 'FindItemResponseMessage');
    expect(m.ResponseCode).toBe('NoError');
    const root = m.RootFolder as { Items: { CalendarItem: { Subject: string; Start: Date | string } } };
    expect(root.Items.CalendarItem.Subject).toBe('Design review');
  });

  it('FindFolder under msgfolderroot', async () => {
    const reply = await ews.run(
      'FindFolder',
      {
        attributes: { Traversal: 'Shallow' },
        FolderShape: { BaseShape: 'Default' },
        ParentFolderIds: { DistinguishedFolderId: { attributes: { Id: 'msgfolderroot' } } },
      },
      HEADER,
    );
    expect(message(reply, 'FindFolderResponseMessage').ResponseCode).toBe('NoError');
  });

  it('GetUserAvailability FreeBusy', async () => {
    const zone = { Bias: 0, Time: '02:00:00', DayOrder: 1, Month: 1, DayOfWeek: 'Sunday' };
    const reply = await ews.run(
      'GetUserAvailability',
      {
        TimeZone: { Bias: 0, StandardTime: zone, DaylightTime: zone },
        MailboxDataArray: { MailboxData: [{ Email: { Address: 'alice@example.test' }, AttendeeType: 'Required' }] },
        FreeBusyViewOptions: {
          TimeWindow: { StartTime: iso(today).slice(0, 19), EndTime: iso(today + DAY).slice(0, 19) },
          RequestedView: 'FreeBusy',
        },
      },
      HEADER,
    );
    const responses = (
      reply.FreeBusyResponseArray as {
        FreeBusyResponse:
          | { ResponseMessage: { ResponseCode: string } }[]
          | { ResponseMessage: { ResponseCode: string } };
      }
    ).FreeBusyResponse;
    const first = Array.isArray(responses) ? responses[0]! : responses;
    expect(first.ResponseMessage.ResponseCode).toBe('NoError');
  });

  it('a pull Subscribe', async () => {
    const reply = await ews.run(
      'Subscribe',
      { PullSubscriptionRequest: { FolderIds: CALENDAR, EventTypes: { EventType: ['CreatedEvent'] }, Timeout: 10 } },
      HEADER,
    );
    const m = message(reply, 'SubscribeResponseMessage');
    expect(m.ResponseCode).toBe('NoError');
    expect(m.SubscriptionId).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(m.Watermark).toMatch(/^[A-Za-z0-9+/=]+$/);
  });
});
