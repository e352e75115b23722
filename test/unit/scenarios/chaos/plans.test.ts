import { describe, expect, it } from 'vitest';
import { CLOSING_MEETING, planCalendars } from '../../../../scenarios/chaos/calendar-plan.ts';
import { CHAOS_FAULT_KINDS } from '../../../../scenarios/chaos/chaos-faults.ts';
import { planFaults } from '../../../../scenarios/chaos/fault-plan.ts';

const MIN = 60_000;
const FROM = Date.UTC(2030, 4, 6, 6, 30);
const TO = Date.UTC(2030, 4, 7, 3, 23);
const input = { seed: 's', kinds: CHAOS_FAULT_KINDS, count: 50, servers: ['ex1', 'ex2'], from: FROM, to: TO };

describe('the fault schedule', () => {
  const plan = planFaults(input);

  it('is the same for the same seed and differs for another', () => {
    expect(planFaults(input)).toEqual(plan);
    expect(planFaults({ ...input, seed: 't' })).not.toEqual(plan);
  });

  it('holds `count` faults of the kinds asked, each inside [from, to] on whole minutes, sorted by start', () => {
    expect(plan).toHaveLength(50);
    for (const f of plan) {
      expect(f.at).toBeGreaterThanOrEqual(FROM);
      expect(f.until).toBeLessThanOrEqual(TO);
      expect(f.until).toBeGreaterThanOrEqual(f.at);
      expect(f.at % MIN).toBe(0);
    }
    expect(plan.map((f) => f.at)).toEqual([...plan.map((f) => f.at)].sort((a, b) => a - b));
    expect(new Set(plan.map((f) => f.name)).size).toBe(50);
    const only = planFaults({ ...input, kinds: ['hang', 'engine-restart'] });
    expect(new Set(only.map((f) => f.kind))).toEqual(new Set(['hang', 'engine-restart']));
  });

  it('restarts happen at an instant, the engine restart on no server; the others last 2 to 40 minutes on a server', () => {
    for (const f of plan) {
      if (f.kind === 'engine-restart' || f.kind === 'server-restart') expect(f.until).toBe(f.at);
      else expect((f.until - f.at) / MIN).toBeGreaterThanOrEqual(2);
      if (f.kind === 'engine-restart') expect(f.server).toBeUndefined();
      else expect(['ex1', 'ex2']).toContain(f.server);
      expect((f.until - f.at) / MIN).toBeLessThanOrEqual(40);
    }
  });

  it('no fault kinds with faults to draw is refused; zero faults is an empty schedule', () => {
    expect(() => planFaults({ ...input, kinds: [] })).toThrow(/no fault kinds/);
    expect(planFaults({ ...input, count: 0, kinds: [] })).toEqual([]);
  });
});

describe('the calendars', () => {
  const start = Date.UTC(2030, 4, 6, 6, 0);
  const end = start + 24 * 60 * MIN;
  const mailboxes = ['a@example.test', 'b@example.test', 'c@example.test'];
  const recoveryFrom = end - 5 * 60 * MIN;
  const probeFrom = end - 3 * 60 * MIN;
  const plan = planCalendars({ seed: 's', mailboxes, from: start, to: end, recoveryFrom, probeFrom });

  it('is the same for the same seed', () => {
    expect(planCalendars({ seed: 's', mailboxes, from: start, to: end, recoveryFrom, probeFrom })).toEqual(plan);
  });

  it('every mailbox gets its closing out-of-office, booked after probeFrom, across the end of the run; no other OOF', () => {
    for (const mailbox of mailboxes) {
      const closing = plan.changes.filter(
        (c) => c.mailbox === mailbox && c.kind === 'book' && c.meeting.subject === CLOSING_MEETING,
      );
      expect(closing).toHaveLength(1);
      const c = closing[0]!;
      if (c.kind !== 'book') throw new Error('not a booking');
      expect(c.at).toBeGreaterThanOrEqual(probeFrom);
      expect(c.at).toBeLessThanOrEqual(end - 25 * MIN);
      expect(Date.parse(c.meeting.start)).toBeLessThan(end);
      expect(Date.parse(c.meeting.end)).toBeGreaterThan(end);
      expect(c.meeting.freeBusy).toBe('OOF');
    }
    const otherOof = [...plan.initial.values()].flat().filter((m) => m.freeBusy === 'OOF');
    const bookedOof = plan.changes.filter((c) => c.kind === 'book' && c.meeting.freeBusy === 'OOF');
    expect(otherOof).toEqual([]);
    expect(bookedOof).toHaveLength(mailboxes.length);
  });

  it('every mailbox gets a Busy booking within 10 minutes after the last fault; changes are sorted, inside the run', () => {
    for (const mailbox of mailboxes) {
      const check = plan.changes.find(
        (c) => c.mailbox === mailbox && c.kind === 'book' && c.meeting.subject === 'Recovery check',
      );
      expect(check?.at).toBeGreaterThan(recoveryFrom);
      expect(check?.at).toBeLessThanOrEqual(recoveryFrom + 10 * MIN);
    }
    const ats = plan.changes.map((c) => c.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    for (const t of ats) expect(t > start && t < end).toBe(true);
    for (const m of mailboxes) expect(plan.initial.get(m)!.length).toBeGreaterThanOrEqual(3);
  });
});
