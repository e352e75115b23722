import { EwsError } from '../../ews/errors.ts';
import type { CalendarItem } from '../calendar.ts';
import type { CalendarPatch } from './calendar-item-fields.ts';
import { anchorSeries } from './recurrence-xml.ts';

/**
 * Check the Start and End a created or updated item ends up with, and anchor a new or moved series at its
 * first occurrence. Writes the final Start/End into the patch; throws the EWS error Exchange answers.
 */
export function settleSchedule(patch: CalendarPatch, current: CalendarItem | undefined, where: string): void {
  const start = patch.values.start ?? current?.start;
  const end = patch.values.end ?? current?.end;
  const missing = start === undefined ? 'Start' : end === undefined ? 'End' : undefined;
  if (start === undefined || end === undefined) {
    throw new EwsError('ErrorRequiredPropertyMissing', { message: `${where}: a calendar item needs ${missing}.` });
  }
  if (end < start) {
    throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate', {
      message: `${where}: End ${new Date(end).toISOString()} is earlier than Start ${new Date(start).toISOString()}.`,
    });
  }
  const rule = patch.clear.includes('recurrence') ? undefined : (patch.values.recurrence ?? current?.recurrence);
  if (!rule || (patch.recurrence === undefined && patch.values.start === undefined)) return;
  // The rule with the series' zone (resolveTimes put it on patch.values), so anchoring steps local days.
  const parsed = patch.recurrence ? { ...patch.recurrence, rule } : { rule, from: start };
  const anchored = anchorSeries(start, end, parsed, where);
  patch.values.start = anchored.start;
  patch.values.end = anchored.end;
}
