/**
 * The peak resident memory of this process over one span of its life. `process.resourceUsage().maxRSS` is the peak
 * since the process began and never falls: in a catalog run, a small load scenario after a large one would report
 * the large one's memory as its own. This samples the resident set when it starts, every `intervalMs` of wall time
 * (a timer that keeps no process alive) and whenever asked.
 */
export class RssPeak {
  /** Resident memory when the span began, in KB. */
  readonly startKb: number;
  #peakKb: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** The resident set now, in bytes (process.memoryUsage.rss unless a test gives its own). */
    readonly readRss: () => number = () => process.memoryUsage.rss(),
    intervalMs = 100,
  ) {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0)
      throw new RangeError(`RSS sampling interval must be a positive number of milliseconds, not ${intervalMs}`);
    this.startKb = Math.round(readRss() / 1024);
    this.#peakKb = this.startKb;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  /** Sample now; returns the peak so far, in KB. */
  sample(): number {
    this.#peakKb = Math.max(this.#peakKb, Math.round(this.readRss() / 1024));
    return this.#peakKb;
  }

  /** The highest resident set sampled since the span began, in KB. */
  get peakKb(): number {
    return this.#peakKb;
  }

  /** Stop sampling; the peak stays readable. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
