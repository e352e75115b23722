import { describe, expect, it } from 'vitest';
import { TimerBuckets } from '../../../../gateway/calendar/timer-buckets.ts';
import { VirtualClock } from '../../../../sim/clock.ts';

const START = Date.UTC(2030, 4, 6, 8, 0, 0);

function buckets(granularityMs = 1000) {
  const clock = new VirtualClock(START);
  const fired: { key: string; at: number }[] = [];
  const b = new TimerBuckets<string>(clock, granularityMs, (key) => fired.push({ key, at: clock.now() - START }));
  return { clock, b, fired };
}

describe('TimerBuckets', () => {
  it('fires every key at its deadline rounded up to the granularity, keys due together in the order they were set', () => {
    const { clock, b, fired } = buckets();
    b.set('a', START + 2000);
    b.set('b', START + 1500);
    b.set('c', START + 1001);
    clock.advance(1999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([
      { key: 'a', at: 2000 },
      { key: 'b', at: 2000 },
      { key: 'c', at: 2000 },
    ]);
    expect(b.size).toBe(0);
  });

  it('uses two timers for a thousand keys due within two whole seconds', () => {
    const { b } = buckets();
    for (let i = 0; i < 1000; i++) b.set(`u${i}`, START + 60_000 + (i % 1000));
    expect(b.size).toBe(1000);
    expect(b.timers).toBe(2);
  });

  it('a key set again moves to its new deadline; a deleted key never fires; an empty bucket frees its timer', () => {
    const { clock, b, fired } = buckets();
    b.set('a', START + 1000);
    b.set('b', START + 1000);
    b.set('a', START + 5000);
    b.delete('b');
    expect(b.timers).toBe(1);
    clock.advance(4000);
    expect(fired).toEqual([]);
    clock.advance(1000);
    expect(fired).toEqual([{ key: 'a', at: 5000 }]);
  });

  it('a handler may set its own key again, even for the instant that is ringing', () => {
    const clock = new VirtualClock(START);
    const fired: number[] = [];
    let again = true;
    const b: TimerBuckets<string> = new TimerBuckets<string>(clock, 1000, (key) => {
      fired.push(clock.now() - START);
      if (again) {
        again = false;
        b.set(key, clock.now());
      }
    });
    b.set('a', START + 1000);
    clock.advance(1000);
    expect(fired).toEqual([1000, 1000]);
  });

  it('clear drops every deadline', () => {
    const { clock, b, fired } = buckets();
    b.set('a', START + 1000);
    b.clear();
    clock.advance(10_000);
    expect(fired).toEqual([]);
    expect(b.timers).toBe(0);
  });
});
