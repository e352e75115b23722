import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sim/clock.ts';

const START = Date.UTC(2030, 4, 6, 8, 0, 0);

describe('VirtualClock', () => {
  it('starts where it is told and moves only when advanced', () => {
    const clock = new VirtualClock(new Date(START));
    expect(clock.now()).toBe(START);
    expect(clock.date().toISOString()).toBe('2030-05-06T08:00:00.000Z');
    clock.advance(1500);
    expect(clock.now()).toBe(START + 1500);
    clock.advance(0);
    expect(clock.now()).toBe(START + 1500);
  });

  it('fires due timers in due-time order, seeing the due time as now', () => {
    const clock = new VirtualClock(START);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 300);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 1000);
    clock.advance(300);
    expect(fired).toEqual([
      ['a', START + 100],
      ['b', START + 200],
      ['c', START + 300],
    ]);
    expect(clock.pending).toBe(1);
    expect(clock.nextDue()).toBe(START + 1000);
  });

  it('fires timers due at the same time in creation order', () => {
    const clock = new VirtualClock(START);
    const fired: number[] = [];
    for (let i = 0; i < 10; i++) clock.setTimeout(() => fired.push(i), 50);
    clock.advance(50);
    expect(fired).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('fires timers scheduled by a firing timer within the same advance when they fall due', () => {
    const clock = new VirtualClock(START);
    const fired: [string, number][] = [];
    clock.setTimeout(() => {
      fired.push(['outer', clock.now() - START]);
      clock.setTimeout(() => fired.push(['inner-0', clock.now() - START]), 0);
      clock.setTimeout(() => fired.push(['inner-50', clock.now() - START]), 50);
      clock.setTimeout(() => fired.push(['inner-500', clock.now() - START]), 500);
    }, 100);
    clock.setTimeout(() => fired.push(['sibling-120', clock.now() - START]), 120);
    clock.advance(200);
    expect(fired).toEqual([
      ['outer', 100],
      ['inner-0', 100],
      ['sibling-120', 120],
      ['inner-50', 150],
    ]);
    clock.advance(400);
    expect(fired.at(-1)).toEqual(['inner-500', 600]);
  });

  it('orders a zero-delay timer created by a timer after timers already due at that instant', () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    clock.setTimeout(() => {
      fired.push('first');
      clock.setTimeout(() => fired.push('scheduled-by-first'), 0);
    }, 10);
    clock.setTimeout(() => fired.push('second'), 10);
    clock.advance(10);
    expect(fired).toEqual(['first', 'second', 'scheduled-by-first']);
  });

  it('repeats setInterval every period until cleared, interleaved with timeouts by due time', () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    const h = clock.setInterval(() => fired.push(`tick@${clock.now() - START}`), 100);
    clock.setTimeout(() => fired.push(`timeout@${clock.now() - START}`), 250);
    clock.advance(350);
    expect(fired).toEqual(['tick@100', 'tick@200', 'timeout@250', 'tick@300']);
    clock.clearInterval(h);
    clock.advance(1000);
    expect(fired).toHaveLength(4);
    expect(clock.pending).toBe(0);
  });

  it('lets an interval clear itself from its own callback', () => {
    const clock = new VirtualClock(START);
    let count = 0;
    const h = clock.setInterval(() => {
      count++;
      if (count === 3) clock.clearInterval(h);
    }, 10);
    clock.advance(1000);
    expect(count).toBe(3);
    expect(clock.pending).toBe(0);
  });

  it('clearTimeout cancels a pending timer, also from another timer in the same advance', () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    const victim = clock.setTimeout(() => fired.push('victim'), 200);
    clock.setTimeout(() => {
      fired.push('killer');
      clock.clearTimeout(victim);
    }, 100);
    const other = clock.setTimeout(() => fired.push('other'), 150);
    clock.clearTimeout(other);
    clock.clearTimeout(undefined);
    clock.advance(500);
    expect(fired).toEqual(['killer']);
    expect(clock.pending).toBe(0);
  });

  it('runUntil moves to an absolute time (Date or epoch ms) and fires what falls due on the way', () => {
    const clock = new VirtualClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 60_000);
    clock.runUntil(new Date(START + 59_999));
    expect(fired).toEqual([]);
    clock.runUntil(START + 60_000);
    expect(fired).toEqual([START + 60_000]);
    expect(clock.now()).toBe(START + 60_000);
  });

  it('runUntil into the past throws and changes nothing', () => {
    const clock = new VirtualClock(START);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 0);
    expect(() => clock.runUntil(START - 1)).toThrow(/in the past/);
    expect(clock.now()).toBe(START);
    expect(fired).toBe(false);
    expect(clock.pending).toBe(1);
  });

  it('rejects invalid inputs with a RangeError naming the call', () => {
    expect(() => new VirtualClock(Number.NaN)).toThrow(/VirtualClock: invalid start time/);
    expect(() => new VirtualClock(new Date('not a date'))).toThrow(RangeError);
    const clock = new VirtualClock(START);
    expect(() => clock.advance(-1)).toThrow(/VirtualClock.advance: ms must be >= 0/);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(/VirtualClock.runUntil: invalid target/);
    expect(() => clock.runUntil(new Date('garbage'))).toThrow(/VirtualClock.runUntil: invalid target/);
    expect(clock.now()).toBe(START);
  });

  it('treats negative and non-finite delays as zero and non-finite periods as 1 ms, as Node does', () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('negative'), -100);
    clock.setTimeout(() => fired.push('nan'), Number.NaN);
    clock.advance(0);
    expect(fired).toEqual(['negative', 'nan']);
    // A NaN period once made the timer due at NaN: runUntil then looped forever.
    let ticks = 0;
    const h = clock.setInterval(() => ticks++, Number.NaN);
    clock.advance(5);
    expect(ticks).toBe(6);
    expect(clock.now()).toBe(START + 5);
    clock.clearInterval(h);
    let slowTicks = 0;
    const slow = clock.setInterval(() => slowTicks++, Number.POSITIVE_INFINITY);
    clock.advance(10);
    expect(slowTicks).toBe(11);
    clock.clearInterval(slow);
    expect(clock.pending).toBe(0);
  });

  it('notifies tick listeners of each new time until they unsubscribe', () => {
    const clock = new VirtualClock(START);
    const seen: number[] = [];
    const off = clock.onTick((now) => seen.push(now - START));
    clock.advance(10);
    clock.runUntil(START + 25);
    off();
    clock.advance(5);
    expect(seen).toEqual([10, 25]);
  });

  it('runAll fires everything due within the limit, including chains, and reports the count', () => {
    const clock = new VirtualClock(START);
    let chain = 0;
    const step = () => {
      chain++;
      if (chain < 5) clock.setTimeout(step, 1000);
    };
    clock.setTimeout(step, 1000);
    clock.setTimeout(() => {}, 10 * 3600_000);
    expect(clock.runAll(3600_000)).toBe(5);
    expect(clock.now()).toBe(START + 5000);
    expect(clock.pending).toBe(1);
  });

  it('fires thousands of timers, some cleared, some repeating, in (due, creation) order; nextDue skips cleared ones', () => {
    const clock = new VirtualClock(START);
    const fired: number[] = [];
    const handles: { n: number; due: number; h: ReturnType<VirtualClock['setTimeout']> }[] = [];
    // Due times from a fixed linear congruential sequence, with many ties.
    let x = 7;
    for (let n = 0; n < 6000; n++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const due = (x % 500) * 10;
      handles.push({ n, due, h: clock.setTimeout(() => fired.push(n), due) });
    }
    const cleared = new Set<number>();
    for (const { n, h } of handles) {
      if (n % 3 === 0) {
        clock.clearTimeout(h);
        cleared.add(n);
      }
    }
    const expected = handles
      .filter(({ n }) => !cleared.has(n))
      .sort((a, b) => a.due - b.due || a.n - b.n)
      .map(({ n }) => n);
    const firstLive = handles.filter(({ n }) => !cleared.has(n)).reduce((m, { due }) => Math.min(m, due), Infinity);
    expect(clock.nextDue()).toBe(START + firstLive);
    const ticks: number[] = [];
    const every = clock.setInterval(() => ticks.push(clock.now() - START), 1000);
    clock.advance(5000);
    expect(fired).toEqual(expected);
    expect(ticks).toEqual([1000, 2000, 3000, 4000, 5000]);
    clock.clearInterval(every);
    expect(clock.pending).toBe(0);
    expect(clock.nextDue()).toBeUndefined();
  });
});
