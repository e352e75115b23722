import {
  AttendeeInfo,
  AvailabilityData,
  AvailabilityOptions,
  type CalendarEvent,
  DateTime,
  DateTimeKind,
  ExchangeService,
  ExchangeVersion,
  FreeBusyViewType,
  LegacyFreeBusyStatus,
  ServiceError,
  ServiceResult,
  TimeWindow,
  TimeZoneInfo,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

/**
 * ews-javascript-api scoped to UTC. Its default zone is the host's, and it truncates TimeWindow to the
 * date of each bound, so a UTC service and UTC bounds keep these tests independent of the host TZ.
 */
function utcClient(mock: MockExchange, impersonate = 'alice@example.test'): ExchangeService {
  const base = ewsClient(mock, { impersonate });
  const svc = new ExchangeService(ExchangeVersion.Exchange2013, TimeZoneInfo.Utc);
  svc.Url = base.Url;
  svc.Credentials = base.Credentials;
  svc.ImpersonatedUserId = base.ImpersonatedUserId;
  svc.XHRApi = base.XHRApi;
  return svc;
}

/** Whole UTC days: ews-javascript-api sends only the dates of the bounds, formatted in the DateTime's own kind. */
const days = (from: string, to: string) =>
  new TimeWindow(DateTime.Parse(from, DateTimeKind.Utc), DateTime.Parse(to, DateTimeKind.Utc));
const attendees = (...addresses: string[]) => addresses.map((a) => new AttendeeInfo(a));
const events = (list: CalendarEvent[]) =>
  list.map((e) => [e.StartTime.ToISOString(), e.EndTime.ToISOString(), LegacyFreeBusyStatus[e.FreeBusyStatus]]);

function options(view: FreeBusyViewType, interval?: number): AvailabilityOptions {
  const o = new AvailabilityOptions();
  o.RequestedFreeBusyView = view;
  if (interval !== undefined) o.MergedFreeBusyInterval = interval;
  return o;
}

function availabilityRequest(addresses: string[], start: string, end: string, view: string, interval = 30): string {
  const mailboxes = addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>`,
    )
    .join('');
  return (
    `<m:GetUserAvailabilityRequest><m:MailboxDataArray>${mailboxes}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>${interval}</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView>` +
    '</t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>'
  );
}

describe('GetUserAvailability through ews-javascript-api', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('answers one FreeBusyResponse per attendee in order; an unknown one fails alone', async () => {
    const result = await utcClient(mock).GetUserAvailability(
      attendees('alice@example.test', 'ghost@example.test', 'bob@example.test', 'carol@example.test'),
      days('2030-05-06', '2030-05-08'),
      AvailabilityData.FreeBusy,
      // ews-javascript-api asks for the Detailed view unless told otherwise.
      options(FreeBusyViewType.FreeBusy),
    );
    const [alice, ghost, bob, carol, extra] = result.AttendeesAvailability.Responses;
    expect(extra).toBeUndefined();
    expect(ghost?.Result).toBe(ServiceResult.Error);
    expect(ghost?.ErrorCode).toBe(ServiceError.ErrorMailRecipientNotFound);
    expect(ghost?.ErrorMessage).toContain('ghost@example.test');
    expect(alice?.Result).toBe(ServiceResult.Success);
    // The daily stand-up series is expanded into its occurrences; the all-day offsite is OOF.
    expect(events(alice?.CalendarEvents ?? [])).toEqual([
      ['2030-05-06T09:00:00.000Z', '2030-05-06T09:30:00.000Z', 'Busy'],
      ['2030-05-06T10:00:00.000Z', '2030-05-06T10:15:00.000Z', 'Busy'],
      ['2030-05-07T00:00:00.000Z', '2030-05-08T00:00:00.000Z', 'OOF'],
      ['2030-05-07T10:00:00.000Z', '2030-05-07T10:15:00.000Z', 'Busy'],
    ]);
    expect(alice?.CalendarEvents.map((e) => e.Details ?? null)).toEqual([null, null, null, null]);
    expect(events(bob?.CalendarEvents ?? [])).toEqual([
      ['2030-05-06T13:00:00.000Z', '2030-05-06T14:00:00.000Z', 'Tentative'],
    ]);
    // Carol is homed on ex2; ex1 answers for her as a CAS does.
    expect(events(carol?.CalendarEvents ?? [])).toEqual([
      ['2030-05-06T11:00:00.000Z', '2030-05-06T12:00:00.000Z', 'Busy'],
    ]);
    expect(alice?.WorkingHours?.DaysOfTheWeek).toHaveLength(5);
  });

  it('Detailed view carries subject, location, meeting and recurrence flags', async () => {
    const result = await utcClient(mock).GetUserAvailability(
      attendees('alice@example.test'),
      days('2030-05-06', '2030-05-07'),
      AvailabilityData.FreeBusy,
      options(FreeBusyViewType.Detailed),
    );
    const alice = result.AttendeesAvailability.Responses[0];
    expect(alice?.ViewType).toBe(FreeBusyViewType.Detailed);
    const details = alice?.CalendarEvents.map((e) => ({
      subject: e.Details.Subject,
      location: e.Details.Location,
      isMeeting: e.Details.IsMeeting,
      isRecurring: e.Details.IsRecurring,
    }));
    expect(details).toEqual([
      { subject: 'Weekly sync', location: 'Room 1', isMeeting: true, isRecurring: false },
      { subject: 'Stand-up', location: null, isMeeting: false, isRecurring: true },
    ]);
  });

  it('FreeBusyMerged gives one digit per interval; OOF outranks an overlapping Busy', async () => {
    const result = await utcClient(mock).GetUserAvailability(
      attendees('alice@example.test', 'bob@example.test'),
      days('2030-05-06', '2030-05-08'),
      AvailabilityData.FreeBusy,
      options(FreeBusyViewType.FreeBusyMerged, 60),
    );
    const [alice, bob] = result.AttendeesAvailability.Responses;
    expect(alice?.ViewType).toBe(FreeBusyViewType.FreeBusyMerged);
    expect(alice?.MergedFreeBusyStatus.join('')).toBe(`${'000000000220000000000000'}${'3'.repeat(24)}`);
    expect(bob?.MergedFreeBusyStatus.join('')).toBe(`${'000000000000010000000000'}${'0'.repeat(24)}`);
    expect(alice?.CalendarEvents).toHaveLength(4);
  });

  it('reads TimeWindow and writes event times as wall clock in the TimeZoneContext zone', async () => {
    const send = (zone: string) =>
      postEws(
        mock,
        soapEnvelope(
          availabilityRequest(['bob@example.test'], '2030-05-06T00:00:00', '2030-05-07T00:00:00', 'MergedOnly', 60),
          { timeZoneId: zone },
        ),
      );
    const cest = await send('W. Europe Standard Time');
    expect(cest.status).toBe(200);
    // Bob's 13:00-14:00 UTC meeting is 15:00-16:00 in Berlin (CEST); the window starts at 22:00 UTC the day before.
    const view = (await parseXml(cest.body)).at('Body', 'GetUserAvailabilityResponse', 'FreeBusyResponseArray');
    expect(view?.textAt('FreeBusyResponse', 'FreeBusyView', 'MergedFreeBusy')).toBe('000000000000000100000000');
    expect(view?.at('FreeBusyResponse', 'FreeBusyView', 'CalendarEventArray')).toBeUndefined();

    const detailed = await postEws(
      mock,
      soapEnvelope(
        availabilityRequest(['bob@example.test'], '2030-05-06T00:00:00', '2030-05-07T00:00:00', 'FreeBusy'),
        { timeZoneId: 'W. Europe Standard Time' },
      ),
    );
    expect(detailed.body).toContain('<t:StartTime>2030-05-06T15:00:00</t:StartTime>');

    const unknown = await send('Mars Standard Time');
    expect(unknown.status).toBe(200);
    // An unknown zone is read as UTC, and the journal says so.
    expect(unknown.body).toContain('<t:MergedFreeBusy>000000000000010000000000</t:MergedFreeBusy>');
    expect(mock.journal.entries({ level: 'warn' }).map((e) => e.message)).toContain(
      'unknown time zone "Mars Standard Time", using UTC',
    );
    const gmt = await send('Greenwich Standard Time');
    expect(gmt.body).toContain('<t:MergedFreeBusy>000000000000010000000000</t:MergedFreeBusy>');
  });

  it('rejects a bad window or interval with a SOAP fault, since the response has no ResponseMessages', async () => {
    const reversed = await postEws(
      mock,
      soapEnvelope(availabilityRequest(['bob@example.test'], '2030-05-07T00:00:00', '2030-05-06T00:00:00', 'FreeBusy')),
    );
    expect(reversed.status).toBe(500);
    expect(reversed.body).toContain(
      '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorInvalidTimeInterval</e:ResponseCode>',
    );
    const tooBig = await postEws(
      mock,
      soapEnvelope(availabilityRequest(['bob@example.test'], '2030-05-01T00:00:00', '2030-07-03T00:00:00', 'FreeBusy')),
    );
    expect(tooBig.status).toBe(500);
    expect(tooBig.body).toContain('>ErrorTimeIntervalTooBig<');
    const interval = await postEws(
      mock,
      soapEnvelope(
        availabilityRequest(['bob@example.test'], '2030-05-06T00:00:00', '2030-05-07T00:00:00', 'FreeBusy', 2),
      ),
    );
    expect(interval.status).toBe(500);
    expect(interval.body).toContain('>ErrorInvalidMergedFreeBusyInterval<');
    const badDate = await postEws(
      mock,
      soapEnvelope(availabilityRequest(['bob@example.test'], 'tomorrow', '2030-05-07T00:00:00', 'FreeBusy')),
    );
    expect(badDate.status).toBe(500);
    expect(badDate.body).toContain('TimeWindow/StartTime');
    expect(badDate.body).toContain('>ErrorSchemaValidation<');
  });
});
