import { occurrenceIdFor, unknownItemIdLike } from './ews-ids.ts';
import { calendarView, getFolder, getItem } from './ews-request-bodies.ts';
import { ALICE, CAROL, code, type ResponseCase } from './response-case.ts';

/** Folder and calendar item operations: every response shape, success and error, in a safe order. */
export const ITEM_CASES: ResponseCase[] = [
  // GetFolder
  {
    name: 'GetFolder calendar',
    body: () => getFolder('calendar'),
    envelope: CAROL,
    status: 200,
    contains: '<t:DisplayName>Kalender</t:DisplayName>',
  },
  {
    name: 'GetFolder ErrorFolderNotFound',
    body: () => getFolder('archiveinbox'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorFolderNotFound'),
  },
  // FindItem
  {
    name: 'FindItem CalendarView with results',
    body: () => calendarView('2030-05-06T00:00:00Z', '2030-05-09T00:00:00Z'),
    envelope: ALICE,
    status: 200,
    contains: '<t:CalendarItemType>Occurrence</t:CalendarItemType>',
  },
  {
    name: 'FindItem CalendarView IdOnly',
    body: () => calendarView('2030-05-06T00:00:00Z', '2030-05-07T00:00:00Z', undefined, 'IdOnly'),
    envelope: ALICE,
    status: 200,
    contains: '<t:ItemId ',
  },
  {
    name: 'FindItem CalendarView empty',
    body: () => calendarView('2031-01-01T00:00:00Z', '2031-01-02T00:00:00Z'),
    envelope: ALICE,
    status: 200,
    contains: 'TotalItemsInView="0"',
  },
  {
    name: 'FindItem CalendarView truncated',
    body: () => calendarView('2030-05-06T00:00:00Z', '2030-05-09T00:00:00Z', 1),
    envelope: ALICE,
    status: 200,
    contains: 'IncludesLastItemInRange="false"',
  },
  {
    name: 'FindItem ErrorCalendarEndDateIsEarlierThanStartDate',
    body: () => calendarView('2030-05-09T00:00:00Z', '2030-05-06T00:00:00Z'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorCalendarEndDateIsEarlierThanStartDate'),
  },
  {
    name: 'FindItem ErrorCalendarViewRangeTooBig',
    body: () => calendarView('2030-01-01T00:00:00Z', '2033-01-01T00:00:00Z'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorCalendarViewRangeTooBig'),
  },
  // GetItem
  {
    name: 'GetItem single meeting',
    body: (s) => getItem(s.weeklySync),
    envelope: ALICE,
    status: 200,
    contains: '<t:Subject>Weekly sync</t:Subject>',
  },
  {
    name: 'GetItem recurring master',
    body: (s) => getItem(s.standUp),
    envelope: ALICE,
    status: 200,
    contains: '<t:CalendarItemType>RecurringMaster</t:CalendarItemType>',
  },
  {
    name: 'GetItem occurrence',
    body: (s) => getItem(occurrenceIdFor(s.standUp, '2030-05-06T10:00Z')),
    envelope: ALICE,
    status: 200,
    contains: '<t:CalendarItemType>Occurrence</t:CalendarItemType>',
  },
  {
    name: 'GetItem ErrorItemNotFound',
    body: (s) => getItem(unknownItemIdLike(s.standUp)),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorItemNotFound'),
  },
  // CreateItem / UpdateItem / DeleteItem
  {
    name: 'CreateItem calendar item',
    body: () =>
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>' +
      '<m:Items><t:CalendarItem><t:Subject>Schema check</t:Subject><t:Start>2030-05-08T15:00:00Z</t:Start><t:End>2030-05-08T16:00:00Z</t:End>' +
      '<t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus><t:Location>Room 2</t:Location></t:CalendarItem></m:Items></m:CreateItem>',
    envelope: ALICE,
    status: 200,
    contains: code('NoError'),
  },
  {
    name: 'UpdateItem SetItemField Subject',
    body: (s) =>
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange>' +
      `<t:ItemId Id="${s.weeklySync}" ChangeKey="${s.weeklySyncChangeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/>` +
      '<t:CalendarItem><t:Subject>Weekly sync (moved)</t:Subject></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
    envelope: ALICE,
    status: 200,
    contains: '<m:ConflictResults>',
  },
  {
    name: 'UpdateItem ErrorIrresolvableConflict',
    body: (s) =>
      '<m:UpdateItem ConflictResolution="NeverOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange>' +
      `<t:ItemId Id="${s.weeklySync}" ChangeKey="${s.weeklySyncChangeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/>` +
      '<t:CalendarItem><t:Subject>Stale</t:Subject></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
    envelope: ALICE,
    status: 200,
    contains: code('ErrorIrresolvableConflict'),
  },
  {
    name: 'DeleteItem',
    body: (s) =>
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${s.bobsMeeting}"/></m:ItemIds></m:DeleteItem>`,
    envelope: { impersonate: 'bob@example.test' },
    status: 200,
    contains: '<m:DeleteItemResponseMessage ResponseClass="Success">',
  },
  {
    name: 'DeleteItem ErrorItemNotFound (deleted above)',
    body: (s) =>
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${s.bobsMeeting}"/></m:ItemIds></m:DeleteItem>`,
    envelope: { impersonate: 'bob@example.test' },
    status: 200,
    contains: code('ErrorItemNotFound'),
  },
];
