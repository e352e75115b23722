import { TimerQueue } from './timer-queue.ts';

/** Every timer in pgsim goes through a Clock, so tests and trainers can drive time. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  date(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
}

class SystemTimer implements TimerHandle {
  constructor(
    readonly id: number,
    readonly native: NodeJS.Timeout,
  ) {}
}

/** Wall-clock time and Node's own timers. */
export class SystemClock implements Clock {
  #next = 1;
  now(): number {
    return Date.now();
  }
  date(): Date {
    return new Date(this.now());
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const native = setTimeout(fn, Math.max(0, ms));
    native.unref();
    return new SystemTimer(this.#next++, native);
  }
  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle instanceof SystemTimer) clearTimeout(handle.native);
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    const native = setInterval(fn, Math.max(1, ms));
    native.unref();
    return new SystemTimer(this.#next++, native);
  }
  clearInterval(handle: TimerHandle | undefined): void {
    if (handle instanceof SystemTimer) clearInterval(handle.native);
  }
}

interface VirtualTimer extends TimerHandle {
  due: number;
  seq: number;
  fn: () => void;
  interval?: number;
}

export type ClockListener = (now: number) => void;

/**
 * Simulated time: it moves only when told to. Due timers fire in (due time, creation order),
 * including timers scheduled by timers that fire during the same advance.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #nextId = 1;
  readonly #timers = new Map<number, VirtualTimer>();
  // A timer's entry is current while the timer is still set and has not been rescheduled since (same seq).
  readonly #queue = new TimerQueue<VirtualTimer>((t, seq) => t.seq === seq && this.#timers.get(t.id) === t);
  readonly #listeners = new Set<ClockListener>();

  constructor(start: Date | number = Date.UTC(2030, 4, 6, 8, 0, 0)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
    if (!Number.isFinite(this.#now)) throw new RangeError(`VirtualClock: invalid start time ${String(start)}`);
  }

  now(): number {
    return this.#now;
  }
  date(): Date {
    return new Date(this.#now);
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the next timer is due, or undefined when none is. */
  nextDue(): number | undefined {
    return this.#queue.peek()?.due;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms);
  }
  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle && this.#timers.delete(handle.id)) this.#queue.compact(this.#timers.size);
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, true);
  }
  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  /** Observe every change of the current time (dashboards, journals). */
  onTick(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Move time forward by ms, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`VirtualClock.advance: ms must be >= 0, got ${ms}`);
    this.runUntil(this.#now + ms);
  }

  /** Move time forward to target (a Date or epoch ms), firing due timers in order. */
  runUntil(target: Date | number): void {
    const end = typeof target === 'number' ? target : target.getTime();
    if (!Number.isFinite(end)) throw new RangeError(`VirtualClock.runUntil: invalid target ${String(target)}`);
    if (end < this.#now) throw new RangeError(`VirtualClock.runUntil: ${new Date(end).toISOString()} is in the past`);
    for (;;) {
      const next = this.#earliest();
      if (!next || next.due > end) break;
      this.#now = Math.max(this.#now, next.due);
      if (next.interval !== undefined) {
        next.due += next.interval;
        next.seq = this.#seq++;
        this.#queue.push(next);
      } else {
        this.#timers.delete(next.id);
      }
      next.fn();
    }
    this.#now = end;
    for (const l of this.#listeners) l(this.#now);
  }

  /** Fire timers until none is left due by now + limitMs; returns how many fired. */
  runAll(limitMs = 24 * 3600_000): number {
    let fired = 0;
    const end = this.#now + limitMs;
    for (;;) {
      const next = this.#earliest();
      if (!next || next.due > end) return fired;
      this.runUntil(next.due);
      fired++;
    }
  }

  #add(fn: () => void, ms: number, repeat = false): TimerHandle {
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    // The period comes from the sanitized delay: a NaN period would make the timer due forever.
    const interval = repeat ? Math.max(1, delay) : undefined;
    const timer: VirtualTimer = { id: this.#nextId++, due: this.#now + delay, seq: this.#seq++, fn, interval };
    this.#timers.set(timer.id, timer);
    this.#queue.push(timer);
    return timer;
  }

  #earliest(): VirtualTimer | undefined {
    return this.#queue.peek();
  }
}
