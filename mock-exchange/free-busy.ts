import type { CalendarEntry, LegacyFreeBusyStatus } from './calendar.ts';

/** MergedFreeBusy digits (MS-OXWAVLS 2.2.4.x; WorkingElsewhere is 4 as in PidLidBusyStatus). */
export const MERGED_FREE_BUSY_DIGIT: Readonly<Record<LegacyFreeBusyStatus, string>> = {
  Free: '0',
  Tentative: '1',
  Busy: '2',
  OOF: '3',
  WorkingElsewhere: '4',
  // The merged string never carries "no data" (MS-OXWAVLS 4.3): such an item does not block time.
  NoData: '0',
};

/** Which status wins when several overlap one interval: OOF over Busy over Tentative over WorkingElsewhere. */
const PRECEDENCE: readonly LegacyFreeBusyStatus[] = ['NoData', 'Free', 'WorkingElsewhere', 'Tentative', 'Busy', 'OOF'];

/** The status of a slot: the strongest status among entries overlapping [from, to). */
export function slotStatus(entries: readonly CalendarEntry[], from: number, to: number): LegacyFreeBusyStatus {
  let best = 0;
  for (const e of entries) {
    if (e.start < to && e.end > from) best = Math.max(best, PRECEDENCE.indexOf(e.item.freeBusy));
  }
  return PRECEDENCE[best] ?? 'Free';
}

/**
 * The MergedFreeBusy string: one digit per interval from `from`, ceil((to - from) / interval) digits,
 * the last interval cut at `to`.
 */
export function mergedFreeBusy(
  entries: readonly CalendarEntry[],
  from: number,
  to: number,
  intervalMs: number,
): string {
  let out = '';
  for (let start = from; start < to; start += intervalMs) {
    out += MERGED_FREE_BUSY_DIGIT[slotStatus(entries, start, Math.min(start + intervalMs, to))];
  }
  return out;
}
