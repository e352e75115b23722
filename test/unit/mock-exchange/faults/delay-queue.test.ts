import { describe, expect, it } from 'vitest';
import { DelayQueue } from '../../../../mock-exchange/faults/delay-queue.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { inFlight } from '../../../../sim/in-flight.ts';

const START = Date.UTC(2030, 4, 6, 8);

describe('a DelayQueue (what latency holds bytes in)', () => {
  it('waits on one clock timer at a time, and holds the wire only while something waits', () => {
    const clock = new VirtualClock(START);
    const q = new DelayQueue(clock);
    const ran: number[] = [];
    q.push(100, () => ran.push(1));
    q.push(50, () => ran.push(2)); // never overtakes 1
    q.push(300, () => ran.push(3));
    expect(clock.pending).toBe(1);
    expect(inFlight(clock).held).toBe(1);
    clock.advance(100);
    expect(ran).toEqual([1, 2]);
    expect(clock.pending).toBe(1);
    expect(inFlight(clock).held).toBe(1);
    clock.advance(200);
    expect(ran).toEqual([1, 2, 3]);
    expect(clock.pending).toBe(0);
    expect(inFlight(clock).held).toBe(0);
  });

  it('an action queued by a running action runs after it, never inside it', () => {
    const clock = new VirtualClock(START);
    const q = new DelayQueue(clock);
    const ran: string[] = [];
    q.push(10, () => {
      ran.push('A begins');
      q.push(0, () => ran.push('B'));
      q.push(5, () => ran.push('C'));
      ran.push('A ends');
    });
    clock.advance(10);
    expect(ran).toEqual(['A begins', 'A ends', 'B']);
    expect(clock.pending).toBe(1);
    clock.advance(5);
    expect(ran).toEqual(['A begins', 'A ends', 'B', 'C']);
    expect(clock.pending).toBe(0);
    expect(inFlight(clock).held).toBe(0);
  });

  it('clear() drops what waits, stops its timer and lets go of the wire', () => {
    const clock = new VirtualClock(START);
    const q = new DelayQueue(clock);
    const ran: number[] = [];
    q.push(100, () => ran.push(1));
    q.push(200, () => ran.push(2));
    q.clear();
    expect(q.pending).toBe(0);
    expect(clock.pending).toBe(0);
    expect(inFlight(clock).held).toBe(0);
    clock.advance(1000);
    expect(ran).toEqual([]);
  });

  it('an action pushed at the instant queued ones fall due, before their timer has run, waits behind them', () => {
    const clock = new VirtualClock(START);
    const q = new DelayQueue(clock);
    const ran: string[] = [];
    // A socket event due at the same instant, on a timer made before the queue's own.
    clock.setTimeout(() => q.push(0, () => ran.push('B')), 10);
    q.push(10, () => ran.push('A'));
    clock.advance(10);
    expect(ran).toEqual(['A', 'B']);
  });
});
