/**
 * Admission for per-user subscribe flows (FindFolder, Subscribe, FindItem): at most `limit` users at once,
 * the others wait their turn in order. Without it a node starting with thousands of users overflows its
 * own Exchange Queue and every user backs off at the same instant.
 */
export class SubscribeQueue<K> {
  readonly #waiting = new Map<K, () => Promise<void>>();
  #running = 0;

  constructor(readonly limit: number) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  /** Queue work for a key; a key already waiting keeps its place in line and runs the newer work. */
  push(key: K, work: () => Promise<void>): void {
    this.#waiting.set(key, work);
    this.#pump();
  }

  delete(key: K): void {
    this.#waiting.delete(key);
  }

  clear(): void {
    this.#waiting.clear();
  }

  #pump(): void {
    while (this.#running < Math.max(1, this.limit)) {
      const next = this.#waiting.entries().next();
      if (next.done) return;
      const [key, work] = next.value;
      this.#waiting.delete(key);
      this.#running++;
      // A flow reports its own failures; the queue only keeps the line moving.
      work()
        .catch(() => {})
        .finally(() => {
          this.#running--;
          this.#pump();
        });
    }
  }
}
