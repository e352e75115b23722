import { beforeEach, describe, expect, it } from 'vitest';
import { Calendar, type CalendarChange } from '../../../mock-exchange/calendar.ts';
import { MailboxIds } from '../../../mock-exchange/ids/mailbox-ids.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 6 May 2030, 00:00 UTC: the view window is [FROM, TO), one day. */
const FROM = Date.UTC(2030, 4, 6);
const TO = FROM + DAY;

describe('Calendar.view overlap with [StartDate, EndDate)', () => {
  let cal: Calendar;
  let ids: MailboxIds;
  /** An occurrence's id names it by its original start (an ISO string here). */
  const occurrenceId = (seriesId: string, originalStart: string) =>
    ids.occurrenceId(seriesId, Date.parse(originalStart));
  let changes: CalendarChange[];
  beforeEach(() => {
    ids = new MailboxIds('calendar-view', 'alice@example.test');
    cal = new Calendar(ids.calendarIds(3), () => FROM);
    changes = [];
    cal.on('change', (c) => changes.push(c));
  });
  const subjects = (from = FROM, to = TO) => cal.view(from, to).map((e) => e.item.subject);

  it('excludes an item ending exactly at StartDate and one starting exactly at EndDate', () => {
    cal.create({ subject: 'ends at start', start: FROM - HOUR, end: FROM });
    cal.create({ subject: 'starts at end', start: TO, end: TO + HOUR });
    cal.create({ subject: 'inside', start: FROM + HOUR, end: FROM + 2 * HOUR });
    expect(subjects()).toEqual(['inside']);
  });

  it('includes items that straddle either edge or span the whole window', () => {
    cal.create({ subject: 'straddles start', start: FROM - HOUR, end: FROM + 1 });
    cal.create({ subject: 'straddles end', start: TO - 1, end: TO + HOUR });
    cal.create({ subject: 'spans', start: FROM - DAY, end: TO + DAY });
    expect(subjects().sort()).toEqual(['spans', 'straddles end', 'straddles start']);
  });

  it('includes a zero-length item at StartDate but not one at EndDate', () => {
    cal.create({ subject: 'zero at start', start: FROM, end: FROM });
    cal.create({ subject: 'zero at end', start: TO, end: TO });
    expect(subjects()).toEqual(['zero at start']);
  });

  it('orders entries by start, then end', () => {
    cal.create({ subject: 'late', start: FROM + 5 * HOUR, end: FROM + 6 * HOUR });
    cal.create({ subject: 'early long', start: FROM + HOUR, end: FROM + 3 * HOUR });
    cal.create({ subject: 'early short', start: FROM + HOUR, end: FROM + 2 * HOUR });
    expect(subjects()).toEqual(['early short', 'early long', 'late']);
  });

  it('expands a daily series into occurrences with stable occurrence ids, only those in the window', () => {
    const series = cal.create({
      subject: 'daily',
      start: FROM - 2 * DAY + 9 * HOUR,
      end: FROM - 2 * DAY + 10 * HOUR,
      recurrence: { pattern: 'daily', interval: 1, occurrences: 10 },
    });
    const entries = cal.view(FROM, FROM + 2 * DAY);
    expect(entries.map((e) => [e.id, e.type, e.occurrenceIndex, new Date(e.start).toISOString()])).toEqual([
      [occurrenceId(series.id, '2030-05-06T09:00Z'), 'Occurrence', 2, '2030-05-06T09:00:00.000Z'],
      [occurrenceId(series.id, '2030-05-07T09:00Z'), 'Occurrence', 3, '2030-05-07T09:00:00.000Z'],
    ]);
    expect(cal.occurrence(series.id, 3)?.id).toBe(occurrenceId(series.id, '2030-05-07T09:00Z'));
    expect(cal.entry(occurrenceId(series.id, '2030-05-07T09:00Z'))?.start).toBe(FROM + DAY + 9 * HOUR);
    // The series' 11th day (past its 10 occurrences), and a time of day it never starts at.
    expect(cal.entry(occurrenceId(series.id, '2030-05-14T09:00Z'))).toBeUndefined();
    expect(cal.entry(occurrenceId(series.id, '2030-05-07T09:30Z'))).toBeUndefined();
    expect(cal.occurrence(series.id, 10)).toBeUndefined();
  });

  it('an occurrence ending exactly at StartDate is excluded like a single item', () => {
    cal.create({
      subject: 'daily',
      start: FROM - DAY - HOUR,
      end: FROM - DAY,
      recurrence: { pattern: 'daily', interval: 1, occurrences: 3 },
    });
    // Occurrence 1 runs 23:00 -> 00:00, ending exactly at StartDate; occurrence 2 starts at 23:00 inside the window.
    expect(cal.view(FROM, TO).map((e) => e.occurrenceIndex)).toEqual([2]);
  });

  it('deleting one occurrence hides it from views and lookups and reports the series as modified', () => {
    const series = cal.create({
      subject: 'daily',
      start: FROM + 9 * HOUR,
      end: FROM + 10 * HOUR,
      recurrence: { pattern: 'daily', interval: 1, occurrences: 3 },
    });
    const before = series.changeKey;
    expect(cal.deleteOccurrence(occurrenceId(series.id, '2030-05-07T09:00Z'))).toBe(true);
    expect(cal.view(FROM, FROM + 5 * DAY).map((e) => e.occurrenceIndex)).toEqual([0, 2]);
    expect(cal.entry(occurrenceId(series.id, '2030-05-07T09:00Z'))).toBeUndefined();
    expect(cal.occurrence(series.id, 1)).toBeUndefined();
    expect(series.changeKey).not.toBe(before);
    expect(changes.at(-1)).toEqual({ kind: 'modified', itemId: series.id });
    expect(cal.deleteOccurrence(series.id)).toBe(false);
  });

  it('a new recurrence pattern or series start forgets deleted occurrences', () => {
    const series = cal.create({
      subject: 'daily',
      start: FROM + 9 * HOUR,
      end: FROM + 10 * HOUR,
      recurrence: { pattern: 'daily', interval: 1, occurrences: 3 },
    });
    cal.deleteOccurrence(occurrenceId(series.id, '2030-05-07T09:00Z'));
    cal.update(series.id, { subject: 'renamed' });
    expect(series.deletedOccurrences).toEqual([1]);
    cal.update(series.id, { start: FROM + 8 * HOUR });
    expect(series.deletedOccurrences).toBeUndefined();
    expect(cal.view(FROM, FROM + 5 * DAY)).toHaveLength(3);
  });

  it('update can clear optional fields and emits one modified event with a new ChangeKey', () => {
    const item = cal.create({
      subject: 's',
      start: FROM,
      end: FROM + HOUR,
      location: 'Room 1',
      body: 'b',
      bodyType: 'HTML',
    });
    const key = item.changeKey;
    cal.update(item.id, { subject: 't' }, ['location', 'body']);
    expect(item).toMatchObject({ subject: 't', location: undefined, body: undefined, bodyType: undefined });
    expect(item.changeKey).not.toBe(key);
    expect(changes).toEqual([
      { kind: 'created', itemId: item.id },
      { kind: 'modified', itemId: item.id },
    ]);
  });
});
