import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../ews/errors.ts';
import { parseXml } from '../../../../ews/soap-request.ts';
import { resolveTimeZone } from '../../../../ews/time-zones.ts';
import { ewsDuration } from '../../../../mock-exchange/operations/calendar-item-xml.ts';
import { calendarViewLimit } from '../../../../mock-exchange/operations/find-item.ts';
import {
  anchorSeries,
  ewsDate,
  parseRecurrence,
  recurrenceXml,
} from '../../../../mock-exchange/operations/recurrence-xml.ts';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const DAY = 86_400_000;
const recurrence = (inner: string) => parseXml(`<t:Recurrence xmlns:t="${T}">${inner}</t:Recurrence>`);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof EwsError ? `${err.level}:${err.code}` : String(err);
  }
  return 'no error';
};

describe('t:Recurrence as ews-javascript-api writes it', () => {
  it('reads a weekly pattern with a count; the offset on StartDate is honoured', async () => {
    const parsed = parseRecurrence(
      await recurrence(
        '<t:WeeklyRecurrence><t:Interval>2</t:Interval><t:DaysOfWeek>Wednesday Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-05-06+02:00</t:StartDate><t:NumberOfOccurrences>5</t:NumberOfOccurrences></t:NumberedRecurrence>',
      ),
      'CalendarItem/Recurrence',
    );
    expect(parsed).toEqual({
      rule: { pattern: 'weekly', interval: 2, daysOfWeek: ['Monday', 'Wednesday'], occurrences: 5, until: undefined },
      from: Date.UTC(2030, 4, 5, 22),
      localStart: false,
    });
  });

  it("a StartDate without an offset is a day of the series' own zone (read later, when the zone is known)", async () => {
    const parsed = parseRecurrence(
      await recurrence(
        '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2030-05-06</t:StartDate></t:NoEndRecurrence>',
      ),
      'R',
    );
    expect([parsed.from, parsed.localStart]).toEqual([Date.UTC(2030, 4, 6), true]);
  });

  it("writes a series date as the day in its zone with that zone's offset", () => {
    // 22:30Z on Sunday 5 May 2030 is 00:30 on Monday 6 May in Berlin (CEST, +02:00) and 08:30 in Sydney (+10:00).
    const t = Date.UTC(2030, 4, 5, 22, 30);
    expect(ewsDate(t)).toBe('2030-05-05Z');
    expect(ewsDate(t, resolveTimeZone('W. Europe Standard Time'))).toBe('2030-05-06+02:00');
    expect(ewsDate(t, resolveTimeZone('AUS Eastern Standard Time'))).toBe('2030-05-06+10:00');
    expect(ewsDate(Date.UTC(2030, 0, 15, 12), resolveTimeZone('Pacific Standard Time'))).toBe('2030-01-15-08:00');
  });

  it('reads EndDate as the whole of that day and day groups as their days', async () => {
    const parsed = parseRecurrence(
      await recurrence(
        '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Weekday</t:DaysOfWeek></t:WeeklyRecurrence>' +
          '<t:EndDateRecurrence><t:StartDate>2030-05-06Z</t:StartDate><t:EndDate>2030-05-20Z</t:EndDate></t:EndDateRecurrence>',
      ),
      'R',
    );
    expect(parsed.rule).toMatchObject({
      daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      until: Date.UTC(2030, 4, 21) - 1,
    });
  });

  it('reads monthly patterns; refuses a zero interval, a bad day name and a range ending before it starts', async () => {
    const daily = (interval: string) => `<t:DailyRecurrence><t:Interval>${interval}</t:Interval></t:DailyRecurrence>`;
    const noEnd = '<t:NoEndRecurrence><t:StartDate>2030-05-06</t:StartDate></t:NoEndRecurrence>';
    const monthly = await recurrence(
      `<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>6</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>${noEnd}`,
    );
    expect(parseRecurrence(monthly, 'R').rule).toEqual({ pattern: 'absoluteMonthly', interval: 1, dayOfMonth: 6 });
    const zero = await recurrence(`${daily('0')}${noEnd}`);
    expect(codeOf(() => parseRecurrence(zero, 'R'))).toBe('message:ErrorCalendarInvalidRecurrence');
    const badDay = await recurrence(
      `<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Funday</t:DaysOfWeek></t:WeeklyRecurrence>${noEnd}`,
    );
    expect(codeOf(() => parseRecurrence(badDay, 'R'))).toBe('fault:ErrorSchemaValidation');
    const backwards = await recurrence(
      `${daily('1')}<t:EndDateRecurrence><t:StartDate>2030-05-06</t:StartDate><t:EndDate>2030-05-01</t:EndDate></t:EndDateRecurrence>`,
    );
    expect(codeOf(() => parseRecurrence(backwards, 'R'))).toBe('message:ErrorCalendarInvalidRecurrence');
  });

  it('anchors a series at its first real occurrence, counting from there', async () => {
    const tuesday = Date.UTC(2030, 4, 7, 9);
    const parsed = parseRecurrence(
      await recurrence(
        '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-05-07Z</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence>',
      ),
      'R',
    );
    expect(anchorSeries(tuesday, tuesday + 3_600_000, parsed, 'R')).toEqual({
      start: Date.UTC(2030, 4, 13, 9),
      end: Date.UTC(2030, 4, 13, 10),
    });
    const noneLeft = { ...parsed, rule: { ...parsed.rule, until: tuesday + DAY } };
    expect(codeOf(() => anchorSeries(tuesday, tuesday + 1, noneLeft, 'R'))).toBe(
      'message:ErrorCalendarInvalidRecurrence',
    );
  });

  it('writes back the range that matches the stored series', () => {
    const start = Date.UTC(2030, 4, 3, 10);
    expect(recurrenceXml(start, { pattern: 'daily', interval: 1, occurrences: 10 })).toBe(
      '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2030-05-03Z</t:StartDate><t:NumberOfOccurrences>10</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
    );
    expect(recurrenceXml(start, { pattern: 'daily', interval: 1, until: Date.UTC(2030, 4, 21) - 1 })).toContain(
      '<t:EndDate>2030-05-20Z</t:EndDate>',
    );
  });
});

describe('small EWS value helpers', () => {
  it('formats durations as xs:duration', () => {
    expect(ewsDuration(30 * 60_000)).toBe('PT30M');
    expect(ewsDuration(DAY)).toBe('P1D');
    expect(ewsDuration(DAY + 90 * 60_000 + 5000)).toBe('P1DT1H30M5S');
    expect(ewsDuration(0)).toBe('PT0S');
  });

  it('puts the CalendarView limit two calendar years after StartDate (a leap day included)', () => {
    expect(calendarViewLimit(Date.UTC(2030, 4, 6))).toBe(Date.UTC(2032, 4, 6));
    expect(calendarViewLimit(Date.UTC(2031, 4, 6)) - Date.UTC(2031, 4, 6)).toBe(731 * DAY);
  });
});
