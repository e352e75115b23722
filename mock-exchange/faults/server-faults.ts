import type { Clock } from '../../sim/clock.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { Fault } from './fault.ts';
import { faultDefinition } from './parse-fault.ts';

export type FaultsListener = (faults: readonly Fault[]) => void | Promise<void>;

/** The plan for one accepted connection: a fault that takes the socket over, or stream faults to proxy through. */
export interface ConnectionPlan {
  takeOver?: Fault;
  stream: Fault[];
}

/** What a request is, for matching Exchange faults limited to an operation or a mailbox. */
export interface RequestScope {
  operation?: string;
  mailbox?: string;
}

/**
 * The faults active on one Exchange server, as validated data. Toxicity is drawn from the seeded random
 * source: once per connection for network faults (as toxiproxy does per link), once per request for
 * Exchange faults. Time windows (`from`/`until`) are read on the sim Clock.
 */
export class ServerFaults {
  #faults: Fault[] = [];
  readonly #listeners = new Set<FaultsListener>();

  constructor(
    readonly server: string,
    readonly clock: Clock,
    readonly random: () => number,
    initial: Fault[] = [],
  ) {
    this.#faults = [...initial];
  }

  list(): readonly Fault[] {
    return this.#faults;
  }

  get down(): boolean {
    return this.#faults.some((f) => f.type === 'down');
  }

  /** Replace every fault (already validated) and wait until the listener has acted on it. */
  async replace(faults: Fault[]): Promise<void> {
    this.#faults = [...faults];
    await Promise.all([...this.#listeners].map((l) => l(this.#faults)));
  }

  async add(fault: Fault): Promise<void> {
    if (this.#faults.some((f) => f.name === fault.name)) {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        'name',
        `server ${this.server} already has a fault named "${fault.name}"; remove it first or choose another name`,
      );
    }
    await this.replace([...this.#faults, fault]);
  }

  async remove(name: string): Promise<boolean> {
    const kept = this.#faults.filter((f) => f.name !== name);
    if (kept.length === this.#faults.length) return false;
    await this.replace(kept);
    return true;
  }

  onChange(listener: FaultsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Network faults for a new connection; the first connection-level fault that applies takes it over. */
  forConnection(): ConnectionPlan {
    const plan: ConnectionPlan = { stream: [] };
    for (const f of this.#faults) {
      const def = faultDefinition(f);
      if (def.layer !== 'network' || def.acts === 'listener' || !this.#draw(f)) continue;
      if (def.acts === 'connection') {
        plan.takeOver ??= f;
      } else plan.stream.push(f);
    }
    return plan;
  }

  /** The first Exchange fault that answers this request instead of the operation, if any applies now. */
  forRequest(scope: RequestScope): Fault | undefined {
    return this.#faults.find((f) => {
      const def = faultDefinition(f);
      return def.layer === 'exchange' && def.respond !== undefined && this.#applies(f, scope) && this.#draw(f);
    });
  }

  /**
   * An active fault of `type` that matches the scope, for components that apply a declared fault themselves
   * (push delivery asks for `callback-unreachable` before each SendNotification).
   */
  active(type: string, scope: RequestScope = {}): Fault | undefined {
    return this.#faults.find((f) => f.type === type && this.#applies(f, scope) && this.#draw(f));
  }

  #applies(f: Fault, scope: RequestScope): boolean {
    const now = this.clock.now();
    if (typeof f.from === 'string' && now < Date.parse(f.from)) return false;
    if (typeof f.until === 'string' && now >= Date.parse(f.until)) return false;
    if (typeof f.operation === 'string' && f.operation !== scope.operation) return false;
    if (typeof f.mailbox === 'string' && f.mailbox !== scope.mailbox?.toLowerCase()) return false;
    return true;
  }

  #draw(f: Fault): boolean {
    if (f.toxicity >= 1) return true;
    if (f.toxicity <= 0) return false;
    return this.random() < f.toxicity;
  }
}
