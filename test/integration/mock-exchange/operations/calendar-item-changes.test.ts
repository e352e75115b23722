import {
  Appointment,
  AppointmentType,
  BodyType,
  CalendarView,
  ConflictResolutionMode,
  DateTime,
  DayOfTheWeek,
  DeleteMode,
  type ExchangeService,
  FolderId,
  ItemId,
  LegacyFreeBusyStatus,
  Mailbox,
  MessageBody,
  Recurrence,
  SendCancellationsMode,
  SendInvitationsMode,
  SendInvitationsOrCancellationsMode,
  ServiceError,
  ServiceResponseException,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarChange } from '../../../../mock-exchange/calendar.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';

const at = (iso: string) => new DateTime(Date.parse(iso));
const iso = (d: DateTime) => d.ToISOString();

async function ewsErrorOf(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ServiceResponseException))
    throw new Error(`expected a ServiceResponseException, got ${String(err)}`);
  return ServiceError[err.ErrorCode];
}

/** Subjects and starts of a mailbox's calendar on one test day, as ews-javascript-api sees it. */
async function dayAsSeen(svc: ExchangeService, day = '2030-05-06'): Promise<string[]> {
  const found = await svc.FindAppointments(
    WellKnownFolderName.Calendar,
    new CalendarView(at(`${day}T00:00:00Z`), at(`${day}T23:59:59Z`)),
  );
  return found.Items.map((a) => `${iso(a.Start).slice(11, 16)} ${a.Subject}`);
}

function newAppointment(svc: ExchangeService, subject: string, start: string, end: string): Appointment {
  const a = new Appointment(svc);
  a.Subject = subject;
  a.Start = at(start);
  a.End = at(end);
  return a;
}

describe('CreateItem, UpdateItem and DeleteItem through ews-javascript-api', () => {
  let mock: MockExchange;
  let changes: Map<string, CalendarChange[]>;
  beforeEach(async () => {
    mock = await startMock();
    changes = new Map();
    for (const mbx of mock.org.mailboxes.values()) {
      const list: CalendarChange[] = [];
      changes.set(mbx.address, list);
      mbx.calendar.on('change', (c) => list.push(c));
    }
  });
  afterEach(async () => {
    await mock.stop();
  });

  it("creates an appointment in alice's calendar: stored, announced and visible in her calendar view", async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const a = newAppointment(svc, 'Design review', '2030-05-06T14:00:00Z', '2030-05-06T15:00:00Z');
    a.Body = new MessageBody(BodyType.Text, 'Bring the diagrams');
    a.Location = 'Room 9';
    a.LegacyFreeBusyStatus = LegacyFreeBusyStatus.Tentative;
    a.RequiredAttendees.Add('bob@example.test');
    await a.Save(SendInvitationsMode.SendToNone);

    const stored = mock.org.mailbox('alice@example.test')!.calendar.get(a.Id.UniqueId);
    expect(stored).toMatchObject({
      subject: 'Design review',
      start: Date.parse('2030-05-06T14:00:00Z'),
      end: Date.parse('2030-05-06T15:00:00Z'),
      location: 'Room 9',
      body: 'Bring the diagrams',
      bodyType: 'Text',
      freeBusy: 'Tentative',
      isMeeting: true,
      requiredAttendees: [{ name: 'Bob Baker', address: 'bob@example.test' }],
    });
    expect(a.Id.ChangeKey).toBe(stored?.changeKey);
    expect(changes.get('alice@example.test')).toEqual([{ kind: 'created', itemId: a.Id.UniqueId }]);
    expect(await dayAsSeen(svc)).toEqual(['09:00 Weekly sync', '10:00 Stand-up', '14:00 Design review']);

    const bound = await Appointment.Bind(svc, a.Id);
    expect([bound.Body.Text, bound.LegacyFreeBusyStatus, bound.IsMeeting]).toEqual([
      'Bring the diagrams',
      LegacyFreeBusyStatus.Tentative,
      true,
    ]);
  });

  it("creates in carol's calendar on ex2 through ex1, by impersonation and by SavedItemFolderId with Mailbox", async () => {
    const asCarol = ewsClient(mock, { server: 'ex1', impersonate: 'carol@example.test' });
    await newAppointment(asCarol, 'Abstimmung', '2030-05-06T15:00:00Z', '2030-05-06T15:30:00Z').Save(
      SendInvitationsMode.SendToNone,
    );
    const service = ewsClient(mock, { server: 'ex1' });
    const delegated = newAppointment(service, 'Vertrieb', '2030-05-06T16:00:00Z', '2030-05-06T17:00:00Z');
    await delegated.Save(
      new FolderId(WellKnownFolderName.Calendar, new Mailbox('carol@example.test')),
      SendInvitationsMode.SendToAllAndSaveCopy,
    );
    expect(await dayAsSeen(asCarol)).toEqual(['11:00 Teamrunde', '15:00 Abstimmung', '16:00 Vertrieb']);
    expect(mock.org.mailbox('alice@example.test')!.calendar.size).toBe(3);
    expect(changes.get('carol@example.test')?.map((c) => c.kind)).toEqual(['created', 'created']);
  });

  it('creates a weekly series every other Monday and Wednesday, expanded by later calendar views', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const a = newAppointment(svc, 'Planning', '2030-05-06T13:00:00Z', '2030-05-06T13:45:00Z');
    // The typings declare only the argument-less constructor of WeeklyPattern.
    const pattern = new Recurrence.WeeklyPattern();
    pattern.StartDate = a.Start.Date;
    pattern.Interval = 2;
    pattern.DaysOfTheWeek.AddRange([DayOfTheWeek.Monday, DayOfTheWeek.Wednesday]);
    pattern.NumberOfOccurrences = 5;
    a.Recurrence = pattern;
    await a.Save(SendInvitationsMode.SendToNone);
    const found = await svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(at('2030-05-01T00:00:00Z'), at('2030-07-01T00:00:00Z')),
    );
    const planning = found.Items.filter((i) => i.Subject === 'Planning');
    expect(planning.map((i) => iso(i.Start).slice(0, 10))).toEqual([
      '2030-05-06',
      '2030-05-08',
      '2030-05-20',
      '2030-05-22',
      '2030-06-03',
    ]);
    expect(planning.every((i) => i.AppointmentType === AppointmentType.Occurrence)).toBe(true);
  });

  it('moves an appointment with Update(AlwaysOverwrite): new times stored, new ChangeKey, one modified event', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const sync = mock.org
      .mailbox('alice@example.test')!
      .calendar.items()
      .find((i) => i.subject === 'Weekly sync')!;
    const oldKey = sync.changeKey;
    const a = await Appointment.Bind(svc, new ItemId(sync.id));
    a.Start = at('2030-05-06T16:00:00Z');
    a.End = at('2030-05-06T16:45:00Z');
    a.Location = 'Room 2';
    await a.Update(ConflictResolutionMode.AlwaysOverwrite, SendInvitationsOrCancellationsMode.SendToNone);

    expect(sync).toMatchObject({
      start: Date.parse('2030-05-06T16:00:00Z'),
      end: Date.parse('2030-05-06T16:45:00Z'),
      location: 'Room 2',
    });
    expect(sync.changeKey).not.toBe(oldKey);
    expect(a.Id.ChangeKey).toBe(sync.changeKey);
    expect(changes.get('alice@example.test')).toEqual([{ kind: 'modified', itemId: sync.id }]);
    expect(await dayAsSeen(svc)).toEqual(['10:00 Stand-up', '16:00 Weekly sync']);
  });

  it('refuses a stale ChangeKey under NeverOverwrite and changes nothing', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const cal = mock.org.mailbox('alice@example.test')!.calendar;
    const sync = cal.items().find((i) => i.subject === 'Weekly sync')!;
    const a = await Appointment.Bind(svc, new ItemId(sync.id));
    cal.update(sync.id, { location: 'Changed meanwhile' });
    a.Subject = 'Lost update';
    expect(await ewsErrorOf(a.Update(ConflictResolutionMode.NeverOverwrite))).toBe('ErrorIrresolvableConflict');
    expect(sync.subject).toBe('Weekly sync');
    const fresh = await Appointment.Bind(svc, new ItemId(sync.id));
    fresh.Subject = 'Renamed';
    await fresh.Update(ConflictResolutionMode.NeverOverwrite);
    expect(sync.subject).toBe('Renamed');
  });

  it('refuses an End before Start on create and on update, storing nothing', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const cal = mock.org.mailbox('alice@example.test')!.calendar;
    const backwards = newAppointment(svc, 'Backwards', '2030-05-06T15:00:00Z', '2030-05-06T14:00:00Z');
    expect(await ewsErrorOf(backwards.Save(SendInvitationsMode.SendToNone))).toBe(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
    );
    expect(cal.size).toBe(3);
    const sync = cal.items().find((i) => i.subject === 'Weekly sync')!;
    const a = await Appointment.Bind(svc, new ItemId(sync.id));
    a.Start = at('2030-05-06T10:00:00Z');
    expect(await ewsErrorOf(a.Update(ConflictResolutionMode.AlwaysOverwrite))).toBe(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
    );
    expect(sync.start).toBe(Date.parse('2030-05-06T09:00:00Z'));
    expect(changes.get('alice@example.test')).toEqual([]);
  });

  it('deletes with Delete(MoveToDeletedItems): gone from state and views; a second delete is ErrorItemNotFound', async () => {
    const svc = ewsClient(mock, { impersonate: 'carol@example.test' });
    const cal = mock.org.mailbox('carol@example.test')!.calendar;
    const item = cal.items()[0]!;
    const a = await Appointment.Bind(svc, new ItemId(item.id));
    await a.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToNone);
    expect(cal.get(item.id)).toBeUndefined();
    expect(changes.get('carol@example.test')).toEqual([{ kind: 'deleted', itemId: item.id }]);
    expect(await dayAsSeen(svc)).toEqual([]);
    const again = await svc.DeleteItems(
      [new ItemId(item.id)],
      DeleteMode.HardDelete,
      SendCancellationsMode.SendToNone,
      null as never,
    );
    expect(again.Responses.map((r) => ServiceError[r.ErrorCode])).toEqual(['ErrorItemNotFound']);
    expect(await ewsErrorOf(Appointment.Bind(svc, new ItemId(item.id)))).toBe('ErrorItemNotFound');
  });

  it('deletes one occurrence: the series stays (modified), the occurrence is gone for views and Bind', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const found = await svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(at('2030-05-07T00:00:00Z'), at('2030-05-08T00:00:00Z')),
    );
    const occurrence = found.Items.find((i) => i.Subject === 'Stand-up')!;
    await occurrence.Delete(DeleteMode.HardDelete);
    const series = mock.org
      .mailbox('alice@example.test')!
      .calendar.items()
      .find((i) => i.subject === 'Stand-up')!;
    expect(series.deletedOccurrences).toEqual([4]);
    expect(changes.get('alice@example.test')).toEqual([{ kind: 'modified', itemId: series.id }]);
    expect(await dayAsSeen(svc, '2030-05-07')).toEqual(['00:00 Offsite']);
    expect(await dayAsSeen(svc, '2030-05-08')).toEqual(['10:00 Stand-up']);
    expect(await ewsErrorOf(Appointment.Bind(svc, occurrence.Id))).toBe('ErrorItemNotFound');
  });

  it('changing one occurrence through the client makes it an exception of its own, leaving the series', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const series = mock.org
      .mailbox('alice@example.test')!
      .calendar.items()
      .find((i) => i.subject === 'Stand-up')!;
    const occurrence = await Appointment.BindToOccurrence(svc, new ItemId(series.id), 2);
    occurrence.Subject = 'Moved stand-up';
    await occurrence.Update(ConflictResolutionMode.AlwaysOverwrite);
    expect(series.subject).toBe('Stand-up');
    expect(series.modifiedOccurrences).toMatchObject([{ index: 1, subject: 'Moved stand-up' }]);
    const again = await Appointment.BindToOccurrence(svc, new ItemId(series.id), 2);
    expect(again.Subject).toBe('Moved stand-up');
  });
});
