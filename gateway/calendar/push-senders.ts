import { isIP } from 'node:net';
import type { Clock } from '../../sim/clock.ts';
import type { LookupFunction } from '../network/gateway-network.ts';

/** How long a gateway host's resolved addresses are trusted before the next notification resolves them again. */
const RESOLVE_TTL_MS = 60_000;

/** The form an address has on a socket: IPv4-mapped IPv6 compares as IPv4. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * Who may POST push notifications: the addresses the configured Exchange gateways resolve to,
 * as the node's own resolver (lab hosts table or DNS) answers for them.
 */
export class PushSenders {
  readonly #cache = new Map<string, { at: number; addresses: string[] }>();

  constructor(
    readonly hosts: () => readonly string[],
    readonly lookup: LookupFunction,
    readonly clock: Clock,
  ) {}

  async allows(address: string | undefined): Promise<boolean> {
    const from = plainAddress(address);
    if (!from) return false;
    for (const host of this.hosts()) if ((await this.#addresses(host)).includes(from)) return true;
    return false;
  }

  async #addresses(host: string): Promise<string[]> {
    if (isIP(host)) return [plainAddress(host)];
    const hit = this.#cache.get(host);
    if (hit && this.clock.now() - hit.at < RESOLVE_TTL_MS) return hit.addresses;
    const addresses = await new Promise<string[]>((resolve) =>
      this.lookup(host, { all: true }, (err, found) => {
        if (err || !found) resolve([]);
        else if (typeof found === 'string') resolve([plainAddress(found)]);
        else resolve(found.map((a) => plainAddress(a.address)));
      }),
    );
    this.#cache.set(host, { at: this.clock.now(), addresses });
    return addresses;
  }
}
