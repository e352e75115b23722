import { afterEach, describe, expect, it } from 'vitest';
import { spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

describe('calendar presence follows an occurrence moved on its own', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a daily 09:00Z meeting whose 7 May occurrence moved to 14:00Z is "In a meeting" at 14:00Z, not at 09:00Z', async () => {
    const org = presenceOrgConfig();
    const alice = org.mailboxes.find((m) => m.address === 'alice@example.test');
    if (!alice) throw new Error('presence org has no alice');
    alice.meetings = [
      {
        subject: 'Daily sync',
        start: '2030-05-06T09:00:00Z',
        end: '2030-05-06T09:30:00Z',
        freeBusy: 'Busy',
        recurrence: { pattern: 'daily', occurrences: 3 },
      },
    ];
    h = await PresenceLab.start({ org, start: Date.UTC(2030, 4, 6, 12, 0) });
    h.imp.presence.setClient('alice', 'available');
    const calendar = h.exchange.org.mailbox('alice@example.test')!.calendar;
    const series = calendar.items()[0]!;
    // The second occurrence (7 May 09:00Z) moves to 14:00-14:30Z, as an UpdateItem on its id does.
    const moved = calendar.modifyOccurrence(calendar.occurrenceId(series.id, Date.UTC(2030, 4, 7, 9, 0)), {
      start: Date.UTC(2030, 4, 7, 14, 0),
      end: Date.UTC(2030, 4, 7, 14, 30),
    });
    expect(moved?.start).toBe(Date.UTC(2030, 4, 7, 14, 0));
    const offset = spreadOffsetSeconds('alice', 50) * 1000;
    await h.advanceTo(Date.UTC(2030, 4, 7, 9, 0) + offset);
    expect(h.presence('alice').label, 'at the original 09:00Z').toBe('Available');
    await h.advanceTo(Date.UTC(2030, 4, 7, 14, 0) + offset);
    expect(h.presence('alice').label, 'at the moved 14:00Z').toBe('In a meeting');
    await h.advanceTo(Date.UTC(2030, 4, 7, 14, 30) + offset);
    expect(h.presence('alice').label).toBe('Available');
    await h.advanceTo(Date.UTC(2030, 4, 8, 9, 0) + offset);
    expect(h.presence('alice').label, 'the next day at 09:00Z').toBe('In a meeting');
  });
});
