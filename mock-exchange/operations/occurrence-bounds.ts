import { EwsError } from '../../ews/errors.ts';
import { type EwsTimeZone, resolveTimeZone } from '../../ews/time-zones.ts';
import type { CalendarEntry, CalendarItem } from '../calendar.ts';
import type { Mailbox } from '../organization.ts';
import { occurrenceStarts } from '../recurrence.ts';

const DAY_MS = 86_400_000;

/** The local calendar day (days since 1970-01-01 of the wall clock) an instant falls on in `zone`. */
function localDay(t: number, zone: EwsTimeZone): number {
  return Math.floor((t + zone.offsetAt(t)) / DAY_MS);
}

interface Slot {
  start: number;
  end: number;
}

/** Where occurrences `from`..`to` of a series stand now: moved exceptions where moved, the others where the pattern puts them. */
function slots(item: CalendarItem, from: number, to: number): Map<number, Slot> {
  const out = new Map<number, Slot>();
  const rule = item.recurrence;
  if (!rule) return out;
  const duration = item.end - item.start;
  let index = 0;
  for (const start of occurrenceStarts(item.start, rule, Number.POSITIVE_INFINITY)) {
    if (index > to) break;
    if (index >= from) {
      const moved = item.modifiedOccurrences?.find((m) => m.index === index);
      out.set(index, moved ? { start: moved.start, end: moved.end } : { start, end: start + duration });
    }
    index++;
  }
  return out;
}

/**
 * Outlook's rule for an exception, which Exchange enforces: "an occurrence cannot be moved to or before the day of
 * the previous occurrence, and cannot be moved to or after the day of the following occurrence"
 * (ErrorOccurrenceCrossingBoundary), days counted in the series' zone. Kept within its days, an occurrence whose time
 * still overlaps a neighbour's is ErrorOccurrenceTimeSpanTooBig ("the time allotment for a given occurrence overlaps
 * with another occurrence of the same calendar item"). Deleted neighbours bound it too: the rule is about days.
 */
export function checkOccurrenceMove(
  entry: CalendarEntry,
  mailbox: Mailbox,
  start: number,
  end: number,
  where: string,
): void {
  const index = entry.occurrenceIndex;
  if (index === undefined) return;
  const item = entry.item;
  const zone = resolveTimeZone(item.recurrence?.timeZone ?? item.startTimeZone ?? mailbox.timeZone);
  const around = slots(item, index - 1, index + 1);
  const previous = around.get(index - 1);
  const next = around.get(index + 1);
  const day = localDay(start, zone);
  const iso = (t: number) => new Date(t).toISOString();
  const crossed =
    previous && day <= localDay(previous.start, zone)
      ? { which: 'previous', slot: previous }
      : next && day >= localDay(next.start, zone)
        ? { which: 'next', slot: next }
        : undefined;
  if (crossed) {
    throw new EwsError('ErrorOccurrenceCrossingBoundary', {
      message: `${where}: Modified occurrence is crossing or overlapping adjacent occurrence: the new start ${iso(start)} is not on a day between the previous and the next occurrence (the ${crossed.which} starts ${iso(crossed.slot.start)}).`,
    });
  }
  if ((previous && start < previous.end) || (next && end > next.start)) {
    throw new EwsError('ErrorOccurrenceTimeSpanTooBig', {
      message: `${where}: the occurrence (${iso(start)} to ${iso(end)}) would overlap the ${previous && start < previous.end ? 'previous' : 'next'} occurrence of its series.`,
    });
  }
}
