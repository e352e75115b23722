/** Runs tasks one at a time, in call order: scenario steps and the trainer's clock never move time together. */
export class SerialLock {
  #tail: Promise<void> = Promise.resolve();

  /** Wait for the lock; the returned function releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const turn = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return turn;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}
