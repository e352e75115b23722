import { EventEmitter } from 'node:events';
import { LabContext, type LabHandle } from './lab-context.ts';
import type { StatusState } from './protocol.ts';

/**
 * Which lab the dashboard shows: the live lab, or a scenario's lab while one is loaded. The live lab's
 * clock pauses while a scenario is shown and resumes as it was when the trainer comes back.
 */
export class LabHost extends EventEmitter<{ switch: [LabContext]; status: [StatusState] }> {
  #current: LabContext;
  #generation = 1;
  #livePausedBefore: boolean | undefined;

  constructor(readonly live: LabHandle) {
    super();
    this.#current = this.#context(live);
  }

  get current(): LabContext {
    return this.#current;
  }

  showScenario(handle: LabHandle): void {
    if (this.#livePausedBefore === undefined) {
      this.#livePausedBefore = this.live.driver.state().paused;
      this.live.driver.pause();
    }
    this.#show(handle);
  }

  showLive(): void {
    if (this.#current.handle === this.live) return;
    if (this.#livePausedBefore === false) this.live.driver.resume();
    this.#livePausedBefore = undefined;
    this.#show(this.live);
  }

  #show(handle: LabHandle): void {
    const previous = this.#current;
    this.#current = this.#context(handle);
    previous.dispose();
    this.emit('switch', this.#current);
  }

  #context(handle: LabHandle): LabContext {
    const ctx: LabContext = new LabContext(handle, this.#generation++, (s) => {
      if (this.#current === ctx) this.emit('status', s);
    });
    return ctx;
  }
}
