import { describe, expect, it } from 'vitest';
import type { RecurrenceConfig } from '../../../mock-exchange/meeting-recurrence-config.ts';
import type { MeetingConfig, OrgConfig } from '../../../mock-exchange/org-config.ts';
import { Organization } from '../../../mock-exchange/organization.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { IdGenerator } from '../../../sim/ids.ts';

/** One mailbox holding one meeting, in `timeZone`. */
function orgWith(meeting: MeetingConfig, timeZone = 'UTC'): OrgConfig {
  return {
    domain: 'example.test',
    servers: [{ name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.40.1', port: 0 }],
    accounts: [],
    mailboxes: [{ address: 'pat@example.test', server: 'ex1', timeZone, meetings: [meeting] }],
  };
}
function starts(meeting: MeetingConfig, timeZone?: string): string[] {
  const org = new Organization(orgWith(meeting, timeZone), new VirtualClock(), new IdGenerator('recurrence'));
  const calendar = org.mailbox('pat@example.test')!.calendar;
  return calendar.view(Date.UTC(2028, 0, 1), Date.UTC(2033, 0, 1)).map((e) => new Date(e.start).toISOString());
}
const hour = { subject: 'Series', start: '2030-01-31T09:00:00Z', end: '2030-01-31T10:00:00Z' };

describe('monthly and yearly recurrence in the organization file', () => {
  it('absoluteMonthly on the 31st falls on the last day of shorter months', () => {
    const r: RecurrenceConfig = { pattern: 'absoluteMonthly', dayOfMonth: 31, occurrences: 4 };
    expect(starts({ ...hour, recurrence: r })).toEqual([
      '2030-01-31T09:00:00.000Z',
      '2030-02-28T09:00:00.000Z',
      '2030-03-31T09:00:00.000Z',
      '2030-04-30T09:00:00.000Z',
    ]);
  });

  it('relativeMonthly: the second Tuesday, and the last Friday at 09:00 Berlin across the March change', () => {
    const second: RecurrenceConfig = {
      pattern: 'relativeMonthly',
      daysOfWeek: ['Tuesday'],
      index: 'Second',
      occurrences: 3,
    };
    expect(
      starts({ subject: 'Board', start: '2030-05-14T15:00:00Z', end: '2030-05-14T16:00:00Z', recurrence: second }),
    ).toEqual(['2030-05-14T15:00:00.000Z', '2030-06-11T15:00:00.000Z', '2030-07-09T15:00:00.000Z']);
    const last: RecurrenceConfig = {
      pattern: 'relativeMonthly',
      daysOfWeek: ['Friday'],
      index: 'Last',
      occurrences: 3,
    };
    // Wall clock in the mailbox's zone: 09:00 CET is 08:00Z; after 31 March 2030, 09:00 CEST is 07:00Z.
    const berlin = { subject: 'Review', start: '2030-03-29T09:00:00', end: '2030-03-29T10:00:00', recurrence: last };
    expect(starts(berlin, 'W. Europe Standard Time')).toEqual([
      '2030-03-29T08:00:00.000Z',
      '2030-04-26T07:00:00.000Z',
      '2030-05-31T07:00:00.000Z',
    ]);
  });

  it('absoluteYearly on 29 February by month name, relativeYearly on the first Monday of September', () => {
    const leap: RecurrenceConfig = { pattern: 'absoluteYearly', month: 'February', dayOfMonth: 29, occurrences: 3 };
    expect(
      starts({ subject: 'Leap', start: '2028-02-29T12:00:00Z', end: '2028-02-29T13:00:00Z', recurrence: leap }),
    ).toEqual(['2028-02-29T12:00:00.000Z', '2029-02-28T12:00:00.000Z', '2030-02-28T12:00:00.000Z']);
    const labor: RecurrenceConfig = {
      pattern: 'relativeYearly',
      month: 9,
      daysOfWeek: ['Monday'],
      index: 'First',
      occurrences: 3,
    };
    expect(
      starts({ subject: 'Picnic', start: '2030-09-02T11:00:00Z', end: '2030-09-02T15:00:00Z', recurrence: labor }),
    ).toEqual(['2030-09-02T11:00:00.000Z', '2031-09-01T11:00:00.000Z', '2032-09-06T11:00:00.000Z']);
  });

  it('bad input is refused naming the field', () => {
    const at = 'mailboxes[0].meetings[0].recurrence';
    const cases: [Record<string, unknown>, string][] = [
      [{ pattern: 'fortnightly' }, `${at}.pattern`],
      [{ pattern: 'absoluteMonthly', dayOfMonth: 32 }, `${at}.dayOfMonth`],
      [{ pattern: 'absoluteMonthly' }, `${at}.dayOfMonth`],
      [{ pattern: 'relativeMonthly', daysOfWeek: ['Funday'], index: 'First' }, `${at}.daysOfWeek[0]`],
      [{ pattern: 'relativeMonthly', daysOfWeek: ['Monday'], index: 'Fifth' }, `${at}.index`],
      [{ pattern: 'absoluteYearly', month: 'Smarch', dayOfMonth: 1 }, `${at}.month`],
      [{ pattern: 'absoluteYearly', month: 13, dayOfMonth: 1 }, `${at}.month`],
      [{ pattern: 'relativeYearly', month: 1, daysOfWeek: ['Monday'], index: 'First', interval: 2 }, `${at}.interval`],
      [{ pattern: 'daily', interval: 0 }, `${at}.interval`],
      [{ pattern: 'daily', occurrences: -1 }, `${at}.occurrences`],
    ];
    for (const [recurrence, field] of cases) {
      const config = orgWith({ ...hour, recurrence } as unknown as MeetingConfig);
      expect(
        () => new Organization(config, new VirtualClock(), new IdGenerator('bad')),
        JSON.stringify(recurrence),
      ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', field }));
    }
  });
});
