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

  #tick(): void {
    const real = Date.now();
    const elapsed = real - this.#lastReal;
    this.#lastReal = real;
    if (this.#paused || elapsed <= 0) return;
    void this.#enqueue(this.clock.now() + elapsed * this.#speed);
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
