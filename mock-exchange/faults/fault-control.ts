import type { Clock } from '../../sim/clock.ts';
import type { IdGenerator } from '../../sim/ids.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { Fault } from './fault.ts';
import { type FaultInputContext, parseFault, parseFaults } from './parse-fault.ts';
import { ServerFaults } from './server-faults.ts';

/**
 * The faults of every server in an organization. Input is validated completely before anything
 * changes, so bad input leaves the running organization as it was.
 */
export class FaultControl {
  readonly #servers = new Map<string, ServerFaults>();

  constructor(
    serverNames: Iterable<string>,
    clock: Clock,
    ids: IdGenerator,
    readonly inputContext: () => FaultInputContext = () => ({}),
    initial: ReadonlyMap<string, Fault[]> = new Map(),
  ) {
    for (const name of serverNames) {
      // One random stream per server, so draws on one server never shift another's.
      const random = () => ids.bytes(`toxicity:${name}`, 4).readUInt32BE(0) / 2 ** 32;
      this.#servers.set(name, new ServerFaults(name, clock, random, initial.get(name)));
    }
  }

  /** The faults of one server; throws UNKNOWN_SERVER for an unknown server. */
  for(server: string): ServerFaults {
    const faults = this.#servers.get(server);
    if (!faults) {
      throw MockExchangeError.at(
        'UNKNOWN_SERVER',
        'server',
        `unknown server "${server}"; known: ${[...this.#servers.keys()].join(', ')}`,
      );
    }
    return faults;
  }

  list(server: string): readonly Fault[] {
    return this.for(server).list();
  }

  /** Replace a server's faults with `input` (a list of `{ type, ...attributes }`). */
  async set(server: string, input: unknown, field = 'faults'): Promise<Fault[]> {
    const target = this.for(server);
    const faults = parseFaults(input, field, this.inputContext());
    await target.replace(faults);
    return faults;
  }

  /** Add one fault to a server. */
  async add(server: string, input: unknown, field = 'fault'): Promise<Fault> {
    const target = this.for(server);
    const fault = parseFault(input, field, this.inputContext());
    await target.add(fault);
    return fault;
  }

  /** Remove a server's fault by name; throws when there is none of that name. */
  async remove(server: string, name: string): Promise<void> {
    const target = this.for(server);
    if (!(await target.remove(name))) {
      const names = target.list().map((f) => f.name);
      throw MockExchangeError.at(
        'INVALID_VALUE',
        'name',
        `server ${server} has no fault named "${name}"; it has: ${names.join(', ') || 'none'}`,
      );
    }
  }

  async clear(server: string): Promise<void> {
    await this.for(server).replace([]);
  }
}
