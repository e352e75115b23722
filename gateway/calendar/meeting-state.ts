import type { CalendarBlock, FreeBusy } from '../ews-client/ews-requests.ts';

/** What the calendar says about a user right now. */
export type CalendarState = 'free' | 'busy' | 'oof';

const STRENGTH: Record<FreeBusy, number> = { Free: 0, NoData: 0, WorkingElsewhere: 0, Tentative: 0, Busy: 1, OOF: 2 };

/** Free/Tentative -> free, Busy -> busy, OOF -> oof; overlapping blocks: the strongest wins. */
export function calendarStateAt(blocks: readonly CalendarBlock[], t: number): CalendarState {
  let best = 0;
  for (const b of blocks) if (b.start <= t && t < b.end) best = Math.max(best, STRENGTH[b.freeBusy] ?? 0);
  return best === 2 ? 'oof' : best === 1 ? 'busy' : 'free';
}

/** The next instant after t at which any block starts or ends, if any. */
export function nextBoundary(blocks: readonly CalendarBlock[], t: number): number | undefined {
  let next: number | undefined;
  for (const b of blocks) {
    for (const edge of [b.start, b.end]) if (edge > t && (next === undefined || edge < next)) next = edge;
  }
  return next;
}
