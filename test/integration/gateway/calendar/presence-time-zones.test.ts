import { afterEach, describe, expect, it } from 'vitest';
import { spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

describe('calendar presence follows the series’ own time zone across a daylight-saving change', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a daily 09:00 Berlin meeting is published at 07:00Z before the change on 27 October 2030 and 08:00Z after', async () => {
    const org = presenceOrgConfig();
    const alice = org.mailboxes.find((m) => m.address === 'alice@example.test');
    if (!alice) throw new Error('presence org has no alice');
    alice.timeZone = 'W. Europe Standard Time';
    // Times without an offset are the mailbox's wall clock: 09:00 Berlin on both days.
    alice.meetings = [
      {
        subject: 'Morning sync',
        start: '2030-10-26T09:00:00',
        end: '2030-10-26T09:30:00',
        freeBusy: 'Busy',
        recurrence: { pattern: 'daily', occurrences: 2 },
      },
    ];
    h = await PresenceLab.start({ org, start: Date.UTC(2030, 9, 26, 5, 0) });
    h.imp.presence.setClient('alice', 'available');
    const offset = spreadOffsetSeconds('alice', 50) * 1000;
    // Fixed instants: CEST (UTC+2) on Saturday 26 October, CET (UTC+1) from Sunday 27 October 03:00.
    const starts = [Date.UTC(2030, 9, 26, 7, 0), Date.UTC(2030, 9, 27, 8, 0)];
    for (const start of starts) {
      await h.advanceTo(start + offset - 1);
      expect(h.presence('alice').label, `1 ms before ${new Date(start).toISOString()}`).toBe('Available');
      await h.advanceTo(start + offset);
      expect(h.presence('alice').label, `at ${new Date(start).toISOString()}`).toBe('In a meeting');
      await h.advanceTo(start + 30 * 60_000 + offset);
      expect(h.presence('alice').label).toBe('Available');
    }
    expect(
      h
        .changesOf('alice')
        .filter((c) => c.presence.label === 'In a meeting')
        .map((c) => c.at),
    ).toEqual(starts.map((s) => s + offset));
  });
});
