import type { LiveMessage } from '../protocol.ts';
import type { Live } from './live.ts';

/** What a page listens to while it is shown; leaving the page stops every listener. */
export class Scope {
  readonly #offs: (() => void)[] = [];

  constructor(readonly live: Live) {}

  on(listener: (msg: LiveMessage) => void): void {
    this.#offs.push(this.live.on(listener));
  }

  /** Reload when the lab changed or was switched (and once now). Calls never overlap; one more runs if asked meanwhile. */
  reloadOnChange(load: () => Promise<void>): void {
    let running: Promise<void> | undefined;
    let again = false;
    const run = () => {
      if (running) {
        again = true;
        return;
      }
      running = load()
        .catch((err: unknown) => console.error(err))
        .finally(() => {
          running = undefined;
          if (again) {
            again = false;
            run();
          }
        });
    };
    this.on((msg) => {
      if (msg.type === 'changed' || msg.type === 'lab' || msg.type === 'hello') run();
    });
    run();
  }

  dispose(): void {
    for (const off of this.#offs.splice(0)) off();
  }
}
