import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarItem } from '../../../../mock-exchange/calendar.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { type EwsCallReply, ewsCall } from '../../../support/ews-call.ts';
import { startMock } from '../../../support/mock-server.ts';

const ALICE = { impersonate: 'alice@example.test' };
/** ResponseCodes of every response message, in order (a fault's e:ResponseCode for HTTP 500). */
const codes = (r: EwsCallReply) =>
  [...r.body.matchAll(/<[me]:ResponseCode[^>]*>(\w+)<\/[me]:ResponseCode>/g)].map((m) => m[1]);
const messageText = (r: EwsCallReply) =>
  [...r.body.matchAll(/<m:MessageText>([^<]*)<\/m:MessageText>/g)].map((m) => m[1]);

const findItem = (shape: string, view: string, folders = '<t:DistinguishedFolderId Id="calendar"/>', extra = '') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape>${shape}</m:ItemShape>${view}${extra}<m:ParentFolderIds>${folders}</m:ParentFolderIds></m:FindItem>`;
const ALL = '<t:BaseShape>AllProperties</t:BaseShape>';
const MAY_6 = '<m:CalendarView StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>';

const calendarItem = (inner: string) => `<t:CalendarItem>${inner}</t:CalendarItem>`;
const createItem = (...items: string[]) =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items>${items.join('')}</m:Items></m:CreateItem>`;
const times = (start: string, end: string) => `<t:Start>${start}</t:Start><t:End>${end}</t:End>`;

const updateItem = (item: CalendarItem, updates: string, conflict = 'AlwaysOverwrite') =>
  `<m:UpdateItem ConflictResolution="${conflict}" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>` +
  `<t:ItemChange><t:ItemId Id="${item.id}" ChangeKey="${item.changeKey}"/><t:Updates>${updates}</t:Updates></t:ItemChange>` +
  '</m:ItemChanges></m:UpdateItem>';
const setField = (uri: string, props: string) =>
  `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${props}</t:CalendarItem></t:SetItemField>`;
const deleteField = (uri: string) => `<t:DeleteItemField><t:FieldURI FieldURI="${uri}"/></t:DeleteItemField>`;

describe('calendar item requests beyond what ews-javascript-api sends', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });
  const alice = () => mock.org.mailbox('alice@example.test')!.calendar;
  const weeklySync = () =>
    alice()
      .items()
      .find((i) => i.subject === 'Weekly sync')!;

  describe('FindItem', () => {
    it('returns only ItemId plus the AdditionalProperties of an IdOnly shape', async () => {
      const shape =
        '<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="calendar:Start"/>' +
        '<t:FieldURI FieldURI="calendar:LegacyFreeBusyStatus"/></t:AdditionalProperties>';
      const r = await ewsCall(mock, findItem(shape, MAY_6), ALICE);
      const items = [...r.body.matchAll(/<t:CalendarItem>(.*?)<\/t:CalendarItem>/g)].map((m) =>
        [...(m[1] ?? '').matchAll(/<t:(\w+)[ >/]/g)].map((e) => e[1]),
      );
      expect(items).toEqual([
        ['ItemId', 'Start', 'LegacyFreeBusyStatus'],
        ['ItemId', 'Start', 'LegacyFreeBusyStatus'],
      ]);
    });

    it('refuses properties only GetItem returns, and a restriction with a CalendarView (Exchange allows none), naming them', async () => {
      const body =
        '<t:BaseShape>Default</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>';
      const withBody = await ewsCall(mock, findItem(body, MAY_6), ALICE);
      expect([withBody.status, codes(withBody)]).toEqual([200, ['ErrorInvalidPropertyRequest']]);
      expect(messageText(withBody)[0]).toContain('item:Body');
      const restriction =
        '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="item:Subject"/><t:FieldURIOrConstant><t:Constant Value="x"/>' +
        '</t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>';
      const restricted = await ewsCall(mock, findItem(ALL, MAY_6, undefined, restriction), ALICE);
      expect(codes(restricted)).toEqual(['ErrorInvalidRestriction']);
      expect(messageText(restricted)[0]).toContain('a CalendarView cannot be combined with a Restriction');
    });

    it('answers a malformed StartDate with an HTTP 500 schema fault and MaxEntriesReturned="0" with ErrorInvalidPagingMaxRows', async () => {
      const badDate = await ewsCall(
        mock,
        findItem(ALL, '<m:CalendarView StartDate="next Monday" EndDate="2030-05-07T00:00:00Z"/>'),
        ALICE,
      );
      expect([badDate.status, codes(badDate)]).toEqual([500, ['ErrorSchemaValidation']]);
      expect(badDate.body).toContain('FindItem/CalendarView@StartDate');
      const zero = await ewsCall(
        mock,
        findItem(
          ALL,
          '<m:CalendarView MaxEntriesReturned="0" StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>',
        ),
        ALICE,
      );
      expect([zero.status, codes(zero)]).toEqual([200, ['ErrorInvalidPagingMaxRows']]);
    });

    it('answers one message per parent folder: calendars by FolderId and by Mailbox, and a mail folder (no CalendarView there)', async () => {
      const carol = mock.org.mailbox('carol@example.test')!;
      const folders =
        `<t:FolderId Id="${carol.calendarFolderId}"/>` +
        '<t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>bob@example.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>' +
        '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>bob@example.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>';
      const r = await ewsCall(mock, findItem(ALL, MAY_6, folders));
      expect(codes(r)).toEqual(['NoError', 'NoError', 'ErrorCalendarFolderIsInvalidForCalendarView']);
      expect([...r.body.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => m[1])).toEqual([
        'Teamrunde',
        'Tentative thing',
      ]);
    });
  });

  describe('CreateItem', () => {
    it('answers each item on its own: one stored, the next refused, in request order', async () => {
      const r = await ewsCall(
        mock,
        createItem(
          calendarItem(`<t:Subject>Kept</t:Subject>${times('2030-05-06T12:00:00Z', '2030-05-06T12:30:00Z')}`),
          calendarItem(`<t:Subject>No end</t:Subject><t:Start>2030-05-06T13:00:00Z</t:Start>`),
          '<t:Message><t:Subject>Mail</t:Subject></t:Message>',
        ),
        ALICE,
      );
      expect(codes(r)).toEqual(['NoError', 'ErrorRequiredPropertyMissing', 'ErrorInvalidItemForOperationCreateItem']);
      expect(
        alice()
          .items()
          .map((i) => i.subject),
      ).toContain('Kept');
      expect(alice().size).toBe(4);
    });

    it('refuses impossible recurrences, unknown properties and invalid values, storing nothing', async () => {
      const monthly =
        '<t:Recurrence><t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>0</t:DayOfMonth>' +
        '</t:AbsoluteMonthlyRecurrence><t:NoEndRecurrence><t:StartDate>2030-05-06Z</t:StartDate></t:NoEndRecurrence></t:Recurrence>';
      const slot = times('2030-05-06T12:00:00Z', '2030-05-06T12:30:00Z');
      const r = await ewsCall(
        mock,
        createItem(
          calendarItem(`<t:Subject>Monthly</t:Subject>${slot}${monthly}`),
          calendarItem(`${slot}<t:ConferenceType>1</t:ConferenceType>`),
        ),
        ALICE,
      );
      expect(codes(r)).toEqual(['ErrorCalendarInvalidRecurrence', 'ErrorInvalidPropertySet']);
      const badStatus = await ewsCall(
        mock,
        createItem(calendarItem(`${slot}<t:LegacyFreeBusyStatus>Maybe</t:LegacyFreeBusyStatus>`)),
        ALICE,
      );
      expect([badStatus.status, codes(badStatus)]).toEqual([500, ['ErrorSchemaValidation']]);
      expect(badStatus.body).toContain('LegacyFreeBusyStatus');
      expect(alice().size).toBe(3);
    });

    it('stores an all-day event and a daily series that ends on a date, expanded through that whole day', async () => {
      const daily =
        '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
        '<t:EndDateRecurrence><t:StartDate>2030-05-10Z</t:StartDate><t:EndDate>2030-05-12Z</t:EndDate></t:EndDateRecurrence></t:Recurrence>';
      const r = await ewsCall(
        mock,
        createItem(
          calendarItem(
            `<t:Subject>Holiday</t:Subject>${times('2030-05-09T00:00:00Z', '2030-05-10T00:00:00Z')}<t:IsAllDayEvent>true</t:IsAllDayEvent><t:LegacyFreeBusyStatus>OOF</t:LegacyFreeBusyStatus>`,
          ),
          calendarItem(
            `<t:Subject>Evening</t:Subject>${times('2030-05-10T20:00:00Z', '2030-05-10T20:30:00Z')}${daily}`,
          ),
        ),
        ALICE,
      );
      expect(codes(r)).toEqual(['NoError', 'NoError']);
      const view = alice()
        .view(Date.parse('2030-05-09T00:00:00Z'), Date.parse('2030-05-20T00:00:00Z'))
        .filter((e) => e.item.subject !== 'Stand-up');
      expect(
        view.map((e) => `${new Date(e.start).toISOString().slice(0, 16)} ${e.item.subject} ${e.item.allDay}`),
      ).toEqual([
        '2030-05-09T00:00 Holiday true',
        '2030-05-10T20:00 Evening false',
        '2030-05-11T20:00 Evening false',
        '2030-05-12T20:00 Evening false',
      ]);
    });
  });

  describe('UpdateItem', () => {
    it('clears Location with DeleteItemField and turns a single item into a series and back', async () => {
      const daily =
        '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2030-05-06Z</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>';
      const sync = weeklySync();
      const r = await ewsCall(
        mock,
        updateItem(sync, deleteField('calendar:Location') + setField('calendar:Recurrence', daily)),
        ALICE,
      );
      expect(codes(r)).toEqual(['NoError']);
      expect(sync.location).toBeUndefined();
      const days = alice()
        .view(Date.parse('2030-05-06T00:00:00Z'), Date.parse('2030-05-20T00:00:00Z'))
        .filter((e) => e.item === sync);
      expect(days.map((e) => e.type)).toEqual(['Occurrence', 'Occurrence', 'Occurrence']);
      await ewsCall(mock, updateItem(sync, deleteField('calendar:Recurrence')), ALICE);
      expect(sync.recurrence).toBeUndefined();
    });

    it('names what is wrong with a change and applies none of an ItemChange when one update fails', async () => {
      const sync = weeklySync();
      const rename = setField('item:Subject', '<t:Subject>Renamed</t:Subject>');
      const cases: [string, string][] = [
        [deleteField('calendar:Start'), 'ErrorInvalidPropertyDelete'],
        [setField('calendar:Location', '<t:Subject>Wrong</t:Subject>'), 'ErrorUpdatePropertyMismatch'],
        [
          setField('item:Subject', '<t:Subject>A</t:Subject><t:Location>B</t:Location>'),
          'ErrorIncorrectUpdatePropertyCount',
        ],
        [setField('calendar:ConferenceType', '<t:ConferenceType>1</t:ConferenceType>'), 'ErrorInvalidPropertySet'],
        [setField('calendar:End', '<t:End>2030-05-06T08:00:00Z</t:End>'), 'ErrorCalendarEndDateIsEarlierThanStartDate'],
      ];
      for (const [bad, code] of cases) {
        const r = await ewsCall(mock, updateItem(sync, rename + bad), ALICE);
        expect([r.status, codes(r)], bad).toEqual([200, [code]]);
      }
      expect(sync.subject).toBe('Weekly sync');
      expect(sync.end).toBe(Date.parse('2030-05-06T09:30:00Z'));
    });

    it('rejects a missing or unknown ConflictResolution as a schema fault', async () => {
      const sync = weeklySync();
      const bogus = await ewsCall(
        mock,
        updateItem(sync, setField('item:Subject', '<t:Subject>x</t:Subject>'), 'Sometimes'),
        ALICE,
      );
      expect([bogus.status, codes(bogus)]).toEqual([500, ['ErrorSchemaValidation']]);
      expect(bogus.body).toContain('UpdateItem@ConflictResolution');
      const missing = await ewsCall(
        mock,
        updateItem(sync, setField('item:Subject', '<t:Subject>x</t:Subject>')).replace(
          ' ConflictResolution="AlwaysOverwrite"',
          '',
        ),
        ALICE,
      );
      expect([missing.status, codes(missing)]).toEqual([500, ['ErrorSchemaValidation']]);
      expect(sync.subject).toBe('Weekly sync');
    });
  });

  describe('DeleteItem', () => {
    it('answers per id and refuses an unknown DeleteType as a schema fault', async () => {
      const sync = weeklySync();
      const ids = `<m:ItemIds><t:ItemId Id="${sync.id}"/><t:ItemId Id=""/></m:ItemIds>`;
      const bogus = await ewsCall(mock, `<m:DeleteItem DeleteType="Shred">${ids}</m:DeleteItem>`, ALICE);
      expect([bogus.status, codes(bogus)]).toEqual([500, ['ErrorSchemaValidation']]);
      expect(alice().get(sync.id)).toBeDefined();
      const r = await ewsCall(
        mock,
        `<m:DeleteItem DeleteType="SoftDelete" SendMeetingCancellations="SendToAllAndSaveCopy">${ids}</m:DeleteItem>`,
        ALICE,
      );
      expect(codes(r)).toEqual(['NoError', 'ErrorInvalidIdEmpty']);
      expect(alice().get(sync.id)).toBeUndefined();
    });
  });
});
