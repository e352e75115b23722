import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { DAVMAIL_NOTICE, type DavMail, freePort, HAS_DAVMAIL, startDavMail } from '../../../support/davmail-gateway.ts';
import { type PgsimProcess, startPgsim, waitForJsonFile } from '../../../support/pgsim-process.ts';

if (!HAS_DAVMAIL) console.warn('DavMail client tests SKIPPED: apt-get install davmail (and a JDK)');

/** erin signs in to DavMail with her own account, as a CalDAV user would; she has one meeting on 6 May 2030. */
const ORG: OrgConfig = {
  domain: 'davmail.test',
  seed: 'davmail',
  servers: [{ name: 'cas1', fqdn: 'cas1.davmail.test', ip: '127.0.41.1', port: 0 }],
  accounts: [{ user: 'erin', password: 'Erin-Passw0rd', impersonation: false, mailbox: 'erin@davmail.test' }],
  mailboxes: [
    {
      address: 'erin@davmail.test',
      server: 'cas1',
      meetings: [
        {
          subject: 'Budget review',
          start: '2030-05-06T10:00:00Z',
          end: '2030-05-06T11:00:00Z',
          location: 'Room Elbe',
        },
      ],
    },
  ],
};

interface Ready {
  servers: { name: string; fqdn: string; ip: string; port: number; ewsUrl: string }[];
  caFile: string;
  adminUrl: string;
  adminToken: string;
}

/** A Thunderbird-style event: 09:00-09:45 Berlin on Wednesday 8 May 2030 (CEST, UTC+2: 07:00Z). */
const NEW_UID = 'b7c1e2f0-davmail-put@davmail.test';
const NEW_EVENT = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//pgsim tests//CalDAV//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  `UID:${NEW_UID}`,
  'DTSTAMP:20300501T120000Z',
  'DTSTART;TZID=Europe/Berlin:20300508T090000',
  'DTEND;TZID=Europe/Berlin:20300508T094500',
  'SUMMARY:Planned through CalDAV',
  'LOCATION:Room Havel',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const PROPFIND =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:displayname/><d:getetag/></d:prop></d:propfind>';
const CALENDAR_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">' +
  '<d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/>' +
  '</c:comp-filter></c:filter></c:calendar-query>';

/** Unfold RFC 5545 lines, so a property can be matched whole. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

describe.skipIf(!HAS_DAVMAIL)(`DavMail (EWS to CalDAV gateway) against pgsim mock-exchange${DAVMAIL_NOTICE}`, () => {
  let dir: string;
  let mock: PgsimProcess;
  let davmail: DavMail | undefined;
  let ready: Ready;
  let base = '';
  const auth = `Basic ${Buffer.from('erin:Erin-Passw0rd').toString('base64')}`;

  const dav = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { Authorization: auth, ...(body ? { 'Content-Type': 'text/xml; charset=utf-8' } : {}), ...headers },
      body,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-davmail-'));
    writeFileSync(join(dir, 'org.json'), JSON.stringify(ORG));
    const readyFile = join(dir, 'ready.json');
    mock = startPgsim([
      'mock-exchange',
      '--config',
      join(dir, 'org.json'),
      '--ready-file',
      readyFile,
      '--data-dir',
      dir,
    ]);
    ready = await waitForJsonFile<Ready>(readyFile, mock);
    const server = ready.servers[0]!;
    const caldavPort = await freePort();
    davmail = await startDavMail({
      dir,
      ewsUrl: server.ewsUrl,
      caFile: ready.caFile,
      hosts: { [server.fqdn]: server.ip },
      caldavPort,
    });
    base = `http://127.0.0.1:${caldavPort}`;
  }, 120_000);

  afterAll(async () => {
    await davmail?.stop();
    mock?.child.kill('SIGINT');
    await mock?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the calendar: the collection and its one event (DavMail signs in, resolves erin, reads the folders)', async () => {
    const res = await dav('PROPFIND', '/users/erin@davmail.test/calendar/', PROPFIND, { Depth: '1' });
    const body = await res.text();
    expect(res.status, body).toBe(207);
    expect(body).toContain('<C:calendar/>');
    const hrefs = [...body.matchAll(/<D:href>([^<]+)<\/D:href>/g)].map((m) => m[1]);
    expect(hrefs[0]).toBe('/users/erin@davmail.test/calendar/');
    expect(hrefs.slice(1)).toHaveLength(1);
    expect(hrefs[1]).toMatch(/^\/users\/erin@davmail\.test\/calendar\/[^/]+\.EML$/);
  }, 60_000);

  it('reads the event: its iCalendar carries the subject, location, time and UID Exchange gave it', async () => {
    const res = await dav('REPORT', '/users/erin@davmail.test/calendar/', CALENDAR_QUERY, { Depth: '1' });
    const body = unfold(await res.text());
    expect(res.status, body).toBe(207);
    expect(body).toContain('SUMMARY:Budget review');
    expect(body).toContain('LOCATION:Room Elbe');
    // The organization's zone is UTC: 10:00Z is written as 10:00 in the item's VTIMEZONE.
    expect(body).toMatch(/DTSTART;TZID="?[^:"]+"?:20300506T100000/);
    expect(body).toMatch(/DTEND;TZID="?[^:"]+"?:20300506T110000/);
    expect(body).toMatch(/UID:\S+/);
  }, 60_000);

  it('PUT of a new event creates it in Exchange: the admin API lists it at 07:00Z, GET reads it back', async () => {
    const put = await dav('PUT', '/users/erin@davmail.test/calendar/planned-through-caldav.ics', NEW_EVENT, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'If-None-Match': '*',
    });
    expect(put.status, await put.text()).toBe(201);

    const res = await fetch(`${ready.adminUrl}/api/mailboxes/erin@davmail.test/meetings`, {
      headers: { authorization: `Bearer ${ready.adminToken}` },
    });
    const meetings = (await res.json()) as { subject: string; start: string; end: string; location?: string }[];
    expect(meetings.map((m) => m.subject).sort()).toEqual(['Budget review', 'Planned through CalDAV']);
    const created = meetings.find((m) => m.subject === 'Planned through CalDAV');
    expect(created).toMatchObject({
      start: '2030-05-08T07:00:00.000Z',
      end: '2030-05-08T07:45:00.000Z',
      location: 'Room Havel',
    });

    const get = await dav('GET', '/users/erin@davmail.test/calendar/planned-through-caldav.ics');
    const ics = unfold(await get.text());
    expect(get.status, ics).toBe(200);
    expect(ics).toContain(`UID:${NEW_UID}`);
    expect(ics).toContain('SUMMARY:Planned through CalDAV');
  }, 60_000);
});
