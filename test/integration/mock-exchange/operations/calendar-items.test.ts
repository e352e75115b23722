import {
  Appointment,
  AppointmentType,
  CalendarView,
  DateTime,
  FolderId,
  ItemId,
  ItemView,
  LegacyFreeBusyStatus,
  Mailbox,
  PropertySet,
  ServiceError,
  ServiceResponseException,
  ServiceResult,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { occurrenceIdFor, unknownItemIdLike } from '../../../support/ews-ids.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';

const at = (iso: string) => new DateTime(Date.parse(iso));
const iso = (d: DateTime) => d.ToISOString();
/** The three test days, Monday 6 to Thursday 9 May 2030 (exclusive). */
const view = (max = 1000) => new CalendarView(at('2030-05-06T00:00:00Z'), at('2030-05-09T00:00:00Z'), max);

/** The EWS error a rejected ews-javascript-api call carries, by its ServiceError name. */
async function ewsErrorOf(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ServiceResponseException))
    throw new Error(`expected a ServiceResponseException, got ${String(err)}`);
  return ServiceError[err.ErrorCode];
}

/** A hand-written FindItem, for requests ews-javascript-api refuses to send (it validates EndDate locally). */
const postFindItem = (mock: MockExchange, calendarView: string) =>
  ewsCall(
    mock,
    `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>${calendarView}` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
    { impersonate: 'alice@example.test' },
  );

describe('FindItem (CalendarView) and GetItem through ews-javascript-api', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it("expands alice's daily stand-up into occurrences among her single and all-day items, on ex1", async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const found = await svc.FindAppointments(WellKnownFolderName.Calendar, view(50));
    expect(found.MoreAvailable).toBe(false);
    expect(found.TotalCount).toBe(5);
    expect(found.Items.map((a) => [a.Subject, iso(a.Start), iso(a.End), AppointmentType[a.AppointmentType]])).toEqual([
      ['Weekly sync', '2030-05-06T09:00:00.000Z', '2030-05-06T09:30:00.000Z', 'Single'],
      ['Stand-up', '2030-05-06T10:00:00.000Z', '2030-05-06T10:15:00.000Z', 'Occurrence'],
      ['Offsite', '2030-05-07T00:00:00.000Z', '2030-05-08T00:00:00.000Z', 'Single'],
      ['Stand-up', '2030-05-07T10:00:00.000Z', '2030-05-07T10:15:00.000Z', 'Occurrence'],
      ['Stand-up', '2030-05-08T10:00:00.000Z', '2030-05-08T10:15:00.000Z', 'Occurrence'],
    ]);
    const [sync, standUp, offsite] = found.Items;
    expect(sync?.IsMeeting).toBe(true);
    expect(sync?.Location).toBe('Room 1');
    expect(sync?.Organizer.Address).toBe('alice@example.test');
    expect(sync?.Organizer.Name).toBe('Alice Archer');
    expect(standUp?.IsRecurring).toBe(true);
    expect(offsite?.IsAllDayEvent).toBe(true);
    expect(offsite?.LegacyFreeBusyStatus).toBe(LegacyFreeBusyStatus.OOF);
    // Each occurrence has its own id, derived from the series (the 3rd May start makes 6th May index 3).
    const series = mock.org
      .mailbox('alice@example.test')!
      .calendar.items()
      .find((i) => i.subject === 'Stand-up')!;
    const occurrenceIds = found.Items.filter((a) => a.Subject === 'Stand-up').map((a) => a.Id.UniqueId);
    expect(occurrenceIds).toEqual(
      ['2030-05-06T10:00Z', '2030-05-07T10:00Z', '2030-05-08T10:00Z'].map((d) => occurrenceIdFor(series.id, d)),
    );
  });

  it("reads carol's German calendar on ex2 through ex1 by impersonation, and by DistinguishedFolderId with Mailbox", async () => {
    const impersonated = await ewsClient(mock, { server: 'ex1', impersonate: 'carol@example.test' }).FindAppointments(
      WellKnownFolderName.Calendar,
      view(),
    );
    expect(impersonated.Items.map((a) => [a.Subject, iso(a.Start), a.Organizer.Address])).toEqual([
      ['Teamrunde', '2030-05-06T11:00:00.000Z', 'carol@example.test'],
    ]);
    const delegated = await ewsClient(mock).FindAppointments(
      new FolderId(WellKnownFolderName.Calendar, new Mailbox('carol@example.test')),
      view(),
    );
    expect(delegated.Items.map((a) => a.Id.UniqueId)).toEqual(impersonated.Items.map((a) => a.Id.UniqueId));
  });

  it('caps the view at MaxEntriesReturned and says more are available', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const found = await svc.FindAppointments(WellKnownFolderName.Calendar, view(2));
    expect(found.Items.map((a) => a.Subject)).toEqual(['Weekly sync', 'Stand-up']);
    expect(found.MoreAvailable).toBe(true);
    expect(found.TotalCount).toBe(5);
    const exact = await svc.FindAppointments(WellKnownFolderName.Calendar, view(5));
    expect(exact.MoreAvailable).toBe(false);
  });

  it('answers an empty window with an empty Items element that the client reads as no appointments', async () => {
    const raw = await postFindItem(
      mock,
      '<m:CalendarView StartDate="2031-01-01T00:00:00Z" EndDate="2031-01-02T00:00:00Z"/>',
    );
    expect(raw.status).toBe(200);
    expect(raw.body).toContain(
      '<m:RootFolder TotalItemsInView="0" IncludesLastItemInRange="true"><t:Items/></m:RootFolder>',
    );
    const found = await ewsClient(mock, { impersonate: 'bob@example.test' }).FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(at('2031-01-01T00:00:00Z'), at('2031-01-02T00:00:00Z')),
    );
    expect(found.Items).toHaveLength(0);
    expect(found.MoreAvailable).toBe(false);
  });

  it('accepts a window of exactly two years and refuses a longer one with ErrorCalendarViewRangeTooBig', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const twoYears = await svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(at('2030-01-01T00:00:00Z'), at('2032-01-01T00:00:00Z')),
    );
    // The 10 stand-ups, the weekly sync and the offsite.
    expect(twoYears.TotalCount).toBe(12);
    const tooBig = svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(at('2030-01-01T00:00:00Z'), at('2032-01-01T00:00:01Z')),
    );
    expect(await ewsErrorOf(tooBig)).toBe('ErrorCalendarViewRangeTooBig');
  });

  it('refuses EndDate before StartDate with ErrorCalendarEndDateIsEarlierThanStartDate as a 200 error message', async () => {
    const raw = await postFindItem(
      mock,
      '<m:CalendarView StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-05T00:00:00Z"/>',
    );
    expect(raw.status).toBe(200);
    expect(raw.body).toContain('ResponseClass="Error"');
    expect(raw.body).toContain('<m:ResponseCode>ErrorCalendarEndDateIsEarlierThanStartDate</m:ResponseCode>');
    expect(raw.body).not.toContain('RootFolder');
  });

  it('binds a single item, an occurrence and its series, with body, attendees and recurrence', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const cal = mock.org.mailbox('alice@example.test')!.calendar;
    const sync = cal.items().find((i) => i.subject === 'Weekly sync')!;
    const series = cal.items().find((i) => i.subject === 'Stand-up')!;

    const single = await Appointment.Bind(svc, new ItemId(sync.id));
    expect(single.AppointmentType).toBe(AppointmentType.Single);
    expect(single.Id.ChangeKey).toBe(sync.changeKey);
    expect(single.RequiredAttendees.GetEnumerator().map((a) => [a.Address, a.Name])).toEqual([
      ['bob@example.test', 'Bob Baker'],
    ]);

    const occurrence = await Appointment.Bind(svc, new ItemId(occurrenceIdFor(series.id, '2030-05-06T10:00Z')));
    expect([occurrence.AppointmentType, iso(occurrence.Start), occurrence.IsRecurring]).toEqual([
      AppointmentType.Occurrence,
      '2030-05-06T10:00:00.000Z',
      true,
    ]);
    const byIndex = await Appointment.BindToOccurrence(svc, new ItemId(series.id), 4);
    expect(byIndex.Id.UniqueId).toBe(occurrence.Id.UniqueId);

    const master = await Appointment.BindToRecurringMaster(svc, occurrence.Id);
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
    expect(master.Id.UniqueId).toBe(series.id);
    expect(master.Recurrence.NumberOfOccurrences).toBe(10);
    expect(iso(master.FirstOccurrence.Start)).toBe('2030-05-03T10:00:00.000Z');
    expect(iso(master.LastOccurrence.Start)).toBe('2030-05-12T10:00:00.000Z');
    expect(await ewsErrorOf(Appointment.BindToOccurrence(svc, new ItemId(series.id), 11))).toBe(
      'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
    );
  });

  it('answers one message per requested id: found, unknown, past the series end, malformed', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const series = mock.org
      .mailbox('alice@example.test')!
      .calendar.items()
      .find((i) => i.subject === 'Stand-up')!;
    const responses = await svc.BindToItems(
      [
        new ItemId(occurrenceIdFor(series.id, '2030-05-03T10:00Z')),
        new ItemId(unknownItemIdLike(series.id)),
        new ItemId(occurrenceIdFor(series.id, '2030-05-13T10:00Z')),
        new ItemId('not an id'),
      ],
      PropertySet.FirstClassProperties,
    );
    expect(responses.Responses.map((r) => [ServiceResult[r.Result], ServiceError[r.ErrorCode]])).toEqual([
      ['Success', 'NoError'],
      ['Error', 'ErrorItemNotFound'],
      ['Error', 'ErrorItemNotFound'],
      ['Error', 'ErrorInvalidIdMalformed'],
    ]);
    // Exchange's own id prefix with a body that is no EwsId, and an EwsId of a mailbox this organization lacks.
    expect(await ewsErrorOf(Appointment.Bind(svc, new ItemId('AAMkADbm90IGFuIGl0ZW0=')))).toBe(
      'ErrorInvalidIdMalformed',
    );
    const otherMailbox = Buffer.from(series.id, 'base64');
    otherMailbox.write('00000000-0000-4000-8000-000000000000', 4, 'ascii');
    expect(await ewsErrorOf(Appointment.Bind(svc, new ItemId(otherMailbox.toString('base64'))))).toBe(
      'ErrorItemNotFound',
    );
  });

  it("denies alice's impersonated session carol's items, while the service account may open them directly", async () => {
    const carolsItem = mock.org.mailbox('carol@example.test')!.calendar.items()[0]!;
    const asAlice = ewsClient(mock, { impersonate: 'alice@example.test' });
    expect(await ewsErrorOf(Appointment.Bind(asAlice, new ItemId(carolsItem.id)))).toBe('ErrorAccessDenied');
    const direct = await Appointment.Bind(ewsClient(mock), new ItemId(carolsItem.id));
    expect(direct.Subject).toBe('Teamrunde');
  });

  it('lists single items and recurring masters, unexpanded, without a CalendarView', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const page = await svc.FindItems(WellKnownFolderName.Calendar, new ItemView(2));
    expect(page.TotalCount).toBe(3);
    expect(page.MoreAvailable).toBe(true);
    expect(page.NextPageOffset).toBe(2);
    expect(page.Items.map((i) => i.Subject)).toEqual(['Stand-up', 'Weekly sync']);
    const rest = await svc.FindItems(WellKnownFolderName.Calendar, new ItemView(2, 2));
    expect(rest.Items.map((i) => i.Subject)).toEqual(['Offsite']);
    expect(rest.MoreAvailable).toBe(false);
    const master = await Appointment.Bind(svc, page.Items[0]!.Id);
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
  });
});
