import { once } from 'node:events';
import {
  AlternateId,
  Appointment,
  AttendeeInfo,
  AvailabilityData,
  BasePropertySet,
  CalendarView,
  DateTime,
  DeleteMode,
  EventType,
  ExtendedPropertyDefinition,
  Folder,
  FolderId,
  FolderTraversal,
  FolderView,
  IdFormat,
  type ItemEvent,
  MapiPropertyType,
  type NotificationEventArgs,
  PropertySet,
  SendInvitationsMode,
  StreamingSubscriptionConnection,
  TimeWindow,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';

const ALICE = 'alice@example.test';
const CAROL = 'carol@example.test';

/** The 22 folders Exchange creates below root, by the names Outlook gives them in English. */
const ENGLISH_TREE = [
  'Top of Information Store',
  'Calendar',
  'Contacts',
  'Conversation History',
  'Deleted Items',
  'Drafts',
  'Inbox',
  'Journal',
  'Junk Email',
  'Notes',
  'Outbox',
  'Sent Items',
  'Sync Issues',
  'Conflicts',
  'Local Failures',
  'Server Failures',
  'Tasks',
  'Finder',
  'Recoverable Items',
  'Deletions',
  'Purges',
  'Versions',
];

describe('ews-javascript-api through a general-purpose client opening sequence', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock.stop();
  });
  const alice = () => ewsClient(mock, { impersonate: ALICE });

  it('binds root, then walks the whole tree with a Deep FindFolder', async () => {
    const root = await Folder.Bind(alice(), WellKnownFolderName.Root);
    expect(root.ChildFolderCount).toBe(3);
    const view = new FolderView(100);
    view.Traversal = FolderTraversal.Deep;
    const found = await alice().FindFolders(WellKnownFolderName.Root, view);
    // ews-javascript-api lists typed folders (CalendarFolder, ContactsFolder, TasksFolder) after plain ones.
    expect(found.Folders.map((f) => f.DisplayName).sort()).toEqual([...ENGLISH_TREE].sort());
    expect(found.TotalCount).toBe(22);
  });

  it('binds every well-known folder, in the mailbox language, with class, parent and counts', async () => {
    const expected: [WellKnownFolderName, string, string, string][] = [
      [WellKnownFolderName.Calendar, 'Kalender', 'IPF.Appointment', 'msgfolderroot'],
      [WellKnownFolderName.Contacts, 'Kontakte', 'IPF.Contact', 'msgfolderroot'],
      [WellKnownFolderName.Inbox, 'Posteingang', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.Outbox, 'Postausgang', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.SentItems, 'Gesendete Elemente', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.DeletedItems, 'Gelöschte Elemente', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.Drafts, 'Entwürfe', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.JunkEmail, 'Junk-E-Mail', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.Tasks, 'Aufgaben', 'IPF.Task', 'msgfolderroot'],
      [WellKnownFolderName.Notes, 'Notizen', 'IPF.StickyNote', 'msgfolderroot'],
      [WellKnownFolderName.Journal, 'Journal', 'IPF.Journal', 'msgfolderroot'],
      [WellKnownFolderName.ConversationHistory, 'Unterhaltungsverlauf', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.SyncIssues, 'Synchronisierungsprobleme', 'IPF.Note', 'msgfolderroot'],
      [WellKnownFolderName.Conflicts, 'Konflikte', 'IPF.Note', 'syncissues'],
    ];
    const svc = ewsClient(mock, { impersonate: CAROL });
    const tops = new Map<string, string>();
    for (const id of ['msgfolderroot', 'syncissues'] as const) {
      const name = id === 'msgfolderroot' ? WellKnownFolderName.MsgFolderRoot : WellKnownFolderName.SyncIssues;
      tops.set(id, (await Folder.Bind(svc, name)).Id.UniqueId);
    }
    for (const [name, display, folderClass, parent] of expected) {
      const folder = await Folder.Bind(svc, name);
      expect([folder.DisplayName, folder.FolderClass, folder.ParentFolderId.UniqueId]).toEqual([
        display,
        folderClass,
        tops.get(parent),
      ]);
      expect(folder.EffectiveRights).toBeDefined();
    }
    expect((await Folder.Bind(svc, WellKnownFolderName.Calendar)).TotalCount).toBe(1);
  });

  it('reads the server time zones and converts an id to EntryId and back', async () => {
    const zones = await alice().GetServerTimeZones();
    const ids = [...zones].map((z) => z.Id);
    expect(ids).toEqual(expect.arrayContaining(['UTC', 'W. Europe Standard Time', 'Pacific Standard Time']));
    const calendar = await Folder.Bind(alice(), WellKnownFolderName.Calendar);
    const entry = (await alice().ConvertId(
      new AlternateId(IdFormat.EwsId, calendar.Id.UniqueId, ALICE),
      IdFormat.EntryId,
    )) as AlternateId;
    expect(entry.Format).toBe(IdFormat.EntryId);
    const back = (await alice().ConvertId(
      new AlternateId(IdFormat.EntryId, entry.UniqueId, ALICE),
      IdFormat.EwsId,
    )) as AlternateId;
    expect(back.UniqueId).toBe(calendar.Id.UniqueId);
  });

  it('views the calendar, binds an item with all properties and an unset extended property, and gets free/busy for two', async () => {
    const view = await alice().FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(new DateTime(Date.UTC(2030, 4, 6)), new DateTime(Date.UTC(2030, 4, 7))),
    );
    expect(view.Items.map((a) => a.Subject)).toEqual(['Weekly sync', 'Stand-up']);
    const unset = new ExtendedPropertyDefinition(0x3613, MapiPropertyType.String);
    const item = await Appointment.Bind(
      alice(),
      view.Items[0]!.Id,
      new PropertySet(BasePropertySet.FirstClassProperties, [unset]),
    );
    expect([item.Subject, item.Location]).toEqual(['Weekly sync', 'Room 1']);
    expect(item.ExtendedProperties.Count).toBe(0);
    const availability = await alice().GetUserAvailability(
      [new AttendeeInfo(ALICE), new AttendeeInfo(CAROL)],
      new TimeWindow(new DateTime(Date.UTC(2030, 4, 6)), new DateTime(Date.UTC(2030, 4, 7))),
      AvailabilityData.FreeBusy,
    );
    expect(availability.AttendeesAvailability.Responses.map((r) => r.CalendarEvents.length)).toEqual([2, 1]);
  });

  it('creates and deletes an appointment, seen as CreatedEvent by a pull and a streaming subscription', async () => {
    const svc = alice();
    const calendar = [new FolderId(WellKnownFolderName.Calendar)];
    const pull = await svc.SubscribeToPullNotifications(calendar, 10, undefined as never, EventType.Created);
    const streaming = await svc.SubscribeToStreamingNotifications(calendar, EventType.Created);
    const conn = new StreamingSubscriptionConnection(svc, 1);
    conn.AddSubscription(streaming);
    const opened = once(mock.notifications, 'stream-opened');
    conn.Open().catch(() => {});
    await opened;
    const streamed = new Promise<NotificationEventArgs>((resolve) => {
      conn.OnNotificationEvent.push((_s: unknown, args: NotificationEventArgs) => resolve(args));
    });

    const appointment = new Appointment(svc);
    appointment.Subject = 'Opening sequence';
    appointment.Start = new DateTime(Date.UTC(2030, 4, 6, 15));
    appointment.End = new DateTime(Date.UTC(2030, 4, 6, 16));
    await appointment.Save(WellKnownFolderName.Calendar, SendInvitationsMode.SendToNone);
    const id = appointment.Id.UniqueId;

    const pulled = (await pull.GetEvents()).ItemEvents.map((e: ItemEvent) => [
      EventType[e.EventType],
      e.ItemId.UniqueId,
    ]);
    expect(pulled).toEqual([['Created', id]]);
    const args = await streamed;
    expect(args.Events.map((e) => [EventType[e.EventType], (e as ItemEvent).ItemId?.UniqueId])).toEqual([
      ['Created', id],
    ]);
    conn.Close();

    await appointment.Delete(DeleteMode.HardDelete);
    expect(mock.org.mailbox(ALICE)?.calendar.get(id)).toBeUndefined();
  });
});
