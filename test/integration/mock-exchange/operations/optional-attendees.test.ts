import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import {
  callAs,
  code,
  copiesIn,
  itemId,
  type KeptBody,
  message,
  responseObject,
} from '../../../support/meeting-soap.ts';
import { startMock } from '../../../support/mock-server.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const CAROL = 'carol@example.test';
const ROOM = 'room-a@example.test';
const bodies: KeptBody[] = [];

const call = (mock: MockExchange, as: string, operation: string, keep?: string) =>
  callAs(mock, as, operation, keep, bodies);

const list = (element: string, addresses: string[]) =>
  `<t:${element}>${addresses.map((a) => `<t:Attendee><t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox></t:Attendee>`).join('')}</t:${element}>`;
const meeting = (subject: string, required: string[], optional: string[], resources: string[]) =>
  `<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem><t:Subject>${subject}</t:Subject>` +
  '<t:Start>2030-05-08T14:00:00Z</t:Start><t:End>2030-05-08T15:00:00Z</t:End>' +
  list('RequiredAttendees', required) +
  list('OptionalAttendees', optional) +
  list('Resources', resources) +
  '</t:CalendarItem></m:Items></m:CreateItem>';
const getItem = (id: string, mime = false) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>${mime}</t:IncludeMimeContent>` +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const update = (id: string, updates: string) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToChangedAndSaveCopy">' +
  `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

/** Each attendee list of a GetItem'd item, in document order: [list, [address, ResponseType]...]. */
function attendeeLists(item: XmlElement | undefined): [string, string[][]][] {
  return (item?.children ?? [])
    .filter((c) => ['RequiredAttendees', 'OptionalAttendees', 'Resources'].includes(c.name))
    .map((c) => [
      c.name,
      c.all('Attendee').map((a) => [a.textAt('Mailbox', 'EmailAddress') ?? '', a.textAt('ResponseType') ?? '']),
    ]);
}

describe('optional attendees and resources are stored, invited, answered and cancelled like required ones', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    const config = testOrgConfig();
    config.mailboxes.push({ address: ROOM, displayName: 'Room A', server: 'ex1' });
    mock = await startMock(config);
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('GetItem returns the three lists in schema order; the optional attendee and the room answer; cancel reaches both', async () => {
    const created = await call(mock, ALICE, meeting('Planning', [BOB], [CAROL], [ROOM]), 'CreateItem three lists');
    expect(code(created)).toBe('NoError');
    const id = itemId(created);
    const own = message(await call(mock, ALICE, getItem(id), 'GetItem three lists')).at('Items', 'CalendarItem');
    expect(attendeeLists(own)).toEqual([
      ['RequiredAttendees', [[BOB, 'Unknown']]],
      ['OptionalAttendees', [[CAROL, 'Unknown']]],
      ['Resources', [[ROOM, 'Unknown']]],
    ]);
    const uid = own?.textAt('UID') ?? '';
    for (const mailbox of [CAROL, ROOM]) {
      const [copy] = await copiesIn(mock, mailbox, uid);
      expect([copy?.textAt('Subject'), copy?.textAt('MyResponseType'), copy?.textAt('LegacyFreeBusyStatus')]).toEqual([
        'Planning',
        'NoResponseReceived',
        'Tentative',
      ]);
    }

    const carolCopy = (await copiesIn(mock, CAROL, uid))[0]?.child('ItemId')?.attr('Id') ?? '';
    const roomCopy = (await copiesIn(mock, ROOM, uid))[0]?.child('ItemId')?.attr('Id') ?? '';
    expect(code(await call(mock, CAROL, responseObject('TentativelyAcceptItem', carolCopy)))).toBe('NoError');
    expect(code(await call(mock, ROOM, responseObject('AcceptItem', roomCopy)))).toBe('NoError');
    const answered = message(await call(mock, ALICE, getItem(id), 'GetItem answered')).at('Items', 'CalendarItem');
    expect(attendeeLists(answered)).toEqual([
      ['RequiredAttendees', [[BOB, 'Unknown']]],
      ['OptionalAttendees', [[CAROL, 'Tentative']]],
      ['Resources', [[ROOM, 'Accept']]],
    ]);

    expect(code(await call(mock, ALICE, responseObject('CancelCalendarItem', id)))).toBe('NoError');
    for (const mailbox of [CAROL, ROOM]) {
      const [copy] = await copiesIn(mock, mailbox, uid);
      expect([copy?.textAt('IsCancelled'), copy?.textAt('Subject'), copy?.textAt('LegacyFreeBusyStatus')]).toEqual([
        'true',
        'Canceled: Planning',
        'Free',
      ]);
    }
  });

  it('a declining room is recorded as Decline in Resources', async () => {
    const id = itemId(await call(mock, ALICE, meeting('Room check', [BOB], [], [ROOM])));
    const uid = message(await call(mock, ALICE, getItem(id))).textAt('Items', 'CalendarItem', 'UID') ?? '';
    const roomCopy = (await copiesIn(mock, ROOM, uid))[0]?.child('ItemId')?.attr('Id') ?? '';
    expect(code(await call(mock, ROOM, responseObject('DeclineItem', roomCopy)))).toBe('NoError');
    const own = message(await call(mock, ALICE, getItem(id))).at('Items', 'CalendarItem');
    expect(attendeeLists(own)).toEqual([
      ['RequiredAttendees', [[BOB, 'Unknown']]],
      ['Resources', [[ROOM, 'Decline']]],
    ]);
  });

  it('UpdateItem: moving optional to required keeps the copy; removing cancels; appending invites again', async () => {
    const id = itemId(await call(mock, ALICE, meeting('Moves', [BOB], [CAROL], [])));
    const uid = message(await call(mock, ALICE, getItem(id))).textAt('Items', 'CalendarItem', 'UID') ?? '';
    const promote =
      '<t:SetItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/>' +
      `<t:CalendarItem>${list('RequiredAttendees', [BOB, CAROL])}</t:CalendarItem></t:SetItemField>` +
      '<t:DeleteItemField><t:FieldURI FieldURI="calendar:OptionalAttendees"/></t:DeleteItemField>';
    expect(code(await call(mock, ALICE, update(id, promote)))).toBe('NoError');
    expect((await copiesIn(mock, CAROL, uid))[0]?.textAt('IsCancelled')).toBe('false');

    const demote =
      '<t:SetItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/>' +
      `<t:CalendarItem>${list('RequiredAttendees', [BOB])}</t:CalendarItem></t:SetItemField>` +
      '<t:SetItemField><t:FieldURI FieldURI="calendar:OptionalAttendees"/>' +
      `<t:CalendarItem>${list('OptionalAttendees', [CAROL])}</t:CalendarItem></t:SetItemField>`;
    expect(code(await call(mock, ALICE, update(id, demote)))).toBe('NoError');
    expect((await copiesIn(mock, CAROL, uid))[0]?.textAt('IsCancelled')).toBe('false');

    const removeOptional = '<t:DeleteItemField><t:FieldURI FieldURI="calendar:OptionalAttendees"/></t:DeleteItemField>';
    expect(code(await call(mock, ALICE, update(id, removeOptional), 'UpdateItem removing optional'))).toBe('NoError');
    const [cancelled] = await copiesIn(mock, CAROL, uid);
    expect([cancelled?.textAt('IsCancelled'), cancelled?.textAt('Subject')]).toEqual(['true', 'Canceled: Moves']);
    expect((await copiesIn(mock, BOB, uid))[0]?.textAt('IsCancelled')).toBe('false');
    const own = message(await call(mock, ALICE, getItem(id))).at('Items', 'CalendarItem');
    expect(attendeeLists(own)).toEqual([['RequiredAttendees', [[BOB, 'Unknown']]]]);

    const append =
      '<t:AppendToItemField><t:FieldURI FieldURI="calendar:Resources"/>' +
      `<t:CalendarItem>${list('Resources', [ROOM])}</t:CalendarItem></t:AppendToItemField>` +
      '<t:AppendToItemField><t:FieldURI FieldURI="calendar:OptionalAttendees"/>' +
      `<t:CalendarItem>${list('OptionalAttendees', [CAROL])}</t:CalendarItem></t:AppendToItemField>`;
    expect(code(await call(mock, ALICE, update(id, append), 'UpdateItem appending'))).toBe('NoError');
    const [again] = await copiesIn(mock, CAROL, uid);
    expect([again?.textAt('IsCancelled'), again?.textAt('MyResponseType')]).toEqual(['false', 'NoResponseReceived']);
    expect((await copiesIn(mock, ROOM, uid))[0]?.textAt('MyResponseType')).toBe('NoResponseReceived');
    const after = message(await call(mock, ALICE, getItem(id))).at('Items', 'CalendarItem');
    expect(attendeeLists(after)).toEqual([
      ['RequiredAttendees', [[BOB, 'Unknown']]],
      ['OptionalAttendees', [[CAROL, 'Unknown']]],
      ['Resources', [[ROOM, 'Unknown']]],
    ]);

    const appendSubject =
      '<t:AppendToItemField><t:FieldURI FieldURI="item:Subject"/>' +
      '<t:CalendarItem><t:Subject>x</t:Subject></t:CalendarItem></t:AppendToItemField>';
    const refused = await call(mock, ALICE, update(id, appendSubject), 'UpdateItem appending to Subject');
    expect(code(refused)).toBe('ErrorInvalidPropertyAppend');
  });

  it('MimeContent names the optional attendee OPT-PARTICIPANT and the room CUTYPE=RESOURCE', async () => {
    const id = itemId(await call(mock, ALICE, meeting('Mime', [BOB], [CAROL], [ROOM])));
    const got = message(await call(mock, ALICE, getItem(id, true)));
    const ical = Buffer.from(got.textAt('Items', 'CalendarItem', 'MimeContent') ?? '', 'base64')
      .toString('utf8')
      .replace(/\r\n[ \t]/g, '');
    const attendees = ical.split('\r\n').filter((l) => l.startsWith('ATTENDEE'));
    expect(attendees).toHaveLength(3);
    expect(attendees[0]).toMatch(/ROLE=REQ-PARTICIPANT.*:mailto:bob@example\.test$/);
    expect(attendees[1]).toMatch(/ROLE=OPT-PARTICIPANT.*:mailto:carol@example\.test$/);
    expect(attendees[2]).toMatch(/CUTYPE=RESOURCE.*:mailto:room-a@example\.test$/);
  });

  it('an imported iCalendar puts OPT-PARTICIPANT in OptionalAttendees and CUTYPE=RESOURCE in Resources', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Example//Import//EN',
      'BEGIN:VEVENT',
      'UID:import-lists-1',
      'SUMMARY:Imported',
      'DTSTART:20300509T100000Z',
      'DTEND:20300509T110000Z',
      'DTSTAMP:20300501T000000Z',
      'ORGANIZER;CN=Alice Archer:mailto:alice@example.test',
      'ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:bob@example.test',
      'ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:carol@example.test',
      'ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT:mailto:room-a@example.test',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const create =
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:MimeContent CharacterSet="UTF-8">' +
      `${Buffer.from(ics, 'utf8').toString('base64')}</t:MimeContent></t:CalendarItem></m:Items></m:CreateItem>`;
    const id = itemId(await call(mock, ALICE, create));
    const own = message(await call(mock, ALICE, getItem(id))).at('Items', 'CalendarItem');
    expect(attendeeLists(own)).toEqual([
      ['RequiredAttendees', [[BOB, 'Unknown']]],
      ['OptionalAttendees', [[CAROL, 'Unknown']]],
      ['Resources', [[ROOM, 'Unknown']]],
    ]);
  });

  it.skipIf(!schemaTestsEnabled('optional attendees schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies.map((b) => b.name)).toEqual([
        'CreateItem three lists',
        'GetItem three lists',
        'GetItem answered',
        'UpdateItem removing optional',
        'UpdateItem appending',
        'UpdateItem appending to Subject',
      ]);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
