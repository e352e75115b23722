import type { EventEmitter } from 'node:events';

/** Records every emission of one event; `next()` hands them out in order, waiting when none is left. */
export class EventRecorder<T> {
  readonly events: T[] = [];
  #taken = 0;
  readonly #waiters: ((e: T) => void)[] = [];

  constructor(emitter: EventEmitter, name: string) {
    emitter.on(name, (e: T) => {
      this.events.push(e);
      this.#wake();
    });
  }

  next(): Promise<T> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#wake();
    });
  }

  #wake(): void {
    while (this.#waiters.length && this.#taken < this.events.length) {
      this.#waiters.shift()!(this.events[this.#taken++]!);
    }
  }
}
