import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import {
  callAs,
  code,
  copiesIn as copiesInView,
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
const bodies: KeptBody[] = [];

const copiesIn = (mock: MockExchange, mailbox: string, uid: string, keep?: string) =>
  copiesInView(mock, mailbox, uid, keep, bodies);
const call = (mock: MockExchange, as: string, operation: string, keep?: string) =>
  callAs(mock, as, operation, keep, bodies);

const meeting = (subject: string, send: string, attendees: string[]) =>
  `<m:CreateItem SendMeetingInvitations="${send}"><m:Items><t:CalendarItem><t:Subject>${subject}</t:Subject>` +
  '<t:Start>2030-05-08T14:00:00Z</t:Start><t:End>2030-05-08T15:00:00Z</t:End><t:RequiredAttendees>' +
  attendees
    .map((a) => `<t:Attendee><t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox></t:Attendee>`)
    .join('') +
  '</t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>';
const pullSubscribe =
  '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds>' +
  '<t:EventTypes><t:EventType>CreatedEvent</t:EventType><t:EventType>ModifiedEvent</t:EventType><t:EventType>DeletedEvent</t:EventType></t:EventTypes>' +
  '<t:Timeout>30</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>';

async function uidOf(mock: MockExchange, mailbox: string, id: string): Promise<string> {
  const got = await call(
    mock,
    mailbox,
    `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
  );
  return message(got).textAt('Items', 'CalendarItem', 'UID') ?? '';
}

/** A pull subscription on a mailbox's calendar; `events()` returns the item events since the last call. */
async function subscribe(mock: MockExchange, mailbox: string) {
  const sub = message(await call(mock, mailbox, pullSubscribe));
  const id = sub.textAt('SubscriptionId');
  let watermark = sub.textAt('Watermark');
  return async () => {
    const res = await call(
      mock,
      mailbox,
      `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`,
    );
    const n = message(res).child('Notification');
    const events = (n?.children ?? []).filter((e) => e.name.endsWith('Event') && e.name !== 'StatusEvent');
    watermark = events.at(-1)?.textAt('Watermark') ?? n?.children.at(-1)?.textAt('Watermark') ?? watermark;
    return events.filter((e) => e.child('ItemId')).map((e) => e.name);
  };
}

describe('meeting invitations and cancellations reach attendee mailboxes of the organization', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('SendToAllAndSaveCopy puts an unanswered, tentative copy with the same UID in each attendee calendar', async () => {
    const bobEvents = await subscribe(mock, BOB);
    const created = await call(
      mock,
      ALICE,
      meeting('Budget review', 'SendToAllAndSaveCopy', [BOB, CAROL, 'dave@elsewhere.test']),
      'CreateItem meeting',
    );
    expect(code(created)).toBe('NoError');
    const uid = await uidOf(mock, ALICE, itemId(created));
    expect(await bobEvents()).toEqual(['CreatedEvent']);
    const [copy] = await copiesIn(mock, BOB, uid, 'FindItem attendee copy');
    expect(copy?.textAt('Subject')).toBe('Budget review');
    expect(copy?.textAt('Start')).toBe('2030-05-08T14:00:00Z');
    expect(copy?.textAt('MyResponseType')).toBe('NoResponseReceived');
    expect(copy?.textAt('LegacyFreeBusyStatus')).toBe('Tentative');
    expect(copy?.textAt('IsMeeting')).toBe('true');
    expect(copy?.textAt('IsCancelled')).toBe('false');
    expect(copy?.textAt('Organizer', 'Mailbox', 'EmailAddress')).toBe(ALICE);
    expect(await copiesIn(mock, CAROL, uid)).toHaveLength(1);
    const [own] = await copiesIn(mock, ALICE, uid);
    expect(own?.textAt('MyResponseType')).toBe('Organizer');
    expect(own?.textAt('MeetingRequestWasSent')).toBe('true');
  });

  it('SendToNone leaves attendee calendars alone', async () => {
    const created = await call(mock, ALICE, meeting('Quiet', 'SendToNone', [BOB]));
    expect(await copiesIn(mock, BOB, await uidOf(mock, ALICE, itemId(created)))).toHaveLength(0);
  });

  it('an update sent to all moves the copies; the attendee accepts, then the organizer cancels', async () => {
    const created = await call(mock, ALICE, meeting('Design', 'SendOnlyToAll', [BOB]));
    const id = itemId(created);
    const uid = await uidOf(mock, ALICE, id);
    const move = (send: string, start: string) =>
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="${send}"><m:ItemChanges>` +
      `<t:ItemChange><t:ItemId Id="${id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="calendar:Start"/>` +
      `<t:CalendarItem><t:Start>${start}</t:Start></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;
    expect(code(await call(mock, ALICE, move('SendToNone', '2030-05-08T14:30:00Z')))).toBe('NoError');
    expect((await copiesIn(mock, BOB, uid))[0]?.textAt('Start')).toBe('2030-05-08T14:00:00Z');
    expect(code(await call(mock, ALICE, move('SendToAllAndSaveCopy', '2030-05-08T14:30:00Z')))).toBe('NoError');
    expect((await copiesIn(mock, BOB, uid))[0]?.textAt('Start')).toBe('2030-05-08T14:30:00Z');

    const copyId = (await copiesIn(mock, BOB, uid))[0]?.child('ItemId')?.attr('Id') ?? '';
    const own = await call(mock, ALICE, responseObject('AcceptItem', id), 'AcceptItem by organizer');
    expect(code(own)).toBe('ErrorCalendarIsOrganizerForAccept');
    expect(code(await call(mock, BOB, responseObject('AcceptItem', copyId), 'AcceptItem'))).toBe('NoError');
    const [accepted] = await copiesIn(mock, BOB, uid);
    expect(accepted?.textAt('MyResponseType')).toBe('Accept');
    expect(accepted?.textAt('LegacyFreeBusyStatus')).toBe('Busy');
    const acceptedId = accepted?.child('ItemId')?.attr('Id') ?? '';
    // Microsoft: answering deletes and re-creates the attendee's calendar item, so its id changes.
    expect(acceptedId).not.toBe(copyId);
    const organizerView = await call(
      mock,
      ALICE,
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
      'GetItem organizer after the answer',
    );
    const attendees = message(organizerView).at('Items', 'CalendarItem', 'RequiredAttendees')?.all('Attendee') ?? [];
    expect(attendees.map((a) => [a.textAt('Mailbox', 'EmailAddress'), a.textAt('ResponseType')])).toEqual([
      [BOB, 'Accept'],
    ]);

    const bobEvents = await subscribe(mock, BOB);
    expect(code(await call(mock, BOB, responseObject('CancelCalendarItem', acceptedId)))).toBe(
      'ErrorCalendarIsNotOrganizer',
    );
    const cancelled = await call(mock, ALICE, responseObject('CancelCalendarItem', id), 'CancelCalendarItem');
    expect(code(cancelled)).toBe('NoError');
    expect(await bobEvents()).toEqual(['ModifiedEvent']);
    const [gone] = await copiesIn(mock, BOB, uid, 'FindItem cancelled copy');
    expect(gone?.textAt('IsCancelled')).toBe('true');
    expect(gone?.textAt('Subject')).toBe('Canceled: Design');
    expect(gone?.textAt('LegacyFreeBusyStatus')).toBe('Free');
    // "It deletes the meeting for the organizer also."
    expect(await copiesIn(mock, ALICE, uid)).toHaveLength(0);
    expect(code(await call(mock, BOB, responseObject('AcceptItem', acceptedId)))).toBe(
      'ErrorCalendarIsCancelledForAccept',
    );
    expect(code(await call(mock, BOB, responseObject('AcceptItem', acceptedId, 'SaveOnly')))).toBe(
      'ErrorInvalidOperation',
    );
  });

  it('DeleteItem with SendMeetingCancellations cancels the copies; SendToNone does not', async () => {
    const remove = (id: string, send: string) =>
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="${send}"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`;
    const kept = await call(mock, ALICE, meeting('Kept for Bob', 'SendToAllAndSaveCopy', [BOB]));
    const keptUid = await uidOf(mock, ALICE, itemId(kept));
    expect(code(await call(mock, ALICE, remove(itemId(kept), 'SendToNone')))).toBe('NoError');
    expect((await copiesIn(mock, BOB, keptUid))[0]?.textAt('IsCancelled')).toBe('false');

    const dropped = await call(mock, ALICE, meeting('Dropped', 'SendToAllAndSaveCopy', [BOB]));
    const uid = await uidOf(mock, ALICE, itemId(dropped));
    const deleted = await call(mock, ALICE, remove(itemId(dropped), 'SendToAllAndSaveCopy'), 'DeleteItem cancelling');
    expect(code(deleted)).toBe('NoError');
    const [copy] = await copiesIn(mock, BOB, uid);
    expect([copy?.textAt('IsCancelled'), copy?.textAt('Subject'), copy?.textAt('LegacyFreeBusyStatus')]).toEqual([
      'true',
      'Canceled: Dropped',
      'Free',
    ]);
  });

  it('SendToChangedAndSaveCopy invites an added attendee and cancels a removed one, leaving the others', async () => {
    const created = await call(mock, ALICE, meeting('Swap', 'SendToAllAndSaveCopy', [BOB]));
    const id = itemId(created);
    const uid = await uidOf(mock, ALICE, id);
    const carolOnly =
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToChangedAndSaveCopy">' +
      `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/>` +
      `<t:CalendarItem><t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>${CAROL}</t:EmailAddress></t:Mailbox></t:Attendee>` +
      '</t:RequiredAttendees></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
    expect(code(await call(mock, ALICE, carolOnly))).toBe('NoError');
    expect((await copiesIn(mock, BOB, uid))[0]?.textAt('IsCancelled')).toBe('true');
    expect((await copiesIn(mock, CAROL, uid))[0]?.textAt('MyResponseType')).toBe('NoResponseReceived');
  });

  it('deleting one occurrence with cancellations takes it out of the attendees’ copies of the series', async () => {
    const series =
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem><t:Subject>Daily check</t:Subject>' +
      '<t:Start>2030-05-08T08:00:00Z</t:Start><t:End>2030-05-08T08:15:00Z</t:End><t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval>' +
      '</t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2030-05-08Z</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences>' +
      `</t:NumberedRecurrence></t:Recurrence><t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress>` +
      '</t:Mailbox></t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>';
    const created = await call(mock, ALICE, series);
    const id = itemId(created);
    const uid = await uidOf(mock, ALICE, id);
    expect((await copiesIn(mock, BOB, uid)).map((c) => c.textAt('Start'))).toEqual([
      '2030-05-08T08:00:00Z',
      '2030-05-09T08:00:00Z',
    ]);
    const dropSecond =
      '<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendOnlyToAll"><m:ItemIds>' +
      `<t:OccurrenceItemId RecurringMasterId="${id}" InstanceIndex="2"/></m:ItemIds></m:DeleteItem>`;
    expect(code(await call(mock, ALICE, dropSecond))).toBe('NoError');
    expect((await copiesIn(mock, BOB, uid)).map((c) => c.textAt('Start'))).toEqual(['2030-05-08T08:00:00Z']);
  });

  it.skipIf(!schemaTestsEnabled('meeting invitations schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies.map((b) => b.name)).toEqual([
        'CreateItem meeting',
        'FindItem attendee copy',
        'AcceptItem by organizer',
        'AcceptItem',
        'GetItem organizer after the answer',
        'CancelCalendarItem',
        'FindItem cancelled copy',
        'DeleteItem cancelling',
      ]);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
