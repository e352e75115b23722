import type { Clock } from './clock.ts';

/**
 * Real I/O that a component started and is waiting on, per clock: the time driver lets no virtual time
 * pass while any of it is in flight, unless a fault holds a wire on purpose (a hung connection, delayed
 * bytes, a held FIN), whose end is itself a virtual timer.
 */
export class InFlight {
  readonly #work = new Map<number, string>();
  readonly #holds = new Map<number, string>();
  #next = 1;
  #changes = 0;

  /** Start one piece of work (`what` names it in logs); call the returned function once it is over. */
  begin(what: string): () => void {
    return this.#add(this.#work, what);
  }

  /** A fault holds a wire until a virtual timer or the fault's removal; call the returned function when it lets go. */
  hold(what: string): () => void {
    return this.#add(this.#holds, what);
  }

  get count(): number {
    return this.#work.size;
  }

  get held(): number {
    return this.#holds.size;
  }

  /** Changes whenever work or a hold begins or ends. */
  get changes(): number {
    return this.#changes;
  }

  /** What is in flight, for a log line. */
  describe(limit = 5): string {
    const names = [...this.#work.values()];
    const shown = names.slice(0, limit).join(', ');
    return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
  }

  #add(into: Map<number, string>, what: string): () => void {
    const id = this.#next++;
    into.set(id, what);
    this.#changes++;
    return () => {
      if (into.delete(id)) this.#changes++;
    };
  }
}

const registries = new WeakMap<Clock, InFlight>();

/** The registry of the lab that runs on `clock`; every component with that clock shares it. */
export function inFlight(clock: Clock): InFlight {
  let r = registries.get(clock);
  if (!r) {
    r = new InFlight();
    registries.set(clock, r);
  }
  return r;
}
