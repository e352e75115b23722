/** A queued firing: the timer's due time and sequence when it was queued. */
interface Entry<T> {
  due: number;
  seq: number;
  timer: T;
}

/**
 * The virtual clock's timers ordered by (due, seq) in a binary heap: the earliest in O(log n) where a scan of
 * every timer made a lab with thousands of users' timers quadratic. Cancelled and rescheduled timers leave their
 * old entries behind; `live` tells them apart, and they are dropped when they reach the top or when they
 * outnumber the live ones (so the heap stays within twice the timers, plus a constant).
 */
export class TimerQueue<T extends { due: number; seq: number }> {
  #heap: Entry<T>[] = [];

  constructor(readonly live: (timer: T, seq: number) => boolean) {}

  /** Queue a timer at its current due time and sequence. */
  push(timer: T): void {
    this.#heap.push({ due: timer.due, seq: timer.seq, timer });
    this.#up(this.#heap.length - 1);
  }

  /** The live timer due first (ties: lowest seq), left queued. */
  peek(): T | undefined {
    const heap = this.#heap;
    while (heap.length > 0) {
      const top = heap[0] as Entry<T>;
      if (this.live(top.timer, top.seq)) return top.timer;
      this.#pop();
    }
    return undefined;
  }

  /** Drop stale entries when they outnumber `liveCount`, the number of live timers. */
  compact(liveCount: number): void {
    if (this.#heap.length <= 2 * liveCount + 1024) return;
    this.#heap = this.#heap.filter((e) => this.live(e.timer, e.seq));
    for (let i = (this.#heap.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop() as Entry<T>;
    if (heap.length === 0) return;
    heap[0] = last;
    this.#down(0);
  }

  #before(a: Entry<T>, b: Entry<T>): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  #up(i: number): void {
    const heap = this.#heap;
    const e = heap[i] as Entry<T>;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<T>;
      if (!this.#before(e, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  #down(i: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const e = heap[i] as Entry<T>;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.#before(heap[right] as Entry<T>, heap[child] as Entry<T>)) child = right;
      const c = heap[child] as Entry<T>;
      if (!this.#before(c, e)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = e;
  }
}
