import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

/** GetUserAvailability asking only for suggestions on Monday 6 May 2030 (UTC), Alice organizing, Bob required. */
function request(options: string, bobType = 'Required'): string {
  const mailbox = (address: string, type: string) =>
    `<m:MailboxData><m:Email><t:Address>${address}</t:Address></m:Email><m:AttendeeType>${type}</m:AttendeeType></m:MailboxData>`;
  return soapEnvelope(
    '<m:GetUserAvailabilityRequest>' +
      `<m:MailboxDataArray>${mailbox('alice@example.test', 'Organizer')}${mailbox('bob@example.test', bobType)}</m:MailboxDataArray>` +
      `<t:SuggestionsViewOptions>${options}<t:DetailedSuggestionsWindow><t:StartTime>2030-05-06T00:00:00</t:StartTime>` +
      '<t:EndTime>2030-05-07T00:00:00</t:EndTime></t:DetailedSuggestionsWindow></t:SuggestionsViewOptions>' +
      '</m:GetUserAvailabilityRequest>',
    { timeZoneId: 'UTC' },
  );
}

interface Suggested {
  time: string;
  quality: string;
  busy: string[];
}

async function suggestions(mock: MockExchange, body: string): Promise<{ day: string; list: Suggested[] }> {
  const res = await postEws(mock, body);
  expect(res.status).toBe(200);
  const root = await parseXml(res.body);
  const response = root.at('Body', 'GetUserAvailabilityResponse', 'SuggestionsResponse');
  expect(response?.textAt('ResponseMessage', 'ResponseCode')).toBe('NoError');
  const day = response?.at('SuggestionDayResultArray', 'SuggestionDayResult');
  return {
    day: day?.textAt('DayQuality') ?? '',
    list: (day?.child('SuggestionArray')?.children ?? []).map((s) => ({
      time: (s.textAt('MeetingTime') ?? '').slice(11, 16),
      quality: s.textAt('SuggestionQuality') ?? '',
      busy: (s.child('AttendeeConflictDataArray')?.children ?? []).map((c) => c.textAt('BusyType') ?? '?'),
    })),
  };
}

describe('GetUserAvailability meeting suggestions', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock.stop();
  });

  // Alice: Weekly sync 09:00-09:30 Busy, Stand-up daily 10:00-10:15; Bob: Tentative thing 13:00-14:00.
  it('offers the working-day half hours where both are free as Excellent, and leaves out the Poor ones', async () => {
    const { day, list } = await suggestions(
      mock,
      request('<t:MeetingDurationInMinutes>60</t:MeetingDurationInMinutes>'),
    );
    expect(day).toBe('Excellent');
    expect(list.map((s) => s.time)).toEqual([
      '08:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ]);
    expect(list.every((s) => s.quality === 'Excellent' && s.busy.join() === 'Free,Free')).toBe(true);
  });

  it('grades a half-busy slot Poor, shown only when Poor is the minimum, with each attendee conflict', async () => {
    const { list } = await suggestions(
      mock,
      request(
        '<t:MaximumResultsByDay>48</t:MaximumResultsByDay><t:MeetingDurationInMinutes>30</t:MeetingDurationInMinutes>' +
          '<t:MinimumSuggestionQuality>Poor</t:MinimumSuggestionQuality>',
      ),
    );
    expect(list.find((s) => s.time === '09:00')).toEqual({ time: '09:00', quality: 'Poor', busy: ['Busy', 'Free'] });
    expect(list.find((s) => s.time === '13:00')).toEqual({
      time: '13:00',
      quality: 'Poor',
      busy: ['Free', 'Tentative'],
    });
    expect(list).toHaveLength(18);
  });

  it('ignores an optional attendee in the grade', async () => {
    const { list } = await suggestions(
      mock,
      request('<t:MinimumSuggestionQuality>Excellent</t:MinimumSuggestionQuality>', 'Optional'),
    );
    expect(list.find((s) => s.time === '13:00')).toEqual({
      time: '13:00',
      quality: 'Excellent',
      busy: ['Free', 'Tentative'],
    });
  });

  it('answers bad options in the suggestions ResponseMessage alone', async () => {
    const res = await postEws(mock, request('<t:MeetingDurationInMinutes>5</t:MeetingDurationInMinutes>'));
    expect(res.body).toContain('MeetingDurationInMinutes &quot;5&quot; must be an integer from 30 to 1440.');
    expect(res.body).toContain('>ErrorInvalidRequest</m:ResponseCode>');
  });
});
