import type { VirtualClock } from './clock.ts';

export const CLOCK_SPEEDS = [1, 60, 600] as const;

export interface ClockDriverState {
  now: number;
  speed: number;
  paused: boolean;
}

/**
 * Runs a VirtualClock against the wall clock for live use (trainers): time flows at `speed` times real
 * time, can be paused, and can jump ahead. Each step goes through `step`, so the lab can let I/O settle.
 */
export class ClockDriver {
  #speed: number;
  #paused = false;
  #timer: NodeJS.Timeout | undefined;
  #lastReal = 0;
  #stepping: Promise<void> = Promise.resolve();
  /** Where a play-until stops the flow, and who waits for it. */
  #until: { target: number; reached: () => void } | undefined;
  readonly #listeners = new Set<(s: ClockDriverState) => void>();

  constructor(
    readonly clock: VirtualClock,
    readonly step: (target: number) => Promise<void> = async (t) => clock.runUntil(t),
    options: { speed?: number; tickMs?: number } = {},
  ) {
    this.#speed = options.speed ?? 1;
    this.tickMs = options.tickMs ?? 100;
  }

  readonly tickMs: number;

  state(): ClockDriverState {
    return { now: this.clock.now(), speed: this.#speed, paused: this.#paused };
  }

  onChange(listener: (s: ClockDriverState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#timer) return;
    this.#lastReal = Date.now();
    this.#timer = setInterval(() => this.#tick(), this.tickMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  pause(): void {
    this.#paused = true;
    this.#emit();
  }

  resume(): void {
    this.#paused = false;
    this.#lastReal = Date.now();
    this.#emit();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000)
      throw new RangeError(`speed must be a positive number up to 100000, got ${speed}`);
    this.#speed = speed;
    this.#emit();
  }

  /** Jump forward to an instant, firing everything on the way. Jumping into the past is refused. */
  jumpTo(target: number): Promise<void> {
    if (!Number.isFinite(target)) return Promise.reject(new RangeError('jump target is not a valid time'));
    if (target < this.clock.now())
      return Promise.reject(
        new RangeError(`cannot jump back to ${new Date(target).toISOString()}: time only moves forward`),
      );
    return this.#enqueue(target);
  }

  /**
   * Let time flow at the current speed until `target`, then pause there: a stretch of the day shown
   * live that ends on an exact instant. Settles once the clock has reached the target.
   */
  playUntil(target: number): Promise<void> {
    if (!Number.isFinite(target)) return Promise.reject(new RangeError('play target is not a valid time'));
    if (target <= this.clock.now()) return this.#enqueue(target);
    if (!this.#timer) return Promise.reject(new Error('the clock driver is not started'));
    return new Promise<void>((resolve) => {
      this.#until = { target, reached: resolve };
      this.resume();
    });
  }

  #tick(): void {
    const real = Date.now();
    const elapsed = real - this.#lastReal;
    this.#lastReal = real;
    if (this.#paused || elapsed <= 0) return;
    const target = this.clock.now() + elapsed * this.#speed;
    const until = this.#until;
    if (until && target >= until.target) {
      this.#until = undefined;
      this.#paused = true;
      void this.#enqueue(until.target).then(until.reached, until.reached);
      return;
    }
    void this.#enqueue(target);
  }

  #enqueue(target: number): Promise<void> {
    const run = this.#stepping.then(async () => {
      if (target > this.clock.now()) await this.step(target);
      this.#emit();
    });
    this.#stepping = run.catch(() => {});
    return run;
  }

  #emit(): void {
    const s = this.state();
    for (const l of this.#listeners) l(s);
  }
}
